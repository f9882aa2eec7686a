/**
 * Sampled preference queries. A query of g(π) = Pπ (docs/algorithms.md §1) is answered from n
 * simulated human comparisons instead of the exact product, as SPPO and online IPO do: both
 * responses come from the current policy (self-play).
 *
 * For s = 1..n: y_s ~ π and y′_s ~ π independently (inverse CDF, uniforms u₀ and u₁), and the
 * annotator's verdict o_s = 1[u₂ < P[y_s][y′_s]] ~ Bernoulli(P[y_s][y′_s]). The estimate is
 *
 *   ĝ_a = ½ + (1/n)·Σ_s 1[y_s = a]·(o_s − ½)/π(a).
 *
 * Unbiased: E[1[y = a](o − ½)] = π(a)·Σ_y′ π(y′)(P[a][y′] − ½) = π(a)((Pπ)_a − ½), so
 * E[ĝ_a] = ½ + ((Pπ)_a − ½) = (Pπ)_a. The ½ is a control variate: (o − ½) is centred where
 * the game is balanced, which removes the (large) variance of estimating the constant ½ of
 * g = ½ + (P − ½)π by importance weighting; πᵀĝ = ½ + (1/n)Σ(o_s − ½) stays near ½. An action
 * with π(a) = 0 is never drawn; its estimate is ½ (its (Pπ)_a is unobservable from self-play).
 *
 * Inverse CDF: y = the first a with u·Σπ < π₀ + … + π_a (the total guards against a float sum
 * a hair below 1); if rounding leaves none, the last action with positive mass. The WGSL twin
 * (SAMPLING_WGSL) does the same operations in the same order.
 */
import type { Game } from '../game';
import { matVec } from '../numeric';
import { drawBits, queryKey, sampleKey, toUniform } from './rng';

export type QueryModel = { kind: 'exact' } | { kind: 'sampled'; samples: number; seed: number };

export const EXACT_QUERIES: QueryModel = { kind: 'exact' };
export const MAX_SAMPLES = 10_000;
export const DEFAULT_SAMPLES = 100;
export const MAX_SEED = 0xffffffff;

export class QueryModelError extends Error {
  override name = 'QueryModelError';
}

/** Checks a query model (from a link, the UI, a worker message) and returns it; throws clearly. */
export function checkQueryModel(q: unknown): QueryModel {
  if (typeof q !== 'object' || q === null) throw new QueryModelError('the query model is missing');
  const m = q as Record<string, unknown>;
  if (m.kind === 'exact') return EXACT_QUERIES;
  if (m.kind !== 'sampled')
    throw new QueryModelError(`queries must be 'exact' or 'sampled', got '${String(m.kind)}'`);
  const { samples, seed } = m;
  if (
    typeof samples !== 'number' ||
    !Number.isInteger(samples) ||
    samples < 1 ||
    samples > MAX_SAMPLES
  ) {
    throw new QueryModelError(
      `samples must be an integer in [1, ${MAX_SAMPLES}], got ${String(samples)}`,
    );
  }
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new QueryModelError(`seed must be an integer in [0, 2^32 − 1], got ${String(seed)}`);
  }
  return { kind: 'sampled', samples, seed };
}

/** Inverse CDF of π at u ∈ [0, 1) (see the header). */
export function sampleAction(pi: ArrayLike<number>, total: number, u: number): number {
  const target = u * total;
  let c = 0;
  let last = 0;
  for (let a = 0; a < pi.length; a++) {
    const p = pi[a]!;
    if (p > 0) last = a;
    c += p;
    if (target < c) return a;
  }
  return last;
}

/**
 * ĝ for query number `query` of a run with `seed`, n = `samples`: writes the estimate of Pπ
 * into `out` and returns it. Pure: the same arguments give the same bits.
 */
export function estimateWinRates(
  P: Float64Array,
  pi: ArrayLike<number>,
  K: number,
  samples: number,
  seed: number,
  query: number,
  out: Float64Array,
): Float64Array {
  let total = 0;
  for (let a = 0; a < K; a++) total += pi[a]!;
  out.fill(0, 0, K);
  const qkey = queryKey(seed, query);
  for (let s = 0; s < samples; s++) {
    const skey = sampleKey(qkey, s);
    const y = sampleAction(pi, total, toUniform(drawBits(skey, 0)));
    const y2 = sampleAction(pi, total, toUniform(drawBits(skey, 1)));
    const o = toUniform(drawBits(skey, 2)) < P[y * K + y2]! ? 0.5 : -0.5;
    out[y] = out[y]! + o;
  }
  for (let a = 0; a < K; a++) {
    const p = pi[a]!;
    out[a] = p > 0 ? 0.5 + out[a]! / (samples * p) : 0.5;
  }
  return out;
}

/**
 * A run's query function: exact (Pπ) or sampled, with the run's query counter (query index =
 * order of the query in the run, the same numbering on every engine: step t's j-th query is
 * t·queriesPerStep + j).
 */
export interface QueryFn {
  (pi: ArrayLike<number>, out: Float64Array): Float64Array;
  /** Queries made so far. */
  readonly count: number;
}

export function makeQuery(game: Game, model: QueryModel = EXACT_QUERIES): QueryFn {
  const { P, K } = game;
  let count = 0;
  const fn =
    model.kind === 'exact'
      ? (pi: ArrayLike<number>, out: Float64Array): Float64Array => {
          count++;
          return matVec(P, pi, K, out);
        }
      : (pi: ArrayLike<number>, out: Float64Array): Float64Array =>
          estimateWinRates(P, pi, K, model.samples, model.seed, count++, out);
  return Object.defineProperty(fn, 'count', { get: () => count }) as QueryFn;
}

/** For JSON documents: {"model":"exact"} or {"model":"sampled","samples":n,"seed":s}. */
export function queryModelToJSON(q: QueryModel): Record<string, unknown> {
  return q.kind === 'exact'
    ? { model: 'exact' }
    : { model: 'sampled', samples: q.samples, seed: q.seed };
}
