/**
 * Equilibria of the symmetric preference game.
 *  - β > 0: the unique regularized equilibrium π*_β ∝ μ·exp(Pπ*_β/β), solved by Newton's method
 *    on x = log π (continuation in β from β = 1 down, each stage warm-started by Nash-MP steps).
 *  - β = 0: a symmetric Nash equilibrium (value ½) by linear programming; it may be non-unique,
 *    and the LP's vertex is the one reported.
 */
import type { Game } from './game';
import { simplexMaxLeq } from './lp';
import { computeMetrics, regGapOf } from './metrics';
import { logOf, matVec, normalizeLogInPlace, solveLinear } from './numeric';

export interface Equilibrium {
  beta: number;
  policy: Float64Array;
  logPolicy: Float64Array;
  regGap: number;
  exploitability: number;
  method: 'newton' | 'linear-program';
}

/** Target of the spec: the regularized duality gap of π*_β below this. */
export const EQUILIBRIUM_TOLERANCE = 1e-12;

export class EquilibriumError extends Error {
  override name = 'EquilibriumError';
}

const cache = new WeakMap<Game, Map<number, Equilibrium>>();

/** π*_β (β > 0) or the LP equilibrium (β = 0). Cached per game object and β. */
export function solveEquilibrium(game: Game, beta: number): Equilibrium {
  if (!(beta >= 0) || !Number.isFinite(beta))
    throw new EquilibriumError(`β must be a finite number ≥ 0, got ${beta}`);
  let perGame = cache.get(game);
  if (!perGame) cache.set(game, (perGame = new Map()));
  const hit = perGame.get(beta);
  if (hit) return hit;
  const logPolicy = beta === 0 ? solveUnregularized(game) : solveRegularized(game, beta);
  const policy = logPolicy.map(Math.exp);
  const m = computeMetrics(game, beta, logPolicy, logPolicy);
  const eq: Equilibrium = {
    beta,
    policy,
    logPolicy,
    regGap: m.regGap,
    exploitability: m.exploitability,
    method: beta === 0 ? 'linear-program' : 'newton',
  };
  perGame.set(beta, eq);
  return eq;
}

// ---------- β = 0: linear program ----------

/**
 * With A = 2P − 1 (skew-symmetric, value 0) and M = A + 2 > 0, the column player's LP
 * max 1ᵀw s.t. M·w ≤ 1, w ≥ 0 has y = w/Σw with (Py)_i ≤ ½ for every i: y cannot be exploited,
 * and by symmetry it is an equilibrium strategy for either player.
 */
function solveUnregularized(game: Game): Float64Array {
  const K = game.K;
  const M = new Float64Array(K * K);
  for (let i = 0; i < K * K; i++) M[i] = 2 * game.P[i]! - 1 + 2;
  const result = simplexMaxLeq(new Float64Array(K).fill(1), M, new Float64Array(K).fill(1), K, K);
  if (result.status !== 'optimal')
    throw new EquilibriumError(`the equilibrium LP ended with status ${result.status}`);
  let total = 0;
  for (let i = 0; i < K; i++) total += result.x[i]!;
  const y = result.x.map((w) => w / total);
  return logOf(y);
}

// ---------- β > 0: Newton with continuation ----------

function solveRegularized(game: Game, beta: number): Float64Array {
  let x: Float64Array = Float64Array.from(game.logReference);
  let b = Math.max(beta, 1);
  x = nashMirrorProxWarmStart(game, b, x, 60);
  let solved = newton(game, b, x);
  if (!solved) throw new EquilibriumError(`Newton's method failed at β = ${b}`);
  x = solved;
  while (b > beta) {
    let factor = 4;
    for (;;) {
      const next = Math.max(beta, b / factor);
      solved = newton(game, next, nashMirrorProxWarmStart(game, next, x, 20));
      if (solved) {
        x = solved;
        b = next;
        break;
      }
      factor = Math.sqrt(factor);
      if (factor < 1.0001)
        throw new EquilibriumError(
          `Newton's method failed on the way to β = ${beta} (stuck at β = ${b})`,
        );
    }
  }
  const gap = regGapOf(game, beta, x);
  if (!(gap < EQUILIBRIUM_TOLERANCE)) {
    throw new EquilibriumError(
      `the regularized equilibrium reached gap ${gap}, above ${EQUILIBRIUM_TOLERANCE}`,
    );
  }
  return x;
}

/** A few Nash-MP steps (η = 2, contraction (1+2β)^−1): a cheap globalization for Newton. */
function nashMirrorProxWarmStart(
  game: Game,
  beta: number,
  x0: Float64Array,
  steps: number,
): Float64Array {
  const { K, P, logReference: lmu } = game;
  const eta = 2;
  const x = Float64Array.from(x0);
  const half = new Float64Array(K);
  const pi = new Float64Array(K);
  const g = new Float64Array(K);
  const d = 1 + eta * beta;
  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < K; i++) pi[i] = Math.exp(x[i]!);
    matVec(P, pi, K, g);
    for (let i = 0; i < K; i++) half[i] = (x[i]! + eta * beta * lmu[i]! + eta * g[i]!) / d;
    normalizeLogInPlace(half);
    for (let i = 0; i < K; i++) pi[i] = Math.exp(half[i]!);
    matVec(P, pi, K, g);
    for (let i = 0; i < K; i++) x[i] = (x[i]! + eta * beta * lmu[i]! + eta * g[i]!) / d;
    normalizeLogInPlace(x);
  }
  return x;
}

/**
 * Newton on F(x, c) = βx − β·log μ − P·eˣ + c·1 = 0, Σeˣ = 1, with a backtracking line search on
 * ‖F‖². x is renormalized after every step and c set to its least-squares value, so the merit only
 * depends on x. Returns null when it stalls above the target.
 */
function newton(game: Game, beta: number, x0: Float64Array, maxIter = 60): Float64Array | null {
  const { K, P, logReference: lmu } = game;
  const n = K + 1;
  let x: Float64Array = normalizeLogInPlace(Float64Array.from(x0));
  let { F, pi } = residual(x);
  let merit = norm2(F);
  for (let iter = 0; iter < maxIter; iter++) {
    // A small regularized gap is not enough: the gap is quadratic in the error of π, so a gap of
    // 1e-16 still allows errors near 1e-8. Iterate until the residual stops shrinking.
    if (merit < 1e-34) break;
    const J = new Float64Array(n * n);
    for (let i = 0; i < K; i++) {
      for (let j = 0; j < K; j++) J[i * n + j] = -P[i * K + j]! * pi[j]!;
      J[i * n + i] = J[i * n + i]! + beta;
      J[i * n + K] = 1;
      J[K * n + i] = pi[i]!;
    }
    const rhs = new Float64Array(n);
    let piSum = 0;
    for (let i = 0; i < K; i++) {
      rhs[i] = -F[i]!;
      piSum += pi[i]!;
    }
    rhs[K] = 1 - piSum;
    const delta = solveLinear(J, rhs, n);
    if (!delta) return null;
    let t = 1;
    let accepted = false;
    for (let ls = 0; ls < 40; ls++) {
      const trial = new Float64Array(K);
      for (let i = 0; i < K; i++) trial[i] = x[i]! + t * delta[i]!;
      normalizeLogInPlace(trial);
      const r = residual(trial);
      const m = norm2(r.F);
      if (m < (1 - 1e-4 * t) * merit || (t === 1 && m < merit && merit < 1e-26)) {
        x = trial;
        F = r.F;
        pi = r.pi;
        merit = m;
        accepted = true;
        break;
      }
      t /= 2;
    }
    if (!accepted) break;
  }
  return regGapOf(game, beta, x, pi) < EQUILIBRIUM_TOLERANCE ? x : null;

  function residual(xv: Float64Array): { F: Float64Array; pi: Float64Array } {
    const p = xv.map(Math.exp);
    const g = matVec(P, p, K, new Float64Array(K));
    const r = new Float64Array(K);
    let mean = 0;
    for (let i = 0; i < K; i++) {
      r[i] = beta * (xv[i]! - lmu[i]!) - g[i]!;
      mean += r[i]!;
    }
    mean /= K;
    for (let i = 0; i < K; i++) r[i] = r[i]! - mean;
    return { F: r, pi: p };
  }
}

function norm2(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return s;
}

// ---------- β = 0: is the equilibrium unique? ----------

/**
 * Whether a β = 0 equilibrium y* is the game's only one: 'unique', 'several', or 'unknown' where
 * the test below cannot decide (a degenerate equilibrium, or a support past MAX_SUPPORT).
 *
 * Any other equilibrium y' of the symmetric zero-sum game A = 2P − 1 is interchangeable with y*,
 * so y'ᵀA y* = 0 with every (Ay*)_i ≤ 0: y' lives on T = {i : (Ay*)_i = 0}, and (Ay')_S = 0 on
 * S = supp y*. When T = S (strict complementarity), the equilibria are exactly the distributions
 * on S with A_SS y = 0 near y*: y* is unique iff [A_SS; 1ᵀ] has full column rank |S|, and a null
 * direction otherwise moves y* to other equilibria (y*_S > 0 and (Ay*)_i < 0 off S leave room).
 */
export type Uniqueness = 'unique' | 'several' | 'unknown';

const SUPPORT_TOLERANCE = 1e-9;
const MAX_SUPPORT = 256;

export function unregularizedUniqueness(game: Game, equilibrium: ArrayLike<number>): Uniqueness {
  const { K, P } = game;
  const support: number[] = [];
  const binding: number[] = [];
  for (let i = 0; i < K; i++) {
    let a = 0;
    for (let j = 0; j < K; j++) a += (2 * P[i * K + j]! - 1) * equilibrium[j]!;
    if (equilibrium[i]! > SUPPORT_TOLERANCE) support.push(i);
    if (a > -SUPPORT_TOLERANCE) binding.push(i);
  }
  if (support.length === 0 || support.length > MAX_SUPPORT) return 'unknown';
  if (binding.length !== support.length || binding.some((i, k) => support[k] !== i))
    return 'unknown';
  // Rank of the (|S| + 1) × |S| matrix [A_SS; 1ᵀ] by elimination with partial pivoting.
  const n = support.length;
  const rows = n + 1;
  const M = new Float64Array(rows * n);
  support.forEach((i, r) => support.forEach((j, c) => (M[r * n + c] = 2 * P[i * K + j]! - 1)));
  M.fill(1, n * n, rows * n);
  let rank = 0;
  for (let col = 0; col < n && rank < rows; col++) {
    let pivot = rank;
    for (let r = rank + 1; r < rows; r++)
      if (Math.abs(M[r * n + col]!) > Math.abs(M[pivot * n + col]!)) pivot = r;
    if (Math.abs(M[pivot * n + col]!) < SUPPORT_TOLERANCE) continue;
    for (let c = 0; c < n; c++) {
      const tmp = M[rank * n + c]!;
      M[rank * n + c] = M[pivot * n + c]!;
      M[pivot * n + c] = tmp;
    }
    for (let r = rank + 1; r < rows; r++) {
      const f = M[r * n + col]! / M[rank * n + col]!;
      if (f !== 0)
        for (let c = col; c < n; c++) M[r * n + c] = M[r * n + c]! - f * M[rank * n + c]!;
    }
    rank++;
  }
  return rank === n ? 'unique' : 'several';
}
