/**
 * The two update templates of docs/algorithms.md §1 and the small loops the solvers share. All write
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

/** Scratch for `proximalByGradient` (K floats each), allocated once per solver. */
export interface GradientScratch {
  theta: Float64Array;
  lp: Float64Array;
  p: Float64Array;
  r: Float64Array;
}

export function gradientScratch(K: number): GradientScratch {
  return {
    theta: new Float64Array(K),
    lp: new Float64Array(K),
    p: new Float64Array(K),
    r: new Float64Array(K),
  };
}

/**
 * Approximate (X) (approximate Nash-MP, issue 7): m steps of vanilla softmax policy gradient on
 * the logits θ, from θ = log π_k (= `la`), maximizing the proximal objective
 *   F(π) = η⟨π, g⟩ − ηβ·KL(π‖μ) − KL(π‖π_k),
 * whose exact maximizer is (X). ∇_θF = π ⊙ (r − ⟨π, r⟩) with r = ηg − ηβ(log π − log μ) −
 * (log π − log π_k); θ ← θ + α∇_θF. `g` is the one (possibly sampled) query of this half step,
 * reused by all m inner steps (a sample-average approximation). `out` may alias `la`.
 */
export function proximalByGradient(
  out: Float64Array,
  la: Float64Array,
  logMu: Float64Array,
  g: Float64Array,
  eta: number,
  beta: number,
  inner: number,
  alpha: number,
  s: GradientScratch,
  probs?: Float64Array,
): Float64Array {
  const K = out.length;
  const { theta, lp, p, r } = s;
  const m = eta * beta;
  theta.set(la);
  for (let k = 0; k < inner; k++) {
    let max = -Infinity;
    for (let i = 0; i < K; i++) if (theta[i]! > max) max = theta[i]!;
    let z = 0;
    for (let i = 0; i < K; i++) z += Math.exp(theta[i]! - max);
    const l = max + Math.log(z);
    let v = 0;
    for (let i = 0; i < K; i++) {
      const li = theta[i]! - l;
      lp[i] = li;
      p[i] = Math.exp(li);
      r[i] = eta * g[i]! - m * (li - logMu[i]!) - (li - la[i]!);
      v += p[i]! * r[i]!;
    }
    for (let i = 0; i < K; i++) theta[i] = theta[i]! + alpha * p[i]! * (r[i]! - v);
  }
  out.set(theta);
  return normalizeLogInPlace(out, probs);
}

/**
 * One softmax policy-gradient step on the logits, from θ = la = log π_t, on the regularized
 * objective J(π) = ⟨π, g⟩ − β·KL(π‖μ) with the opponent's win rates g held fixed:
 *   θ⁺ = la + η·π_t ⊙ (w − ⟨π_t, w⟩),  w = g − β(la − log μ),
 * normalized. The π-weighting is what sets it apart from the mirror step (L); it is also why a
 * sampled ĝ (importance-weighted by 1/π) enters as π ⊙ ĝ = a plain REINFORCE sum.
 * `pi` holds π_t (= exp la); `out` may alias `la`; `probs` as in (L).
 */
export function policyGradient(
  out: Float64Array,
  la: Float64Array,
  pi: Float64Array,
  logMu: Float64Array,
  g: Float64Array,
  eta: number,
  beta: number,
  probs?: Float64Array,
): Float64Array {
  const K = out.length;
  let v = 0;
  for (let i = 0; i < K; i++) v += pi[i]! * (g[i]! - beta * (la[i]! - logMu[i]!));
  for (let i = 0; i < K; i++) {
    const w = g[i]! - beta * (la[i]! - logMu[i]!);
    out[i] = la[i]! + eta * pi[i]! * (w - v);
  }
  return normalizeLogInPlace(out, probs);
}
