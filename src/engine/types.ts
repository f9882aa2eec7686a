/**
 * The engine interface shared by the float64 reference, the per-op tfjs engine and the fused
 * WebGPU kernels: a batch of solver runs (solvers × starts × parameter settings) on one game,
 * advanced together, returning sampled trajectories and metrics as typed arrays.
 */
import type { Game } from '../core/game';
import type { QueryModel } from '../core/sampling';
import type { ResolvedParams, SolverId } from '../core/solvers';

export const ENGINE_NAMES = ['reference', 'tfjs', 'fused', 'auto'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];
/** An engine that really computes (auto resolves to one of these). */
export type ConcreteEngine = Exclude<EngineName, 'auto'>;

export interface BatchMember {
  solver: SolverId;
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
  /** Compute metrics for each sample (float64, against π*_β of each member). Default true. */
  metrics?: boolean;
  /**
   * Track, for every member, the first iteration t (0 … steps) with KL(π*_β ‖ π_t) ≤ ε, checked
   * after every step inside the engine — basins, sweeps and tuning need it for thousands of
   * members without reading back every iterate.
   */
  hit?: {
    epsilon: number;
    /**
     * Stop each member at its hit: it keeps π at its hitting time (the final sample shows that).
     * For views that need only hitting times (basins): finished starts cost nothing more.
     * The per-op tfjs engine cannot stop members one by one and refuses this.
     */
    stop?: boolean;
  };
}

export interface BatchMetrics {
  /** [sample][member], float64. */
  exploitability: Float64Array;
  regGap: Float64Array;
  klToNE: Float64Array;
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
  metrics?: BatchMetrics;
  /** With `spec.hit`: per member, the first t with KL(π*_β ‖ π_t) ≤ ε, or −1 if none ≤ steps. */
  hitTimes?: Int32Array;
  /** Threads the backend computed with where it can use several (tfjs on threaded wasm). */
  threads?: number;
  /** Engine workers that ran shards of the batch in parallel (set by the browser's pool). */
  workers?: number;
  /** Set when the requested engine failed and another finished the run. */
  fallback?: { from: ConcreteEngine; reason: string };
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Called after each sample with the samples so far (streaming). */
  onProgress?: (done: number, total: number) => void;
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
