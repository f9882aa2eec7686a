/**
 * Undo and redo of the experiment, by zundo's temporal middleware: the history records the field
 * table's values (`partialize`) and nothing else, so a step is a change of the experiment, never
 * of the cursor, a chart's hover or a computed race. Each store change that alters a field is
 * one step, except between `beginStep` and `endStep` (a slider drag, a sweep cell setting β and
 * η), where the first change records the step and the rest join it.
 *
 * While a tour or lesson plays on a copy of the person's experiment, the person's own history is
 * set aside with it: undo then walks the viewer's changes of the slide. Close brings the own
 * history back; "Keep this experiment" brings it back with the own experiment as one more step,
 * so that undo returns to it.
 */
import type { StoreApi } from 'zustand';
import type { TemporalState, ZundoOptions } from 'zundo';
import { experimentChanged, experimentOf, type Experiment } from './fields';

/** Steps kept; the oldest is dropped beyond this. */
export const HISTORY_LIMIT = 200;

type History = StoreApi<TemporalState<Experiment>>;
type Stacks = Pick<TemporalState<Experiment>, 'pastStates' | 'futureStates'>;

let history: History | null = null;
/** Open `beginStep`s, and whether the step they make has been recorded. */
let depth = 0;
let recorded = false;
/** The person's own history while a tour or lesson plays on a copy. */
let aside: Stacks | null = null;

/** zundo's options for a store whose state holds the experiment's fields. */
export function historyOptions<S extends Experiment>(): ZundoOptions<S, Experiment> {
  return {
    partialize: experimentOf,
    // A change of anything but a field (the cursor, a race, an error) is no step.
    equality: (past, current) => !experimentChanged(past, current),
    limit: HISTORY_LIMIT,
    handleSet: (record) => (past, replace) => {
      if (depth > 0) {
        if (recorded) return;
        recorded = true;
      }
      record(past, replace);
    },
  };
}

/** The store's temporal store (src/state/store.ts attaches it once the store exists). */
export function attachHistory(temporal: History): void {
  history = temporal;
}

function temporal(): History {
  if (!history) throw new Error('the undo history is not attached to the store');
  return history;
}

/** Every change until the matching `endStep` is one undo step. */
export function beginStep(): void {
  if (depth++ === 0) recorded = false;
}

export function endStep(): void {
  if (depth === 0) return;
  depth -= 1;
  if (depth === 0) recorded = false;
}

/** Runs `change` as one undo step. */
export function asOneStep(change: () => void): void {
  beginStep();
  try {
    change();
  } finally {
    endStep();
  }
}

export function canUndo(): boolean {
  return temporal().getState().pastStates.length > 0;
}

export function canRedo(): boolean {
  return temporal().getState().futureStates.length > 0;
}

/** Sets the experiment's fields one step back (the caller makes the rest of the page follow). */
export function undoFields(): boolean {
  if (!canUndo()) return false;
  temporal().getState().undo();
  return true;
}

export function redoFields(): boolean {
  if (!canRedo()) return false;
  temporal().getState().redo();
  return true;
}

/** Forgets every step (a page that opens on a link or the autosave starts with none). */
export function clearHistory(): void {
  temporal().getState().clear();
}

/** Sets the person's history aside (a tour or lesson opens on a copy); the copy starts with none. */
export function setHistoryAside(): void {
  if (aside) return;
  const { pastStates, futureStates } = temporal().getState();
  aside = { pastStates, futureStates };
  clearHistory();
}

/**
 * Brings the person's history back: as it was (Close), or with `own`, the experiment that was set
 * aside, as one more step before the adopted slide ("Keep this experiment").
 */
export function restoreHistory(own?: Experiment): void {
  const saved = aside ?? { pastStates: [], futureStates: [] };
  aside = null;
  temporal().setState(
    own
      ? { pastStates: [...saved.pastStates, own].slice(-HISTORY_LIMIT), futureStates: [] }
      : saved,
  );
}
