/**
 * What the GPU-scale views show: which are open, their options, and their computed numbers.
 * A view computes only while open; each result carries how and how fast it was computed.
 */
import type { SolverId } from '../core/solvers';
import type { BasinMap } from '../views/basins';
import type { FlowField } from '../views/flowField';
import type { ComputeInfo } from '../views/runs';
import type { SweepMap } from '../views/sweep';
import type { Tuned } from '../views/tune';
import type { Race } from './race';

export const VIEW_IDS = ['flow', 'basins', 'sweep', 'fair'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

/** The ε choices of the basins map (KL(π*_β ‖ π_t) ≤ ε). */
export const BASIN_EPSILONS = [1e-2, 1e-4, 1e-6, 1e-8] as const;

export interface Computed<T> {
  data: T;
  info: ComputeInfo;
}

export interface FairRace {
  tuned: Tuned[];
  /** The race with every solver's registry defaults (theory steps and schedules). */
  defaults: Race;
  /** The race with each tuned η. */
  tunedRace: Race;
}

export interface ViewsState {
  /** Open views (the flow field is a layer of the simplex chart). */
  views: Record<ViewId, boolean>;
  /** The solver whose flow field is drawn (null: the first selected). */
  flowSolver: SolverId | null;
  basinEpsilon: number;
  /** What the sweep map colours: final KL or iterations to ε. */
  sweepMetric: 'finalKL' | 'hits';
  flow: Computed<FlowField[]> | null;
  basins: Computed<BasinMap[]> | null;
  sweep: Computed<SweepMap[]> | null;
  fair: Computed<FairRace> | null;
  /** Per view: computing now, and the last error. */
  viewBusy: Partial<Record<ViewId, boolean>>;
  viewError: Partial<Record<ViewId, string>>;
}

export const initialViews: ViewsState = {
  views: { flow: false, basins: false, sweep: false, fair: false },
  flowSolver: null,
  basinEpsilon: 1e-6,
  sweepMetric: 'hits',
  flow: null,
  basins: null,
  sweep: null,
  fair: null,
  viewBusy: {},
  viewError: {},
};
