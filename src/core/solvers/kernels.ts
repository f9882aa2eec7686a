/**
 * The two update templates of ALGORITHMS.md §0 and the small loops the solvers share. All write
 * into caller-owned buffers: a solver step allocates nothing.
 */
import { matVec, normalizeLogInPlace } from '../numeric';

/** (L): out = (1−ηβ)·la + ηβ·log μ + η·g, normalized. `out` may alias `la`. */
export function linearized(
  out: Float64Array,
  la: Float64Array,
  logMu: Float64Array,
  g: Float64Array,
  eta: number,
  beta: number,
): Float64Array {
  const m = eta * beta;
  for (let i = 0; i < out.length; i++) out[i] = (1 - m) * la[i]! + m * logMu[i]! + eta * g[i]!;
  return normalizeLogInPlace(out);
}

/** (X): out = [la + ηβ·log μ + η·g]/(1+ηβ), normalized. `out` may alias `la`. */
export function proximal(
  out: Float64Array,
  la: Float64Array,
  logMu: Float64Array,
  g: Float64Array,
  eta: number,
  beta: number,
): Float64Array {
  const m = eta * beta;
  const d = 1 + m;
  for (let i = 0; i < out.length; i++) out[i] = (la[i]! + m * logMu[i]! + eta * g[i]!) / d;
  return normalizeLogInPlace(out);
}

/** g = P·exp(logPi), one preference query. `pi` is scratch that receives exp(logPi). */
export function winRatesOfLog(
  g: Float64Array,
  P: Float64Array,
  logPi: Float64Array,
  pi: Float64Array,
): Float64Array {
  for (let i = 0; i < pi.length; i++) pi[i] = Math.exp(logPi[i]!);
  return matVec(P, pi, pi.length, g);
}
