/** The GPU-scale views' options and computed numbers (which views are open is experiment state). */
import type { ViewId, ViewResults } from '../../experiment/views/types';
import { without, type Slice } from './types';

export type ComputedView = keyof ViewResults;

export interface ViewsSlice {
  /** The key of the solver whose flow field is drawn (null: the first). */
  flowSolver: string | null;
  basinEpsilon: number;
  /** What the sweep map colours: final KL or iterations until KL stays ≤ ε. */
  sweepMetric: 'finalKL' | 'hits';
  flow: ViewResults['flow'] | null;
  basins: ViewResults['basins'] | null;
  sweep: ViewResults['sweep'] | null;
  fair: ViewResults['fair'] | null;
  bootstrap: ViewResults['bootstrap'] | null;
  /** Per view: computing now, and the last error. */
  viewBusy: Partial<Record<ViewId, boolean>>;
  viewError: Partial<Record<ViewId, string>>;
  /** Per view computing for a second or more: the share done (its progress bar). */
  viewProgress: Partial<Record<ViewId, number>>;
  setViewOptions(
    options: Partial<Pick<ViewsSlice, 'flowSolver' | 'basinEpsilon' | 'sweepMetric'>>,
  ): void;
  /** A view's computed numbers (or null to clear), and its busy/error status. */
  setViewResult<V extends ComputedView>(view: V, result: ViewResults[V] | null): void;
  setViewStatus(view: ViewId, status: { busy?: boolean; error?: string | null }): void;
  /** A view's progress (0 to 1), or null once it has none to show. */
  setViewProgress(view: ViewId, fraction: number | null): void;
}

export const createViewsSlice: Slice<ViewsSlice> = (set) => ({
  flowSolver: null,
  basinEpsilon: 1e-6,
  sweepMetric: 'hits',
  flow: null,
  basins: null,
  sweep: null,
  fair: null,
  bootstrap: null,
  viewBusy: {},
  viewError: {},
  viewProgress: {},
  setViewOptions: (options) => set(options),
  setViewResult: (view, result) =>
    set(({ viewBusy, viewError, viewProgress }) => ({
      [view]: result,
      viewBusy: { ...viewBusy, [view]: false },
      viewError: without(viewError, view),
      viewProgress: without(viewProgress, view),
    })),
  setViewProgress: (view, fraction) =>
    set((s) =>
      fraction === null
        ? view in s.viewProgress
          ? { viewProgress: without(s.viewProgress, view) }
          : s
        : { viewProgress: { ...s.viewProgress, [view]: fraction } },
    ),
  setViewStatus: (view, { busy, error }) =>
    set(({ viewBusy, viewError, viewProgress }) => ({
      // A fresh start, an error or a cancel: the last progress no longer describes anything.
      viewProgress: without(viewProgress, view),
      ...(busy === undefined ? {} : { viewBusy: { ...viewBusy, [view]: busy } }),
      // A recompute starts clean: the last error no longer describes what is shown.
      ...(busy ? { viewError: without(viewError, view) } : {}),
      ...(error === undefined
        ? {}
        : {
            viewError: error === null ? without(viewError, view) : { ...viewError, [view]: error },
            viewBusy: { ...viewBusy, [view]: false },
          }),
    })),
});
