import { useEffect, useMemo } from 'react';
import type { SolverId, SolverParams } from '../core/solvers';
import type { Race } from '../experiment/race';
import { structuralParams } from '../experiment/views/sweep';
import { useStore } from '../state/store';
import type { ComputedView } from '../state/slices/views';
import { computeRace } from './raceRunner';
import { moveSlide, slideMoveOf } from './tour/slideKeys';
import {
  abortView,
  computeBasins,
  computeBootstrap,
  computeFairRace,
  computeFlowField,
  computeSweep,
} from './viewRunner';

/** Recomputes the race whenever the game, β, the solvers or their parameters change. */
export function useRaceUpdates(): void {
  const game = useStore((s) => s.game);
  const beta = useStore((s) => s.beta);
  const solvers = useStore((s) => s.solvers);
  const params = useStore((s) => s.params);
  const budget = useStore((s) => s.budget);
  const queries = useStore((s) => s.queries);
  const seeds = useStore((s) => s.seeds);
  const custom = useStore((s) => s.custom);
  const engine = useStore((s) => s.engine);
  useEffect(() => {
    const { setComputing, setRace, setError, setProgress } = useStore.getState();
    if (solvers.length === 0 && custom.length === 0) return;
    setComputing(true);
    const t0 = performance.now();
    const onProgress = (done: number, total: number): void => {
      const fraction = total > 0 ? done / total : 0;
      const elapsed = (performance.now() - t0) / 1000;
      // A race that finishes within a quarter second shows no progress (no re-render either).
      if (elapsed < 0.25) return;
      setProgress({
        fraction,
        secondsLeft: fraction > 0.02 ? (elapsed * (1 - fraction)) / fraction : null,
      });
    };
    // A sampled race's first seeds are drawn while the rest compute (the cursor stays put).
    const onPreview = (race: Race): void => useStore.setState({ race });
    computeRace(
      { game, beta, solvers, params, budget, queries, seeds, custom },
      onProgress,
      onPreview,
      engine,
    )
      .then((outcome) => {
        if (!outcome) return;
        if ('race' in outcome) setRace(outcome.race);
        else setError(outcome.error);
      })
      .catch((e: unknown) => setError((e as Error).message));
  }, [game, beta, solvers, params, budget, queries, seeds, custom, engine]);
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

/**
 * Space plays and pauses, → or S steps, R resets, P presents and Esc leaves present mode; while a
 * tour or lesson is open PageDown/PageUp, → ← and Home/End move its slides instead — unless the
 * user is typing in a field.
 */
export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const s = useStore.getState();
      // Esc leaves present mode from anywhere, a focused control included.
      if (e.key === 'Escape' && s.presenting) {
        s.setPresenting(false);
        return;
      }
      const target = e.target as HTMLElement | null;
      if (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      // Space on a focused button presses that button, and nothing else.
      if (e.key === ' ' && target?.tagName === 'BUTTON') return;
      // While a tour or lesson is open, a clicker's PageDown/PageUp, → ← and Home/End move its
      // slides (the panel handles them itself when focused); S steps the race, as always.
      const move = s.tour.open ? slideMoveOf(e.key) : null;
      if (move) {
        e.preventDefault();
        moveSlide(move);
      } else if (e.key === 'p' || e.key === 'P') s.setPresenting(!s.presenting);
      else if (e.key === ' ') {
        e.preventDefault();
        s.togglePlay();
      } else if (e.key === 'ArrowRight' || e.key === 's' || e.key === 'S') {
        e.preventDefault();
        s.step();
      } else if (e.key === 'r' || e.key === 'R') s.reset();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** Recomputes one open view (debounced) whenever one of its inputs changes. */
function useView<V extends ComputedView>(
  view: V,
  enabled: boolean,
  compute: () => Promise<ReturnType<typeof useStore.getState>[V] | null>,
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

/** The parameters a sweep keeps (not η or the schedule, which its grid sets), as a stable key. */
function useStructuralKey(params: Partial<Record<SolverId, SolverParams>>): string {
  return useMemo(
    () => JSON.stringify(Object.entries(params).map(([id, p]) => [id, structuralParams(p ?? {})])),
    [params],
  );
}

/** Keeps every open GPU-scale view in step with the experiment. */
export function useViewUpdates(): void {
  const game = useStore((s) => s.game);
  const beta = useStore((s) => s.beta);
  const solvers = useStore((s) => s.solvers);
  const params = useStore((s) => s.params);
  const budget = useStore((s) => s.budget);
  const open = useStore((s) => s.openViews);
  const basinEpsilon = useStore((s) => s.basinEpsilon);
  const custom = useStore((s) => s.custom);
  const structural = useStructuralKey(params);
  const inputs = { game, beta, solvers, params, budget, custom };
  const some = solvers.length + custom.length > 0;
  const simplex = game.K === 3 && some;
  useView('flow', open.includes('flow') && simplex, () => computeFlowField(inputs), [
    game,
    beta,
    solvers,
    params,
    custom,
  ]);
  useView('basins', open.includes('basins') && simplex, () => computeBasins(inputs, basinEpsilon), [
    game,
    beta,
    solvers,
    params,
    budget,
    basinEpsilon,
    custom,
  ]);
  // The sweep map covers every β and η itself: it follows neither the race's β nor its η.
  useView('sweep', open.includes('sweep') && some, () => computeSweep(inputs, 1e-6), [
    game,
    solvers,
    structural,
    budget,
    custom,
  ]);
  useView(
    'bootstrap',
    open.includes('bootstrap') && game.counts !== undefined,
    () => computeBootstrap(game, beta),
    [game, beta],
  );
  useView('fair', open.includes('fair') && some, () => computeFairRace(inputs), [
    game,
    beta,
    solvers,
    params,
    budget,
    custom,
  ]);
}
