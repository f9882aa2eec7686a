/**
 * The uncertainty of a game estimated from votes: B bootstrap resamples of the votes (per pair,
 * see resample.ts), and for each the β-regularized equilibrium π*_β and the β = 0 equilibrium (the
 * maximal lottery), plus whether its majority relation has a cycle. Percentile intervals per action,
 * the cloud of resampled equilibria, the fraction of resamples with a majority cycle, and a
 * Bradley–Terry fit to the same votes beside the Nash policy.
 *
 * Engine choice, measured (K = 100, B = 200): the equilibria are solved exactly per resample in
 * float64, warm-started at the full-data equilibria (chord-Newton steps with the full-data Jacobian
 * for β > 0, the full-data support for β = 0, each verified, with the cold solver as fallback).
 * The batch engines share one P across members, reach π*_β only iteratively (more CPU time than the
 * chord solves on the reference engine, and a float32 floor on the others), and cannot reach the
 * β = 0 equilibrium, the dominant cost, in their last iterate. Shards (`bootstrapShard`) spread a
 * run over workers instead. The numbers are in docs/games.md (Games from comparisons).
 */
import { fitBradleyTerry, rewardModelPolicy, type BradleyTerryResult } from '../core/bradleyTerry';
import { prepareWarmStart, solveEquilibriumNear, type WarmStart } from '../core/equilibrium';
import { preferenceRows, type Game } from '../core/game';
import { analyzeMajority, TIE_TOLERANCE } from '../core/majority';
import { mulberry32 } from '../core/random';
import { posteriorPreference, type ComparisonCounts } from '../core/counts';
import { binomialSampler, resampleCounts, resampleSeed } from './resample';

export const DEFAULT_RESAMPLES = 200;
export const MAX_RESAMPLES = 10_000;
export const DEFAULT_LEVEL = 0.95;

export interface BootstrapOptions {
  /** β of π*_β, ≥ 0 (at β = 0 both equilibria are the maximal lottery). */
  beta: number;
  /** Resamples B (default 200). */
  resamples?: number;
  /** Seed of the resamples (default 0); the same seed gives the same numbers everywhere. */
  seed?: number;
  /** Coverage of the percentile intervals (default 0.95). */
  level?: number;
}

export interface RunControl {
  signal?: AbortSignal;
  /** Called after each resample. */
  onProgress?: (done: number, total: number) => void;
}

export class BootstrapError extends Error {
  override name = 'BootstrapError';
}

/** Per action: the percentile interval and the median over the resamples. */
export interface Intervals {
  lower: Float64Array;
  median: Float64Array;
  upper: Float64Array;
}

/** The raw output of resamples [from, from + count): what a worker shard returns. */
export interface BootstrapShard {
  from: number;
  count: number;
  /** [resample][action]. */
  nashBeta: Float64Array;
  nash0: Float64Array;
  /** 1 where the resample's majority relation has a cycle. */
  cyclic: Uint8Array;
  /** 1 where every edge of the full-data game's shortest cycle holds in the resample. */
  sameCycle: Uint8Array;
}

export interface ComparisonsBootstrap {
  K: number;
  B: number;
  beta: number;
  level: number;
  seed: number;
  /** The full-data game's equilibria and its shortest majority cycle (action indices), if any. */
  point: { nashBeta: Float64Array; nash0: Float64Array; cycle: number[] | null };
  /** The clouds: [resample][action], for the simplex. */
  nashBeta: Float64Array;
  nash0: Float64Array;
  intervals: { nashBeta: Intervals; nash0: Intervals };
  /** Resamples whose majority relation has a cycle (any cycle), and their fraction. */
  cycleCount: number;
  cycleFraction: number;
  /** Resamples in which the full-data cycle itself holds (null without one). */
  sameCycleCount: number | null;
  sameCycleFraction: number | null;
  /** Bradley–Terry fit to the votes (each pair weighted by its votes, ties half). */
  bradleyTerry: BradleyTerryResult;
  /** The RLHF policy of that reward model at β, π_RM ∝ μ·exp(s/β) (null if the fit failed). */
  rewardPolicy: Float64Array | null;
}

function countsOf(game: Game): ComparisonCounts {
  if (!game.counts)
    throw new BootstrapError(
      `the game "${game.name}" has no vote counts; the bootstrap needs a game imported from comparisons`,
    );
  return game.counts;
}

export function checkBootstrapOptions(options: BootstrapOptions): Required<BootstrapOptions> {
  const { beta, resamples = DEFAULT_RESAMPLES, seed = 0, level = DEFAULT_LEVEL } = options;
  if (!(beta >= 0) || !Number.isFinite(beta))
    throw new BootstrapError(`β must be a finite number ≥ 0, got ${beta}`);
  if (!Number.isInteger(resamples) || resamples < 1 || resamples > MAX_RESAMPLES)
    throw new BootstrapError(
      `resamples must be a whole number from 1 to ${MAX_RESAMPLES}, got ${resamples}`,
    );
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1)
    throw new BootstrapError(`seed must be a whole number from 0 to 2^32 − 1, got ${seed}`);
  if (!(level > 0 && level < 1)) throw new BootstrapError(`level must lie in (0, 1), got ${level}`);
  return { beta, resamples, seed, level };
}

/** i ≻ j when P[i][j] > ½ beyond the tie tolerance, as in majority.ts. */
function beats(P: Float64Array, K: number, i: number, j: number): boolean {
  return P[i * K + j]! > 0.5 + TIE_TOLERANCE;
}

/** Whether the majority relation has a cycle: Kahn's algorithm leaves actions unplaced iff so. */
export function hasMajorityCycle(P: Float64Array, K: number): boolean {
  const beatenBy = new Int32Array(K);
  for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) if (beats(P, K, i, j)) beatenBy[j]!++;
  const ready: number[] = [];
  for (let j = 0; j < K; j++) if (beatenBy[j] === 0) ready.push(j);
  let placed = 0;
  while (ready.length > 0) {
    const i = ready.pop()!;
    placed++;
    for (let j = 0; j < K; j++) if (beats(P, K, i, j) && --beatenBy[j]! === 0) ready.push(j);
  }
  return placed < K;
}

function cycleHolds(P: Float64Array, K: number, cycle: readonly number[]): boolean {
  return cycle.every((i, k) => beats(P, K, i, cycle[(k + 1) % cycle.length]!));
}

interface PointEstimates {
  /** The full-data equilibria with what their solves leave for the resamples' warm starts. */
  warmBeta: WarmStart;
  warm0: WarmStart;
  cycle: number[] | null;
}

function pointEstimates(game: Game, beta: number): PointEstimates {
  const warm0 = prepareWarmStart(game, 0);
  return {
    warm0,
    warmBeta: beta === 0 ? warm0 : prepareWarmStart(game, beta),
    cycle: analyzeMajority(preferenceRows(game)).cycle,
  };
}

/** Runs resamples [from, from + count) one at a time, yielding after each. */
function* shardSteps(
  game: Game,
  options: Required<BootstrapOptions>,
  point: PointEstimates,
  from: number,
  count: number,
): Generator<number, BootstrapShard> {
  const counts = countsOf(game);
  const K = game.K;
  const shard: BootstrapShard = {
    from,
    count,
    nashBeta: new Float64Array(count * K),
    nash0: new Float64Array(count * K),
    cyclic: new Uint8Array(count),
    sameCycle: new Uint8Array(count),
  };
  let uniform = mulberry32(0);
  const binomial = binomialSampler(() => uniform());
  const resampled: ComparisonCounts = {
    wins: new Float64Array(K * K),
    ties: new Float64Array(K * K),
    prior: counts.prior,
  };
  for (let k = 0; k < count; k++) {
    uniform = mulberry32(resampleSeed(options.seed, from + k));
    resampleCounts(counts, K, binomial, resampled);
    const P = posteriorPreference(resampled, K);
    const g: Game = { ...game, P, counts: undefined };
    const eq0 = solveEquilibriumNear(g, 0, point.warm0);
    const eqBeta = options.beta === 0 ? eq0 : solveEquilibriumNear(g, options.beta, point.warmBeta);
    shard.nash0.set(eq0.policy, k * K);
    shard.nashBeta.set(eqBeta.policy, k * K);
    shard.cyclic[k] = hasMajorityCycle(P, K) ? 1 : 0;
    shard.sameCycle[k] = point.cycle && cycleHolds(P, K, point.cycle) ? 1 : 0;
    yield k + 1;
  }
  return shard;
}

/**
 * Resamples [from, from + count) of a bootstrap, synchronously: for sharding one bootstrap over
 * several workers. Resample b depends only on (seed, b), so the shards of a run, combined by
 * {@link combineBootstrap}, equal the run.
 */
export function bootstrapShard(
  game: Game,
  options: BootstrapOptions,
  from: number,
  count: number,
  control: Pick<RunControl, 'onProgress'> = {},
): BootstrapShard {
  const opts = checkBootstrapOptions(options);
  if (!Number.isInteger(from) || !Number.isInteger(count) || from < 0 || count < 0)
    throw new BootstrapError(
      `a shard needs whole numbers from ≥ 0 and count ≥ 0, got ${from}, ${count}`,
    );
  const steps = shardSteps(game, opts, pointEstimates(game, opts.beta), from, count);
  for (let s = steps.next(); ; s = steps.next()) {
    if (s.done) return s.value;
    control.onProgress?.(s.value, count);
  }
}

/** Linear interpolation between order statistics (R's type 7, numpy's default). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function percentileIntervals(
  cloud: Float64Array,
  B: number,
  K: number,
  level: number,
): Intervals {
  const out: Intervals = {
    lower: new Float64Array(K),
    median: new Float64Array(K),
    upper: new Float64Array(K),
  };
  const column = new Float64Array(B);
  for (let i = 0; i < K; i++) {
    for (let b = 0; b < B; b++) column[b] = cloud[b * K + i]!;
    column.sort();
    out.lower[i] = quantileSorted(column, (1 - level) / 2);
    out.median[i] = quantileSorted(column, 0.5);
    out.upper[i] = quantileSorted(column, 1 - (1 - level) / 2);
  }
  return out;
}

/** The Bradley–Terry fit to the votes: observed win rates (ties half), weighted by votes per pair. */
export function fitVotes(
  counts: ComparisonCounts,
  K: number,
  actions: readonly string[],
): BradleyTerryResult {
  const P = Array.from({ length: K }, () => new Array<number>(K).fill(0.5));
  const N = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  for (let i = 0; i < K; i++)
    for (let j = 0; j < K; j++) {
      if (i === j) continue;
      const n = counts.wins[i * K + j]! + counts.wins[j * K + i]! + counts.ties[i * K + j]!;
      N[i]![j] = n;
      if (n > 0) P[i]![j] = (counts.wins[i * K + j]! + counts.ties[i * K + j]! / 2) / n;
    }
  return fitBradleyTerry(P, actions, N);
}

/** Assembles the result from shards covering resamples 0 … B − 1 (in any order). */
export function combineBootstrap(
  game: Game,
  options: BootstrapOptions,
  shards: readonly BootstrapShard[],
): ComparisonsBootstrap {
  const opts = checkBootstrapOptions(options);
  const counts = countsOf(game);
  const { K } = game;
  const B = opts.resamples;
  const nashBeta = new Float64Array(B * K);
  const nash0 = new Float64Array(B * K);
  const covered = new Uint8Array(B);
  let cycleCount = 0;
  let sameCycleCount = 0;
  for (const s of shards) {
    if (s.from < 0 || s.from + s.count > B)
      throw new BootstrapError('a shard lies outside 0 … B − 1');
    nashBeta.set(s.nashBeta, s.from * K);
    nash0.set(s.nash0, s.from * K);
    for (let k = 0; k < s.count; k++) {
      if (covered[s.from + k]) throw new BootstrapError(`resample ${s.from + k} is in two shards`);
      covered[s.from + k] = 1;
      cycleCount += s.cyclic[k]!;
      sameCycleCount += s.sameCycle[k]!;
    }
  }
  const missing = covered.indexOf(0);
  if (missing >= 0) throw new BootstrapError(`resample ${missing} is in no shard`);
  const point = pointEstimates(game, opts.beta);
  const bradleyTerry = fitVotes(counts, K, game.actions);
  return {
    K,
    B,
    beta: opts.beta,
    level: opts.level,
    seed: opts.seed,
    point: { nashBeta: point.warmBeta.eq.policy, nash0: point.warm0.eq.policy, cycle: point.cycle },
    nashBeta,
    nash0,
    intervals: {
      nashBeta: percentileIntervals(nashBeta, B, K, opts.level),
      nash0: percentileIntervals(nash0, B, K, opts.level),
    },
    cycleCount,
    cycleFraction: cycleCount / B,
    sameCycleCount: point.cycle ? sameCycleCount : null,
    sameCycleFraction: point.cycle ? sameCycleCount / B : null,
    bradleyTerry,
    rewardPolicy: bradleyTerry.ok
      ? rewardModelPolicy(bradleyTerry.fit, game.reference, opts.beta)
      : null,
  };
}

/** The whole bootstrap without yielding (tests, the CLI, a worker that owns its thread). */
export function bootstrapComparisonsSync(
  game: Game,
  options: BootstrapOptions,
): ComparisonsBootstrap {
  const opts = checkBootstrapOptions(options);
  return combineBootstrap(game, opts, [bootstrapShard(game, opts, 0, opts.resamples)]);
}

/** Longest stretch of work between yields, so that a cancel message gets through. */
const YIELD_EVERY_MS = 30;

/**
 * The bootstrap, yielding to the event loop every ~30 ms: cancellable through `signal` (rejects
 * with its reason), with progress after each resample. Run it in a worker.
 */
export async function bootstrapComparisons(
  game: Game,
  options: BootstrapOptions,
  control: RunControl = {},
): Promise<ComparisonsBootstrap> {
  const opts = checkBootstrapOptions(options);
  control.signal?.throwIfAborted();
  countsOf(game);
  const steps = shardSteps(game, opts, pointEstimates(game, opts.beta), 0, opts.resamples);
  let sliceStart = performance.now();
  for (let s = steps.next(); ; s = steps.next()) {
    if (s.done) return combineBootstrap(game, opts, [s.value]);
    control.onProgress?.(s.value, opts.resamples);
    if (performance.now() - sliceStart > YIELD_EVERY_MS) {
      await new Promise((r) => setTimeout(r, 0));
      control.signal?.throwIfAborted();
      sliceStart = performance.now();
    }
  }
}
