/**
 * The Bradley–Terry reward model that RLHF would fit to the same comparisons as the preference
 * matrix: scores s with Pr(i ≻ j) = σ(s_i − s_j), by maximum likelihood. With pair weights N
 * (N_ij = N_ji ≥ 0, the number of comparisons of i and j; default 1 for every pair, i.e. every
 * ordered pair compared equally often) the negative log-likelihood is
 *
 *   L(s) = −Σ_{i≠j} N_ij·P[i][j]·log σ(s_i − s_j),   ∇_i L = Σ_{j≠i} N_ij·(σ(s_i − s_j) − P[i][j]).
 *
 * With N the vote counts and P the observed win rates (a tie half to each side) this is the fit to
 * the votes themselves. L is convex with the weighted Laplacian
 * Hessian H_ii = Σ_j N_ij σ_ij σ_ji, H_ij = −N_ij σ_ij σ_ji (null space 1 when the compared pairs
 * connect all actions); the scores are centred to sum 0. Newton on H + 11ᵀ (positive definite, and
 * its steps keep Σ s = 0) with backtracking converges quadratically, to the float64 floor;
 * max |∇L| ≤ 1e-12 (relative to the largest pair weight).
 */
import { sigmoid } from './annotators';
import { solveLinear } from './numeric';

export const BT_TOLERANCE = 1e-12;
const MAX_NEWTON_STEPS = 200;
/** Scores closer than this to the best count as tied for the reward model's choice. */
export const SCORE_TIE = 1e-9;

export interface BradleyTerryFit {
  /** Maximum-likelihood scores, Σ s = 0. */
  scores: Float64Array;
  /** Actions by score, best first (equal scores keep the action order). */
  ranking: number[];
  /** Actions within SCORE_TIE of the best score: what the reward model prefers. */
  top: number[];
  /** The matrix the fitted model predicts, σ(s_i − s_j). */
  matrix: number[][];
  /**
   * max |P[i][j] − σ(s_i − s_j)| over the compared pairs: how much of P the model cannot express
   * (e.g. a cycle).
   */
  maxResidual: number;
  /** max |∇L| at the returned scores, over the largest pair weight (≤ BT_TOLERANCE). */
  gradient: number;
  newtonSteps: number;
}

export type BradleyTerryResult = { ok: true; fit: BradleyTerryFit } | { ok: false; reason: string };

/** log σ(x) without overflow. */
function logSigmoid(x: number): number {
  return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
}

type Matrix = readonly (readonly number[])[];

/** Pair weights N_ij (symmetric, ≥ 0); undefined means 1 for every pair. */
function weight(N: Matrix | undefined, i: number, j: number): number {
  return N ? N[i]![j]! : 1;
}

function loss(P: Matrix, s: Float64Array, N: Matrix | undefined): number {
  let L = 0;
  for (let i = 0; i < s.length; i++)
    for (let j = 0; j < s.length; j++) {
      const w = weight(N, i, j);
      if (i !== j && w > 0) L -= w * P[i]![j]! * logSigmoid(s[i]! - s[j]!);
    }
  return L;
}

function gradient(P: Matrix, s: Float64Array, N: Matrix | undefined): Float64Array {
  const K = s.length;
  const g = new Float64Array(K);
  for (let i = 0; i < K; i++)
    for (let j = 0; j < K; j++) {
      const w = weight(N, i, j);
      if (i !== j && w > 0) g[i] = g[i]! + w * (sigmoid(s[i]! - s[j]!) - P[i]![j]!);
    }
  return g;
}

function maxAbs(x: Float64Array): number {
  return x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
}

/**
 * The maximum-likelihood scores exist iff the "sometimes beats" graph (i → j when N_ij·P[i][j] > 0)
 * is strongly connected (Zermelo 1929; Ford 1957). Otherwise either some actions were never
 * compared with the rest (their relative scores are undetermined) or some set of actions never
 * loses to the rest and its score gap would be infinite; the reason names them.
 */
function unboundedReason(
  P: Matrix,
  actions: readonly string[],
  N: Matrix | undefined,
): string | null {
  const K = P.length;
  if (N) {
    const seen = new Set([0]);
    const stack = [0];
    while (stack.length > 0) {
      const u = stack.pop()!;
      for (let v = 0; v < K; v++)
        if (v !== u && N[u]![v]! > 0 && !seen.has(v)) {
          seen.add(v);
          stack.push(v);
        }
    }
    if (seen.size < K) {
      const apart = P.map((_, i) => i).filter((i) => !seen.has(i));
      return `the Bradley–Terry fit is undetermined: ${apart.map((i) => actions[i]).join(', ')} ${apart.length === 1 ? 'was' : 'were'} never compared, directly or through other actions, with ${[
        ...seen,
      ]
        .sort((a, b) => a - b)
        .map((i) => actions[i])
        .join(', ')}`;
    }
  }
  for (let s = 0; s < K; s++) {
    // reach: the actions that reach s by "sometimes beats" chains (v → u when P[v][u] > 0).
    const reach = new Set([s]);
    const stack = [s];
    while (stack.length > 0) {
      const u = stack.pop()!;
      for (let v = 0; v < K; v++)
        if (v !== u && weight(N, v, u) * P[v]![u]! > 0 && !reach.has(v)) {
          reach.add(v);
          stack.push(v);
        }
    }
    if (reach.size < K) {
      // An action outside `reach` never beats one inside (it would be inside): it always loses.
      const winners = [...reach].sort((a, b) => a - b).map((i) => actions[i]);
      const losers = P.map((_, i) => i)
        .filter((i) => !reach.has(i))
        .map((i) => actions[i]);
      return `the Bradley–Terry fit has no finite maximum: ${losers.join(', ')} never beat${losers.length === 1 ? 's' : ''} ${winners.join(', ')} (${N ? 'in any vote' : 'P = 0'}), so the score gap would be infinite`;
    }
  }
  return null;
}

/**
 * Fits the scores to P (K×K, P + Pᵀ = 1), each pair weighted by N (default: all 1); `actions` only
 * name actions in the failure reason.
 */
export function fitBradleyTerry(
  P: Matrix,
  actions: readonly string[] = P.map((_, i) => `action ${i}`),
  N?: Matrix,
): BradleyTerryResult {
  const K = P.length;
  const reason = unboundedReason(P, actions, N);
  if (reason) return { ok: false, reason };
  // The gradient scales with the weights; the tolerance is relative to the heaviest pair.
  let scale = 1;
  if (N) for (const row of N) for (const w of row) scale = Math.max(scale, w);
  let s = new Float64Array(K);
  let g = gradient(P, s, N);
  let L = loss(P, s, N);
  let steps = 0;
  // Newton until the step is at rounding level, not merely until |∇L| ≤ 1e-12: that would still
  // leave the scores ~1e-12/H off, and one more (quadratically convergent) step removes it.
  while (maxAbs(g) > 0 && steps < MAX_NEWTON_STEPS) {
    steps++;
    const H = new Float64Array(K * K).fill(1); // + 11ᵀ
    for (let i = 0; i < K; i++)
      for (let j = 0; j < K; j++) {
        if (i === j) continue;
        const w = weight(N, i, j) * sigmoid(s[i]! - s[j]!) * sigmoid(s[j]! - s[i]!);
        H[i * K + j] = H[i * K + j]! - w;
        H[i * K + i] = H[i * K + i]! + w;
      }
    const d = solveLinear(
      H,
      g.map((v) => -v),
      K,
    );
    if (!d) return { ok: false, reason: 'the Bradley–Terry Hessian is singular' };
    const slope = d.reduce((acc, v, i) => acc + v * g[i]!, 0);
    // Backtracking (Armijo); near the optimum L changes below its rounding, so a step that lowers
    // the gradient is accepted there too.
    let next: Float64Array | null = null;
    for (let t = 1, k = 0; k < 60 && !next; k++, t /= 2) {
      const trial = s.map((v, i) => v + t * d[i]!);
      const Lt = loss(P, trial, N);
      if (Lt <= L + 1e-4 * t * slope || maxAbs(gradient(P, trial, N)) < maxAbs(g)) {
        next = trial;
        L = Lt;
      }
    }
    if (!next) break; // no progress possible in float64: the final check decides
    const mean = next.reduce((a, v) => a + v, 0) / K;
    const moved = maxAbs(next.map((v, i) => v - mean - s[i]!));
    s = next.map((v) => v - mean);
    g = gradient(P, s, N);
    if (moved <= 1e-15 * (1 + maxAbs(s))) break;
  }
  if (!(maxAbs(g) <= BT_TOLERANCE * scale))
    return {
      ok: false,
      reason: `the Bradley–Terry fit did not converge (max |∇L| = ${maxAbs(g)} after ${steps} Newton steps)`,
    };
  return { ok: true, fit: describeFit(P, s, maxAbs(g) / scale, steps, N) };
}

function describeFit(
  P: Matrix,
  s: Float64Array,
  grad: number,
  steps: number,
  N: Matrix | undefined,
): BradleyTerryFit {
  const K = s.length;
  const ranking = Array.from(s, (_, i) => i).sort((a, b) => s[b]! - s[a]! || a - b);
  const best = s[ranking[0]!]!;
  const matrix = Array.from({ length: K }, (_, i) =>
    Array.from({ length: K }, (_, j) => (i === j ? 0.5 : sigmoid(s[i]! - s[j]!))),
  );
  let maxResidual = 0;
  for (let i = 0; i < K; i++)
    for (let j = 0; j < K; j++)
      if (weight(N, i, j) > 0)
        maxResidual = Math.max(maxResidual, Math.abs(P[i]![j]! - matrix[i]![j]!));
  return {
    scores: s,
    ranking,
    top: ranking.filter((i) => best - s[i]! <= SCORE_TIE),
    matrix,
    maxResidual,
    gradient: grad,
    newtonSteps: steps,
  };
}

/**
 * The policy RLHF picks with this reward model at KL strength β: argmax E_π[s] − β·KL(π‖μ), i.e.
 * π_RM ∝ μ·exp(s/β). At β = 0 it is the β → 0 limit: μ restricted to the top-scoring actions.
 */
export function rewardModelPolicy(
  fit: BradleyTerryFit,
  reference: ArrayLike<number>,
  beta: number,
): Float64Array {
  const K = fit.scores.length;
  const logits = new Float64Array(K);
  for (let i = 0; i < K; i++)
    logits[i] =
      beta > 0
        ? Math.log(reference[i]!) + fit.scores[i]! / beta
        : fit.top.includes(i)
          ? Math.log(reference[i]!)
          : -Infinity;
  const m = Math.max(...logits);
  const w = logits.map((x) => Math.exp(x - m));
  const total = w.reduce((a, v) => a + v, 0);
  return w.map((v) => v / total);
}
