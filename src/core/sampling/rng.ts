/**
 * Counter-based randomness for sampled preference queries: every uniform is a pure function of
 * (seed, query index, sample index, draw), so any engine — float64 TypeScript, float32 WGSL —
 * can compute the same uniform for the same draw without sharing a stream. The hash is Chris
 * Wellons' `lowbias32` (https://nullprogram.com/blog/2018/07/31/), chained over the counter
 * words; it uses only u32 multiplication (Math.imul), xor and shifts, which WGSL's u32 arithmetic
 * reproduces bit for bit (see SAMPLING_WGSL).
 *
 * The state between stages is 32 bits: two different (seed, query) pairs reach the same stream
 * with probability ≈ 2⁻³² each (for 256 seeds × 10⁴ queries a few such pairs exist in a whole
 * batch; they only correlate two draws far apart, never bias an estimate).
 */

/** lowbias32: a 32-bit integer hash (bijective on u32), bias ≈ 0.17 in Wellons' measure. */
export function lowbias32(x: number): number {
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, 0x7feb352d) >>> 0;
  x = (x ^ (x >>> 15)) >>> 0;
  x = Math.imul(x, 0x846ca68b) >>> 0;
  x = (x ^ (x >>> 16)) >>> 0;
  return x;
}

/** Separates the seed stage from a hash of 0 (seed 0 is a valid seed). */
const SEED_SALT = 0x9e3779b9;

/** The per-query key: hash(hash(seed ⊕ salt) ⊕ query). `query` counts the run's queries from 0. */
export function queryKey(seed: number, query: number): number {
  return lowbias32((lowbias32((seed ^ SEED_SALT) >>> 0) ^ query) >>> 0);
}

/** The per-sample key within a query. */
export function sampleKey(qkey: number, sample: number): number {
  return lowbias32((qkey ^ sample) >>> 0);
}

/** Draw j (0, 1, 2) of a sample as 32 random bits. */
export function drawBits(skey: number, j: number): number {
  return lowbias32((skey ^ j) >>> 0);
}

/** 2⁻²⁴ */
export const UNIT = 1 / 16777216;

/**
 * A uniform in [0, 1 − 2⁻²⁴] from 32 random bits: the top 24 bits times 2⁻²⁴. Every value is
 * exactly representable in float32, so a float32 engine sees the very same number.
 */
export function toUniform(bits: number): number {
  return (bits >>> 8) * UNIT;
}

/** The uniform for (seed, query, sample, draw), straight from the counter. */
export function uniformAt(seed: number, query: number, sample: number, draw: number): number {
  return toUniform(drawBits(sampleKey(queryKey(seed, query), sample), draw));
}
