import { useEffect } from 'react';
import { useStore } from '../state/store';
import { computeRace } from './raceRunner';

/** Recomputes the race whenever the game, β or the solver selection changes. */
export function useRaceUpdates(): void {
  const game = useStore((s) => s.game);
  const beta = useStore((s) => s.beta);
  const selected = useStore((s) => s.selected);
  const params = useStore((s) => s.params);
  const budget = useStore((s) => s.budget);
  useEffect(() => {
    const { setComputing, setRace, setError } = useStore.getState();
    if (selected.length === 0) return;
    setComputing(true);
    computeRace({ game, beta, solvers: selected, params, budget })
      .then((race) => race && setRace(race))
      .catch((e: unknown) => setError((e as Error).message));
  }, [game, beta, selected, params, budget]);
}

/** Advances the cursor once per animation frame while playing (reads the store transiently). */
export function usePlaybackLoop(): void {
  useEffect(() => {
    let frame = 0;
    const loop = (): void => {
      if (useStore.getState().playing) useStore.getState().tick();
      frame = requestAnimationFrame(loop);
    };
    frame = requestAnimationFrame(loop);
    return () => cancelAnimationFrame(frame);
  }, []);
}

/** Space plays and pauses, → steps, R resets — unless the user is typing in a field. */
export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const target = e.target as HTMLElement | null;
      if (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      const s = useStore.getState();
      if (e.key === ' ') {
        e.preventDefault();
        s.togglePlay();
      } else if (e.key === 'ArrowRight') {
        e.preventDefault();
        s.step();
      } else if (e.key === 'r' || e.key === 'R') s.reset();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
