/**
 * Noisy preference queries (`sampled`, `pairs`, `pairs-binary`; variances in docs/algorithms.md
 * §9). A `sampled` query of g(π) = Pπ (docs/algorithms.md §1) is answered from n
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
 *
 * The EGPO authors' noise (`pairs`, `pairs-binary`; their `*_sample` losses, docs/algorithms.md
 * §9): for s = 1..n, y_s and y′_s uniform on the K actions (uniformAction of draws 0 and 1), an
 * opponent y″_s ~ π (draw 2), and the two preferences a_s = P[y_s][y″_s], b_s = P[y′_s][y″_s]
 * (`pairs`), or two Bernoulli verdicts of them, a_s = 1[u₃ < P[y_s][y″_s]] and
 * b_s = 1[u₄ < P[y′_s][y″_s]] (`pairs-binary`, as human labels are). With c_s = a_s − b_s,
 *
 *   ĝ_a = (K/2n)·Σ_s c_s·(1[y_s = a] − 1[y′_s = a]) + (1/2n)·Σ_s (a_s + b_s).
 *
 * Unbiased: E[c·(1[y = a] − 1[y′ = a])] = (2/K)((Pπ)_a − m), m = (1/K)Σ_b (Pπ)_b, and the second
 * sum estimates m. No division by π: the variance stays O(K/n) however small π_a is.
 */
import type { Game } from '../game';
import { matVec } from '../numeric';
import { drawBits, queryKey, sampleKey, toUniform } from './rng';

/** The noisy query models: self-play with importance weights, and the EGPO authors' two. */
export const NOISY_KINDS = ['sampled', 'pairs', 'pairs-binary'] as const;
export type NoisyKind = (typeof NOISY_KINDS)[number];
export const QUERY_KINDS = ['exact', ...NOISY_KINDS] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export type QueryModel = { kind: 'exact' } | { kind: NoisyKind; samples: number; seed: number };

export function isNoisyKind(kind: unknown): kind is NoisyKind {
  return (NOISY_KINDS as readonly unknown[]).includes(kind);
}

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
  const kind = m.kind;
  if (!isNoisyKind(kind))
    throw new QueryModelError(
      `queries must be ${QUERY_KINDS.map((k) => `'${k}'`).join(', ')}, got '${String(kind)}'`,
    );
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
  return { kind, samples, seed };
}

/** Σ_a π(a) over the K actions, left to right: the total the inverse CDF scales u by. */
function totalMass(pi: ArrayLike<number>, K: number): number {
  let total = 0;
  for (let a = 0; a < K; a++) total += pi[a]!;
  return total;
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
  const total = totalMass(pi, K);
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
 * A uniform action in 0..K−1 from 32 random bits: ⌊u·K⌋ for the 24-bit uniform u of toUniform,
 * computed in 12-bit halves so that every intermediate stays below 2²³ (K ≤ 1024) and WGSL's u32
 * arithmetic gives the same integer.
 */
export function uniformAction(bits: number, K: number): number {
  const hi = bits >>> 20;
  const lo = (bits >>> 8) & 0xfff;
  return (hi * K + ((lo * K) >>> 12)) >>> 12;
}

/**
 * ĝ of the authors' noise (see the header) for query number `query` of a run with `seed`:
 * exact entries, or (binary) Bernoulli verdicts. Pure, like estimateWinRates.
 */
export function estimatePairs(
  P: Float64Array,
  pi: ArrayLike<number>,
  K: number,
  samples: number,
  seed: number,
  query: number,
  binary: boolean,
  out: Float64Array,
): Float64Array {
  const total = totalMass(pi, K);
  out.fill(0, 0, K);
  let sum = 0;
  const qkey = queryKey(seed, query);
  for (let s = 0; s < samples; s++) {
    const skey = sampleKey(qkey, s);
    const y = uniformAction(drawBits(skey, 0), K);
    const y2 = uniformAction(drawBits(skey, 1), K);
    const opponent = sampleAction(pi, total, toUniform(drawBits(skey, 2)));
    let a = P[y * K + opponent]!;
    let b = P[y2 * K + opponent]!;
    if (binary) {
      a = toUniform(drawBits(skey, 3)) < a ? 1 : 0;
      b = toUniform(drawBits(skey, 4)) < b ? 1 : 0;
    }
    out[y] = out[y]! + (a - b);
    out[y2] = out[y2]! - (a - b);
    sum += a + b;
  }
  const mean = sum / (2 * samples);
  const scale = K / (2 * samples);
  for (let a = 0; a < K; a++) out[a] = out[a]! * scale + mean;
  return out;
}

/** One noisy query: the model's estimate of Pπ for query number `query`, written into `out`. */
export function estimateQuery(
  P: Float64Array,
  pi: ArrayLike<number>,
  K: number,
  model: Exclude<QueryModel, { kind: 'exact' }>,
  query: number,
  out: Float64Array,
): Float64Array {
  return model.kind === 'sampled'
    ? estimateWinRates(P, pi, K, model.samples, model.seed, query, out)
    : estimatePairs(P, pi, K, model.samples, model.seed, query, model.kind === 'pairs-binary', out);
}

/**
 * Var[ĝ_a] per action of one noisy query of π (docs/algorithms.md §9), from the moments of one
 * sample divided by n:
 *
 * - sampled: (1/(4π_a) − (g_a − ½)²)/n for π_a > 0 (0 where π_a = 0: the estimate is ½);
 * - pairs, pairs-binary: (E[Z_a²] − g_a²)/n with Z_a = (K/2)(A − B)(1[y = a] − 1[y′ = a]) +
 *   (A + B)/2, A and B the entries (or verdicts) of y and y′ against y″, by enumeration of
 *   (y, y′, y″): no π_a in a denominator.
 */
export function queryVariance(
  P: Float64Array,
  pi: ArrayLike<number>,
  K: number,
  model: Exclude<QueryModel, { kind: 'exact' }>,
): Float64Array {
  const g = matVec(P, pi, K, new Float64Array(K));
  const out = new Float64Array(K);
  const n = model.samples;
  if (model.kind === 'sampled') {
    for (let a = 0; a < K; a++) {
      const p = pi[a]!;
      out[a] = p > 0 ? (1 / (4 * p) - (g[a]! - 0.5) ** 2) / n : 0;
    }
    return out;
  }
  const binary = model.kind === 'pairs-binary';
  // Per (y, y′): E over y″ ~ π of (A − B)², (A − B)(A + B) and (A + B)².
  for (let y = 0; y < K; y++) {
    for (let y2 = 0; y2 < K; y2++) {
      let diff2 = 0;
      let cross = 0;
      let sum2 = 0;
      for (let o = 0; o < K; o++) {
        const w = pi[o]!;
        if (w === 0) continue;
        const p = P[y * K + o]!;
        const q = P[y2 * K + o]!;
        // Exact entries, or independent Bernoulli(p), Bernoulli(q) verdicts (E[A²] = p).
        const pp = binary ? p : p * p;
        const qq = binary ? q : q * q;
        diff2 += w * (pp + qq - 2 * p * q);
        cross += w * (pp - qq);
        sum2 += w * (pp + qq + 2 * p * q);
      }
      for (let a = 0; a < K; a++) {
        const d = (y === a ? 1 : 0) - (y2 === a ? 1 : 0);
        out[a] = out[a]! + ((K * K) / 4) * d * d * diff2 + (K / 2) * d * cross + sum2 / 4;
      }
    }
  }
  for (let a = 0; a < K; a++) out[a] = (out[a]! / (K * K) - g[a]! * g[a]!) / n;
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
  /**
   * Exact queries: the answer g = Pπ to the next query, computed ahead (the reference engine asks
   * for all its members' π_t in one pass over P, see matVecs). The next query takes it only if it
   * asks at this very array with the same values (a copy is compared), else computes as always;
   * either way the offer ends there. Sampled queries have no offer: their draws stay in order.
   */
  offer?(pi: Float64Array, g: Float64Array): void;
}

export function makeQuery(game: Game, model: QueryModel = EXACT_QUERIES): QueryFn {
  const { P, K } = game;
  let count = 0;
  if (model.kind !== 'exact') {
    const sampled = (pi: ArrayLike<number>, out: Float64Array): Float64Array =>
      estimateQuery(P, pi, K, model, count++, out);
    return Object.defineProperty(sampled, 'count', { get: () => count }) as QueryFn;
  }
  let offeredAt: Float64Array | null = null;
  const offeredPi = new Float64Array(K);
  const offeredG = new Float64Array(K);
  const exact = (pi: ArrayLike<number>, out: Float64Array): Float64Array => {
    count++;
    const at = offeredAt;
    offeredAt = null;
    if (at === pi && sameValues(at, offeredPi)) {
      out.set(offeredG);
      return out;
    }
    return matVec(P, pi, K, out);
  };
  const offer = (pi: Float64Array, g: Float64Array): void => {
    offeredAt = pi;
    offeredPi.set(pi);
    offeredG.set(g);
  };
  return Object.defineProperty(Object.assign(exact, { offer }), 'count', {
    get: () => count,
  }) as QueryFn;
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** For JSON documents: {"model":"exact"} or {"model":"sampled"|"pairs"|"pairs-binary","samples":n,"seed":s}. */
export function queryModelToJSON(q: QueryModel): Record<string, unknown> {
  return q.kind === 'exact'
    ? { model: 'exact' }
    : { model: q.kind, samples: q.samples, seed: q.seed };
}
