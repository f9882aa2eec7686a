/**
 * Equilibria of the symmetric preference game.
 *  - β > 0: the unique regularized equilibrium π*_β ∝ μ·exp(Pπ*_β/β), solved by Newton's method
 *    on x = log π (continuation in β from β = 1 down, each stage warm-started by Nash-MP steps).
 *  - β = 0: a symmetric Nash equilibrium (value ½) by linear programming; it may be non-unique,
 *    and the LP's vertex is the one reported. Above DENSE_SIMPLEX_MAX_K actions the LP is solved
 *    on a subgame of candidate actions and certified on the whole game (activeSet.ts).
 */
import { equalizerOnSupport, solveByActiveSet } from './activeSet';
import type { Game } from './game';
import { simplexMaxLeq, simplexMaxLeqSteepestEdge } from './lp';
import { computeMetrics, exploitabilityOf, regGapOf } from './metrics';
import {
  logOf,
  luFactor,
  luSolve,
  matVec,
  normalizeLogInPlace,
  solveLinear,
  type LUFactors,
} from './numeric';
import { targetBeta, type MemberSolver, type ResolvedParams } from './solvers';
import { isUniqueEquilibrium } from './uniqueness';

export interface Equilibrium {
  beta: number;
  policy: Float64Array;
  logPolicy: Float64Array;
  regGap: number;
  exploitability: number;
  method: 'newton' | 'linear-program';
  /**
   * Whether this is the only equilibrium: always for β > 0; for β = 0 decided by
   * src/core/uniqueness.ts. KL and span to it are only reported when it is.
   */
  unique: boolean;
}

/** Target of the spec: the regularized duality gap of π*_β below this. */
export const EQUILIBRIUM_TOLERANCE = 1e-12;

export class EquilibriumError extends Error {
  override name = 'EquilibriumError';
}

const cache = new WeakMap<Game, Map<number, Equilibrium>>();

/**
 * Games at least this large are also cached by content: every run a worker receives holds a fresh
 * copy of the game (structured clone), and π*_β of a 1,024-action game costs seconds, so a race's
 * preview, its full run and the next β would each solve it again.
 */
const CONTENT_CACHE_MIN_K = 64;
/** Big games remembered by content (most recent last). */
const CONTENT_CACHE_GAMES = 4;
const byContent = new Map<string, Map<number, Equilibrium>>();

/** A fingerprint of the game's numbers (K, P and μ, bit for bit): FNV-1a over their 32-bit words. */
export function gameFingerprint(game: Game): string {
  let h = 0x811c9dc5;
  for (const array of [game.P, game.logReference]) {
    const words = new Uint32Array(array.buffer, array.byteOffset, array.byteLength / 4);
    for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i]!, 0x01000193);
  }
  return `${game.K}:${(h >>> 0).toString(16)}:${game.P.length}`;
}

function equilibriaOf(game: Game): Map<number, Equilibrium> {
  let perGame = cache.get(game);
  if (perGame) return perGame;
  if (game.K >= CONTENT_CACHE_MIN_K) {
    const key = gameFingerprint(game);
    perGame = byContent.get(key);
    if (perGame)
      byContent.delete(key); // re-inserted below as the most recent
    else perGame = new Map();
    byContent.set(key, perGame);
    while (byContent.size > CONTENT_CACHE_GAMES) byContent.delete(byContent.keys().next().value!);
  } else perGame = new Map();
  cache.set(game, perGame);
  return perGame;
}

/**
 * π*_β (β > 0) or the LP equilibrium (β = 0). Cached per game object and β, and for big games
 * also by content (CONTENT_CACHE_MIN_K).
 */
export function solveEquilibrium(game: Game, beta: number): Equilibrium {
  if (!(beta >= 0) || !Number.isFinite(beta))
    throw new EquilibriumError(`β must be a finite number ≥ 0, got ${beta}`);
  const perGame = equilibriaOf(game);
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
    unique: beta > 0 || isUniqueEquilibrium(game, policy),
  };
  perGame.set(beta, eq);
  return eq;
}

/**
 * The equilibrium a run is measured against: π*_β of its β, or the β = 0 equilibrium for runs
 * that refresh their reference (and mpo) — src/core/solvers/target.ts.
 */
export function targetEquilibrium(
  game: Game,
  solver: MemberSolver,
  params: ResolvedParams,
): Equilibrium {
  return solveEquilibrium(game, targetBeta(solver, params));
}

/** log π* for KL and span, or null where the equilibrium is not unique (those metrics are NaN). */
export function comparableLog(eq: Equilibrium): Float64Array | null {
  return eq.unique ? eq.logPolicy : null;
}

/**
 * What a nearby game's solve leaves for the next one: its equilibrium and, for β > 0, the LU
 * factors of Newton's Jacobian there. Bootstrap resamples sit close to the full-data game, so each
 * resample starts from the full-data solve.
 */
export interface WarmStart {
  beta: number;
  K: number;
  eq: Equilibrium;
  jacobian?: LUFactors;
}

export function prepareWarmStart(game: Game, beta: number): WarmStart {
  const eq = solveEquilibrium(game, beta);
  if (beta === 0) return { beta, K: game.K, eq };
  const jacobian = luFactor(newtonJacobian(game, beta, eq.policy), game.K + 1);
  return { beta, K: game.K, eq, ...(jacobian ? { jacobian } : {}) };
}

/**
 * The equilibrium of `game` from the warm start of a nearby game (same K and μ). β > 0: chord
 * steps with the nearby game's Newton Jacobian (factored once), then full Newton if they stall;
 * β = 0: the linear system of the nearby support. Each is accepted only when it passes the checks
 * of a cold solve (regularized gap below 1e-12; π ≥ 0 with exploitability at rounding level);
 * otherwise the cold solve runs. The result equals the cold solve's within its tolerance (for
 * β = 0 the same point unless the equilibrium is not unique, where both are equilibria).
 *
 * A warm-started simplex (crash into the nearby optimal basis, dual simplex to feasibility) was
 * tried for β = 0 and dropped: at K = 100 with 50 votes per pair the resampled supports differ in
 * several actions at once, and it saved under a third of the pivots while degenerate dual steps
 * sometimes cost more than a cold start.
 */
export function solveEquilibriumNear(game: Game, beta: number, warm: WarmStart): Equilibrium {
  if (warm.beta !== beta || warm.K !== game.K) return solveEquilibrium(game, beta);
  const logPolicy =
    beta === 0
      ? (supportEquilibrium(game, warm.eq.policy) ?? solveUnregularized(game))
      : chordNewton(game, beta, warm);
  if (!logPolicy) return solveEquilibrium(game, beta);
  const m = computeMetrics(game, beta, logPolicy, logPolicy);
  return {
    beta,
    policy: logPolicy.map(Math.exp),
    logPolicy,
    regGap: m.regGap,
    exploitability: m.exploitability,
    method: beta === 0 ? 'linear-program' : 'newton',
    unique: beta > 0 || isUniqueEquilibrium(game, logPolicy.map(Math.exp)),
  };
}

/** Below this, an exploitability is rounding: the LP's own vertices land near 1e-16. */
const SUPPORT_TOLERANCE = 1e-12;

/**
 * The equilibrium with the support of `guess`: solve (Px)_i = v for i in the support, Σx = 1,
 * x = 0 elsewhere; it is an equilibrium iff x ≥ 0 and no action beats it, (Px)_j ≤ ½ for every j
 * (then v = ½). Returns log x, or null when the support no longer fits.
 */
function supportEquilibrium(game: Game, guess: Float64Array): Float64Array | null {
  const x = equalizerOnSupport(game, guess, true);
  if (!x) return null;
  if (!(exploitabilityOf(game, x) <= SUPPORT_TOLERANCE)) return null;
  return logOf(x);
}

/**
 * Chord iterations x ← x − J₀⁻¹F(x) with the warm start's factored Jacobian J₀: linear
 * convergence at a rate of about ‖J₀⁻¹(J − J₀)‖ (small for a nearby game), each step a matrix-
 * vector product instead of a factorization. Finishes with full Newton when the steps stall.
 */
function chordNewton(game: Game, beta: number, warm: WarmStart): Float64Array | null {
  const K = game.K;
  let x: Float64Array = normalizeLogInPlace(Float64Array.from(warm.eq.logPolicy));
  if (warm.jacobian) {
    let { F, pi } = newtonResidual(game, beta, x);
    let merit = norm2(F);
    for (let iter = 0; iter < 100 && merit >= 1e-34; iter++) {
      const rhs = new Float64Array(K + 1);
      let piSum = 0;
      for (let i = 0; i < K; i++) {
        rhs[i] = -F[i]!;
        piSum += pi[i]!;
      }
      rhs[K] = 1 - piSum;
      const d = luSolve(warm.jacobian, rhs);
      const trial = new Float64Array(K);
      for (let i = 0; i < K; i++) trial[i] = x[i]! + d[i]!;
      normalizeLogInPlace(trial);
      const r = newtonResidual(game, beta, trial);
      const m = norm2(r.F);
      if (!(m < merit)) break; // stalled (or diverging): leave it to Newton
      x = trial;
      F = r.F;
      pi = r.pi;
      merit = m;
    }
    if (regGapOf(game, beta, x, pi) < EQUILIBRIUM_TOLERANCE && merit < 1e-26) return x;
  }
  return newton(game, beta, x);
}

/** Newton's Jacobian of (F, Σπ − 1) in (x, c) at π (see newton). */
function newtonJacobian(game: Game, beta: number, pi: ArrayLike<number>): Float64Array {
  const { K, P } = game;
  const n = K + 1;
  const J = new Float64Array(n * n);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) J[i * n + j] = -P[i * K + j]! * pi[j]!;
    J[i * n + i] = J[i * n + i]! + beta;
    J[i * n + K] = 1;
    J[K * n + i] = pi[i]!;
  }
  return J;
}

// ---------- β = 0: linear program ----------

/**
 * With A = 2P − 1 (skew-symmetric, value 0) and M = A + 2 > 0, the column player's LP
 * max 1ᵀw s.t. M·w ≤ 1, w ≥ 0 has y = w/Σw with (Py)_i ≤ ½ for every i: y cannot be exploited,
 * and by symmetry it is an equilibrium strategy for either player.
 */
function solveUnregularized(game: Game): Float64Array {
  const K = game.K;
  if (K > DENSE_SIMPLEX_MAX_K) {
    const certified = solveByActiveSet(game);
    if (certified) return logOf(certified.policy);
  }
  const M = new Float64Array(K * K);
  for (let i = 0; i < K * K; i++) M[i] = 2 * game.P[i]! - 1 + 2;
  const solve = K > DENSE_SIMPLEX_MAX_K ? simplexMaxLeqSteepestEdge : simplexMaxLeq;
  const result = solve(new Float64Array(K).fill(1), M, new Float64Array(K).fill(1), K, K);
  if (result.status !== 'optimal')
    throw new EquilibriumError(`the equilibrium LP ended with status ${result.status}`);
  let total = 0;
  for (let i = 0; i < K; i++) total += result.x[i]!;
  const y = result.x.map((w) => w / total);
  return logOf(y);
}

// ---------- β > 0: Newton with continuation ----------

/**
 * Games from this many actions on try Newton at β directly, from Nash-MP steps at β, before the
 * continuation from β = 1: each Newton step factors a (K+1)² Jacobian (K³/3 multiply-adds, as much
 * as ~K/6 Nash-MP steps), and the continuation's ~15 of them took 12 s at K = 1,024 on a loaded
 * 2-core machine. Smaller games keep the continuation alone (their results stay bit-identical).
 */
export const DIRECT_NEWTON_MIN_K = 128;
/**
 * The β = 0 equilibrium of games up to this many actions comes from the dense simplex of lp.ts on
 * the whole game, as it always has (tests and CLI JSON pin its vertex bit for bit): ~0.6 s at
 * K = 256 on a quiet core, but its Dantzig pivots (6·K at K = 256, 13·K at 512) of 2K² each grow
 * faster than K⁴ (10 s of CPU at K = 512, minutes at 1,024). Larger games go to the active-set
 * solver of activeSet.ts (a certified subgame LP: ~0.3 s of CPU at K = 512, ~1.7 s at 1,024),
 * and to the whole game's steepest-edge simplex if that does not certify.
 */
export const DENSE_SIMPLEX_MAX_K = 256;
/** Nash-MP steps per block of the direct start. */
const DIRECT_BLOCK = 50;

/**
 * The smallest β whose π*_β directNewton solves at K actions (the same rule as its first check):
 * below it the continuation runs, ~15 dense LU solves (~50 s at K = 1,024 on a loaded 2-core
 * machine, against ~6 s at this β). The sweep's β axis starts here on big games.
 */
export function directNewtonMinBeta(K: number): number {
  return Math.expm1((Math.log(1e10) * 3) / (2 * K)) / 2;
}

/**
 * Newton at β from Nash-MP steps at β (η = 2, a contraction by (1 + 2β)⁻¹), run until a block
 * moves log π by less than 1e-10 (deep in Newton's basin: two or three steps to rounding); null
 * where Newton fails or the steps do not settle (the continuation then solves it).
 */
export function directNewton(game: Game, beta: number): Float64Array | null {
  // Steps to shrink an O(1) error below 1e-10 at the rate (1 + 2β)⁻¹; beyond 2K/3 steps (the
  // matrix work of four Newton steps) the continuation is cheaper, so small β goes there at once.
  const needed = Math.log(1e10) / Math.log1p(2 * beta);
  if (needed > (2 * game.K) / 3) return null;
  let x: Float64Array = Float64Array.from(game.logReference);
  // A block's move is measured against the block before: at least two blocks, at most ~2·needed.
  const blocks = Math.ceil((2 * needed) / DIRECT_BLOCK) + 1;
  for (let block = 0; block < blocks; block++) {
    const next = nashMirrorProxWarmStart(game, beta, x, DIRECT_BLOCK);
    let moved = 0;
    for (let i = 0; i < x.length; i++) moved = Math.max(moved, Math.abs(next[i]! - x[i]!));
    x = next;
    if (!Number.isFinite(moved)) return null;
    if (moved < 1e-10) return polish(game, beta, x);
  }
  return null;
}

/**
 * From within 1e-10 of π*_β: more Nash-MP blocks until one moves log π by < 1e-14 (rounding;
 * ~4/log(1 + 2β) steps), where those cost less than the K³/3 of one Newton step — at K = 1,024
 * and β = 0.1 about a tenth of it — else (or if they stall above rounding) Newton.
 */
function polish(game: Game, beta: number, x0: Float64Array): Float64Array | null {
  const steps = (2 * Math.log(1e4)) / Math.log1p(2 * beta);
  if (steps * 2 < game.K / 3) {
    let x = x0;
    for (let done = 0; done < steps + DIRECT_BLOCK; done += DIRECT_BLOCK) {
      const next = nashMirrorProxWarmStart(game, beta, x, DIRECT_BLOCK);
      let moved = 0;
      for (let i = 0; i < x.length; i++) moved = Math.max(moved, Math.abs(next[i]! - x[i]!));
      x = next;
      if (moved < 1e-14 && regGapOf(game, beta, x) < EQUILIBRIUM_TOLERANCE) return x;
    }
    return newton(game, beta, x);
  }
  return newton(game, beta, x0);
}

function solveRegularized(game: Game, beta: number): Float64Array {
  if (game.K >= DIRECT_NEWTON_MIN_K) {
    const direct = directNewton(game, beta);
    if (direct && regGapOf(game, beta, direct) < EQUILIBRIUM_TOLERANCE) return direct;
  }
  return solveByContinuation(game, beta);
}

/**
 * log π*_β by Newton with continuation from β = 1 down, each stage warm-started by Nash-MP steps
 * (every game below DIRECT_NEWTON_MIN_K actions; exported for the tests that compare the paths).
 */
export function solveByContinuation(game: Game, beta: number): Float64Array {
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
  const { K } = game;
  const n = K + 1;
  let x: Float64Array = normalizeLogInPlace(Float64Array.from(x0));
  let { F, pi } = newtonResidual(game, beta, x);
  let merit = norm2(F);
  for (let iter = 0; iter < maxIter; iter++) {
    // A small regularized gap is not enough: the gap is quadratic in the error of π, so a gap of
    // 1e-16 still allows errors near 1e-8. Iterate until the residual stops shrinking.
    if (merit < 1e-34) break;
    const J = newtonJacobian(game, beta, pi);
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
      const r = newtonResidual(game, beta, trial);
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
}

/** F(x) with c at its least-squares value (F's mean removed), and π = eˣ. */
function newtonResidual(
  game: Game,
  beta: number,
  x: Float64Array,
): { F: Float64Array; pi: Float64Array } {
  const { K, P, logReference: lmu } = game;
  const p = x.map(Math.exp);
  const g = matVec(P, p, K, new Float64Array(K));
  const r = new Float64Array(K);
  let mean = 0;
  for (let i = 0; i < K; i++) {
    r[i] = beta * (x[i]! - lmu[i]!) - g[i]!;
    mean += r[i]!;
  }
  mean /= K;
  for (let i = 0; i < K; i++) r[i] = r[i]! - mean;
  return { F: r, pi: p };
}

function norm2(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return s;
}
