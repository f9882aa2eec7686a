/**
 * The GPU-scale views: their ids (as links name them), their options, and what a computed view
 * holds. A view computes only while open; each result carries how and how fast it was computed.
 */
import type { ComparisonsBootstrap } from '../../comparisons/bootstrap';
import type { MemberSolver } from '../../core/solvers';
import type { BatchResult, BatchSpec, EngineName } from '../../engine/types';
import type { CustomSolverSpec } from '../../formula/custom';
import type { RunInputs } from '../inputs';
import type { Race } from '../race';
import type { BasinMap } from './basins';
import type { FlowField } from './flowField';
import type { ComputeInfo } from './runs';
import type { ViewSubject } from './subject';
import type { SweepMap } from './sweep';
import type { Tuned } from './tune';

/** `bootstrap`: the uncertainty of a game imported from comparisons (votes resampled). */
export const VIEW_IDS = ['flow', 'basins', 'sweep', 'fair', 'bootstrap'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

/** The ε choices of the basins map (KL(π*_β ‖ π_t) ≤ ε). */
export const BASIN_EPSILONS = [1e-2, 1e-4, 1e-6, 1e-8] as const;

/** A view's result for one solver, with the key and name the app shows it under. */
export type Labelled<T> = T & { key: string; name: string };

export interface Computed<T> {
  data: T;
  info: ComputeInfo;
}

export interface FairRace {
  tuned: Labelled<Tuned<ViewSubject>>[];
  /** The race with every solver's registry defaults (theory steps and schedules). */
  defaults: Race;
  /** The race with each best constant η, or the default where the default is faster. */
  tunedRace: Race;
  /** ε of "stays ≤ ε" (the app's; 1e-6 by default). */
  epsilon?: number;
}

/** What each view computes, by id. */
export interface ViewResults {
  flow: Computed<Labelled<FlowField<MemberSolver>>[]>;
  basins: Computed<Labelled<BasinMap<MemberSolver>>[]>;
  sweep: Computed<Labelled<SweepMap<ViewSubject>>[]>;
  fair: Computed<FairRace>;
  bootstrap: Computed<ComparisonsBootstrap>;
}

/**
 * The engines as the page hands them in: one cancellable scope of runs (src/engine/page.ts's
 * RunScope; a test hands in one over the reference engine). A cancelled run answers null.
 */
export interface EngineScope {
  run(
    engine: EngineName,
    spec: BatchSpec,
    onProgress?: (done: number, total: number) => void,
  ): Promise<{ result: BatchResult; ms: number } | null>;
  /** For work in the scope that is not an engine batch (the comparisons bootstrap). */
  readonly signal: AbortSignal;
  readonly cancelled: boolean;
}

/** Everything a view may read: the run inputs, which views are open and their options. */
export interface ViewContext extends RunInputs {
  custom: readonly CustomSolverSpec[];
  open: readonly ViewId[];
  /** The basins map's ε. */
  basinEpsilon: number;
  /** The app's ε of the hitting times (Tune η counts with it). */
  epsilon: number;
}

export interface ViewEnv {
  scope: EngineScope;
  /** Cores the page may use for CPU-side work (the bootstrap's workers). */
  workers: number;
  /** The share of the view's work done so far, 0 to 1 (its progress bar). */
  progress?: (fraction: number) => void;
}

/**
 * One GPU-scale view, registered like an action (src/experiment/views/registry.ts): when it
 * computes, which inputs it follows (a change of any recomputes it), and how it computes —
 * plan, run on the engines it is handed, read back.
 */
export interface ViewDefinition<V extends ViewId = ViewId> {
  id: V;
  isOn(ctx: ViewContext): boolean;
  dependsOn(ctx: ViewContext): readonly unknown[];
  compute(ctx: ViewContext, env: ViewEnv): Promise<ViewResults[V] | null>;
}
