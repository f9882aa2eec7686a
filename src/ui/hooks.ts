import { useEffect } from 'react';
import { beginScope, cancelScope, endScope } from '../engine/page';
import type { Race } from '../experiment/race';
import { VIEWS } from '../experiment/views/registry';
import type { ViewContext, ViewDefinition, ViewId } from '../experiment/views/types';
import { useStore } from '../state/store';
import { computeRace, PROGRESS_AFTER_S } from './raceRunner';
import { moveSlide, slideMoveOf } from './tour/slideKeys';

/**
 * Computes the race for each race request: the store asks for one whenever a field the table
 * marks `restarts` changes (src/state/store.ts), and for the page's first experiment.
 */
export function useRaceUpdates(): void {
  const request = useStore((s) => s.raceRequest);
  useEffect(() => {
    const s = useStore.getState();
    const { game, beta, solvers, params, budget, queries, seeds, custom, engine } = s;
    const { setComputing, setRace, setError, setProgress } = s;
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
  }, [request]);
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

/** Inputs that hold no text: the page's undo applies while they have focus. */
const TEXTLESS_INPUTS = [
  'range',
  'checkbox',
  'radio',
  'button',
  'submit',
  'reset',
  'color',
  'file',
];

/** A field with its own text undo (the browser's), which Ctrl+Z must reach. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA') return true;
  return target instanceof HTMLInputElement && !TEXTLESS_INPUTS.includes(target.type);
}

/** Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z and Ctrl+Y redo; returns whether the key was one. */
function undoKey(e: KeyboardEvent): boolean {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return false;
  const key = e.key.toLowerCase();
  const redo = (key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey);
  if (!redo && !(key === 'z' && !e.shiftKey)) return false;
  // A text field keeps its own undo while it has focus.
  if (isTextEntry(e.target)) return true;
  e.preventDefault();
  const s = useStore.getState();
  if (redo) s.redo();
  else s.undo();
  return true;
}

/**
 * Space plays and pauses, → or S steps, R resets, P presents and Esc leaves present mode; while a
 * tour or lesson is open PageDown/PageUp, → ← and Home/End move its slides instead — unless the
 * user is typing in a field; Ctrl/Cmd+Z undoes and Ctrl+Shift+Z or Ctrl+Y redoes outside text.
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
      if (undoKey(e)) return;
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

/** Recomputes one view (debounced) whenever one of the inputs it follows changes. */
function useView<V extends ViewId>(view: ViewDefinition<V>, ctx: ViewContext): void {
  const enabled = view.isOn(ctx);
  const deps = view.dependsOn(ctx);
  useEffect(() => {
    if (!enabled) return;
    const { setViewResult, setViewStatus, setViewProgress } = useStore.getState();
    let kick: ReturnType<typeof setTimeout> | undefined;
    const timer = setTimeout(() => {
      setViewStatus(view.id, { busy: true });
      const scope = beginScope(view.id);
      const workers = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1));
      // As the race does: a view still computing after PROGRESS_AFTER_S shows its bar (at 0 %
      // until the engines report), and one done within a quarter second shows none.
      const t0 = performance.now();
      let shown = false;
      kick = setTimeout(() => {
        if (!shown && !scope.cancelled) setViewProgress(view.id, 0);
      }, PROGRESS_AFTER_S * 1000);
      const progress = (fraction: number): void => {
        if (scope.cancelled || performance.now() - t0 < 250) return;
        shown = true;
        setViewProgress(view.id, fraction);
      };
      view
        .compute(ctx, { scope, workers, progress })
        .then((result) => result && setViewResult(view.id, result))
        .catch((e: unknown) => setViewStatus(view.id, { error: (e as Error).message }))
        .finally(() => {
          clearTimeout(kick);
          endScope(scope);
        });
    }, 150);
    return () => {
      clearTimeout(timer);
      clearTimeout(kick);
      cancelScope(view.id); // new inputs or a closed view: the run in flight is stale
      useStore.getState().setViewProgress(view.id, null);
    };
    // The view lists exactly what it follows (dependsOn); ctx is read when the timer fires.
  }, [enabled, ...deps]);
}

/** Keeps every open GPU-scale view in step with the experiment. */
export function useViewUpdates(): void {
  const ctx: ViewContext = {
    game: useStore((s) => s.game),
    beta: useStore((s) => s.beta),
    solvers: useStore((s) => s.solvers),
    params: useStore((s) => s.params),
    budget: useStore((s) => s.budget),
    custom: useStore((s) => s.custom),
    open: useStore((s) => s.openViews),
    basinEpsilon: useStore((s) => s.basinEpsilon),
    epsilon: useStore((s) => s.epsilon),
  };
  // VIEWS is a constant list: the hooks run in the same order on every render.
  for (const view of VIEWS) useView(view, ctx);
}
