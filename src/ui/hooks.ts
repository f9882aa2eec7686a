import { useEffect } from 'react';
import { useStore, type AppState } from '../state/store';
import { computeRace } from './raceRunner';
import {
  abortView,
  computeBasins,
  computeFairRace,
  computeFlowField,
  computeSweep,
} from './viewRunner';

/** Recomputes the race whenever the game, β or the solver selection changes. */
export function useRaceUpdates(): void {
  const game = useStore((s) => s.game);
  const beta = useStore((s) => s.beta);
  const selected = useStore((s) => s.selected);
  const params = useStore((s) => s.params);
  const budget = useStore((s) => s.budget);
  const queries = useStore((s) => s.queryModel);
  const seeds = useStore((s) => s.seeds);
  useEffect(() => {
    const { setComputing, setRace, setError } = useStore.getState();
    if (selected.length === 0) return;
    setComputing(true);
    computeRace({ game, beta, solvers: selected, params, budget, queries, seeds })
      .then((race) => race && setRace(race))
      .catch((e: unknown) => setError((e as Error).message));
  }, [game, beta, selected, params, budget, queries, seeds]);
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

type ViewKey = 'flow' | 'basins' | 'sweep' | 'fair';

/** Recomputes one open view (debounced) whenever one of its inputs changes. */
function useView<V extends ViewKey>(
  view: V,
  enabled: boolean,
  compute: () => Promise<AppState[V] | null>,
  deps: readonly unknown[],
): void {
  useEffect(() => {
    if (!enabled) return;
    const { setViewResult, setViewStatus } = useStore.getState();
    const timer = setTimeout(() => {
      setViewStatus(view, { busy: true });
      compute()
        .then((result) => result && setViewResult(view, result))
        .catch((e: unknown) => setViewStatus(view, { error: (e as Error).message }));
    }, 150);
    return () => {
      clearTimeout(timer);
      abortView(view); // new inputs or a closed view: the run in flight is stale
    };
    // The caller lists exactly what the view depends on.
  }, [enabled, ...deps]);
}

/** Keeps every open GPU-scale view in step with the experiment. */
export function useViewUpdates(): void {
  const game = useStore((s) => s.game);
  const beta = useStore((s) => s.beta);
  const solvers = useStore((s) => s.selected);
  const params = useStore((s) => s.params);
  const budget = useStore((s) => s.budget);
  const views = useStore((s) => s.views);
  const basinEpsilon = useStore((s) => s.basinEpsilon);
  const inputs = { game, beta, solvers, params, budget };
  const simplex = game.K === 3 && solvers.length > 0;
  useView('flow', views.flow && simplex, () => computeFlowField(inputs), [
    game,
    beta,
    solvers,
    params,
  ]);
  useView('basins', views.basins && simplex, () => computeBasins(inputs, basinEpsilon), [
    game,
    beta,
    solvers,
    params,
    budget,
    basinEpsilon,
  ]);
  // The sweep map covers every β itself: it does not follow the race's β.
  useView('sweep', views.sweep && solvers.length > 0, () => computeSweep(inputs, 1e-6), [
    game,
    solvers,
    params,
    budget,
  ]);
  useView('fair', views.fair && solvers.length > 0, () => computeFairRace(inputs), [
    game,
    beta,
    solvers,
    params,
    budget,
  ]);
}
