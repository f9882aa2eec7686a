/**
 * The two update templates of ALGORITHMS.md §0 and the small loops the solvers share. All write
 * into caller-owned buffers: a solver step allocates nothing.
 */
import { normalizeLogInPlace } from '../numeric';

/**
 * (L): out = (1−ηβ)·la + ηβ·log μ + η·g, normalized. `out` may alias `la`. With `probs`, the
 * new policy's probabilities are written there too (for the next query, at no extra exp).
 */
export function linearized(
  out: Float64Array,
  la: Float64Array,
  logMu: Float64Array,
  g: Float64Array,
  eta: number,
  beta: number,
  probs?: Float64Array,
): Float64Array {
  const m = eta * beta;
  for (let i = 0; i < out.length; i++) out[i] = (1 - m) * la[i]! + m * logMu[i]! + eta * g[i]!;
  return normalizeLogInPlace(out, probs);
}

/** (X): out = [la + ηβ·log μ + η·g]/(1+ηβ), normalized. `out` may alias `la`; `probs` as in (L). */
export function proximal(
  out: Float64Array,
  la: Float64Array,
  logMu: Float64Array,
  g: Float64Array,
  eta: number,
  beta: number,
  probs?: Float64Array,
): Float64Array {
  const m = eta * beta;
  const d = 1 + m;
  for (let i = 0; i < out.length; i++) out[i] = (la[i]! + m * logMu[i]! + eta * g[i]!) / d;
  return normalizeLogInPlace(out, probs);
}
