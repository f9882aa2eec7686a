/**
 * The engine interface shared by the float64 reference, the per-op tfjs engine and the fused
 * WebGPU kernels: a batch of solver runs (solvers × starts × parameter settings) on one game,
 * advanced together, returning sampled trajectories and metrics as typed arrays.
 */
import type { Game } from '../core/game';
import type { QueryModel } from '../core/sampling';
import type { MemberSolver, ResolvedParams, StepFailure } from '../core/solvers';

export const ENGINE_NAMES = ['reference', 'tfjs', 'fused', 'auto'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];
/** An engine that really computes (auto resolves to one of these). */
export type ConcreteEngine = Exclude<EngineName, 'auto'>;

export interface BatchMember {
  /** A registry solver, or 'custom' with its `formula`. */
  solver: MemberSolver;
  /**
   * solver 'custom' only: the update rule as text (docs/custom-solvers.md). Compiled where
   * the batch runs (in the worker), once per distinct text; a bad formula fails the batch with
   * a positioned FormulaError.
   */
  formula?: string;
  /** Resolved parameters (β lives here, so a batch can sweep β). */
  params: ResolvedParams;
  /** π₀, strictly positive, sums to 1. */
  start: Float64Array;
  /**
   * Preference queries (default exact). Per member, so one batch can hold many seeds of the
   * same solver: members that differ only in `queries.seed` are independent sampled runs.
   */
  queries?: QueryModel;
}

export interface BatchSpec {
  game: Game;
  members: BatchMember[];
  /** Iterations to run. */
  steps: number;
  /** Sample every k-th iteration (t = 0, k, 2k, …) and the last. */
  every: number;
  /**
   * Compute metrics for each sample (float64) against each member's target: π*_β, or the β = 0
   * equilibrium for members with a reference refresh and mpo (`targetBeta` in the result).
   * Default true.
   */
  metrics?: boolean;
  /**
   * Also return the unregularized (β = 0) equilibrium of the game (`BatchResult.nash`): one LP,
   * cheap for the small games a race shows, so only races ask for it.
   */
  nash?: boolean;
  /**
   * Track, for every member, its hitting time: the first iteration t (0 … steps) from which
   * KL(π* ‖ π_s) ≤ ε holds for every s in [t, steps] ("stays within ε"; a dip below ε that is
   * followed by a rise does not count), π* the member's target as for the metrics (never a hit
   * when that equilibrium is not unique). Checked after every step inside the engine — basins,
   * sweeps and tuning need it for thousands of members without reading back every iterate.
   */
  hit?: {
    epsilon: number;
    /**
     * Stop members at their hit where that is exact: only members whose KL provably never
     * increases (stopsSafely in batch.ts: a §3 contraction with its conditions met) stop at the
     * first t with KL ≤ ε and keep π from then on (later samples show it). Every other member
     * runs its whole budget, since a dip below ε may be followed by a rise. For views that need
     * only hitting times (basins). The per-op tfjs engine cannot stop members one by one and
     * refuses this.
     */
    stop?: boolean;
  };
}

export interface BatchMetrics {
  /** [sample][member], float64. */
  exploitability: Float64Array;
  /** The duality gap of the member's target game (2·exploitability when its target β is 0). */
  regGap: Float64Array;
  /** KL(π*‖π_t) to the member's target; NaN where that equilibrium is not unique. */
  klToNE: Float64Array;
  /**
   * [member][action]: the policy each member's KL and span are measured against (its target:
   * π*_β of its β, or π*₀ with a refresh and for mpo — `BatchResult.targetBeta`), so the charts
   * draw the target the engine measured instead of solving it again.
   */
  targets: Float64Array;
  /**
   * [sample][member]: 1 where a float32 engine's value is below what float32 can resolve
   * (see FLOAT32_FLOOR), so charts can mark it instead of drawing rounding noise.
   */
  atFloor: Uint8Array;
}

export interface BatchResult {
  /** The engine that actually ran (never 'auto'). */
  engine: ConcreteEngine;
  /** What computed: 'float64' for the reference, else the tfjs backend ('webgpu', 'wasm', 'cpu', 'webgl'). */
  backend: string;
  precision: 'float64' | 'float32';
  K: number;
  B: number;
  steps: number;
  /** The iteration of each sample. */
  times: number[];
  /** log π at each sample, [sample][member][action], float64 (upcast from float32 where needed). */
  logPolicies: Float64Array;
  /** π̄ at the last step, [member][action]. */
  average: Float64Array;
  /**
   * Per member: the β of the equilibrium its metrics are measured against (its β, or 0 with a
   * reference refresh and for mpo).
   */
  targetBeta: Float64Array;
  /**
   * Per member: the refresh period R (0 = none). The reference moves before the steps t = R, 2R,
   * …, i.e. between the iterates π_t and π_{t+1}: charts mark t = R, 2R, ….
   */
  refresh: Int32Array;
  metrics?: BatchMetrics;
  /** With `spec.nash`: the β = 0 equilibrium of the game (an LP solution; it may be one of many). */
  nash?: Float64Array;
  /**
   * With `spec.hit`: per member, the first t from which KL(π* ‖ π_s) ≤ ε for every s up to
   * `steps` (π* its target), or −1 when KL at `steps` is above ε or undefined.
   */
  hitTimes?: Int32Array;
  /**
   * With `spec.hit`: per member, KL(π* ‖ π_steps) at the last step (NaN without a unique target),
   * computed where the run ran: the page need not solve each member's π* again (at K = 1,024 one
   * equilibrium takes seconds, which on the page's thread froze it).
   */
  finalKL?: Float64Array;
  /**
   * Custom members whose rule produced NaN or ±∞, in member order (absent when none did). Each
   * stopped at π_t of its failing iteration and keeps that iterate in later samples (its
   * average keeps averaging it); the other members ran on.
   */
  failures?: MemberFailure[];
  /** Threads the backend computed with where it can use several (tfjs on threaded wasm). */
  threads?: number;
  /** Engine workers that ran shards of the batch in parallel (set by the browser's pool). */
  workers?: number;
  /** Set when the requested engine failed and another finished the run. */
  fallback?: { from: ConcreteEngine; reason: string };
}

export interface MemberFailure extends StepFailure {
  member: number;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Called after each sample with the samples so far (streaming). */
  onProgress?: (done: number, total: number) => void;
  /**
   * The caller already holds tfjs alone (exclusiveTfjs in tfjsLock.ts), as auto's calibration
   * does for its probes, so that a probe is timed without waiting for another run.
   */
  tfjsHeld?: boolean;
}

export interface Engine {
  readonly name: EngineName;
  /** The backend in use ('float64', or the tfjs backend name). */
  readonly backend: string;
  run(spec: BatchSpec, options?: RunOptions): Promise<BatchResult>;
  dispose(): void;
}

/**
 * Below these, float32 rounding dominates: exploitability is linear in the iterate's error
 * (~1e-7 in log space), KL and the regularized gap are quadratic in it.
 */
export const FLOAT32_FLOOR = { exploitability: 1e-6, regGap: 1e-11, klToNE: 1e-11 } as const;

export class EngineError extends Error {
  override name = 'EngineError';
}
