/**
 * The metrics of docs/algorithms.md §2, all on the symmetric profile (π, π). Policies come in as
 * log-probabilities (what the solvers keep), so KL and span stay finite for probabilities that
 * underflow to 0 in linear space.
 */
import type { Game } from './game';
import { dot, klFromLogs, logSumExp, matVec, maxOf } from './numeric';

export interface Metrics {
  exploitability: number;
  dualityGap: number;
  regGap: number;
  klToNE: number;
  span: number;
}

function probs(logPi: ArrayLike<number>): Float64Array {
  const p = new Float64Array(logPi.length);
  for (let i = 0; i < p.length; i++) p[i] = Math.exp(logPi[i]!);
  return p;
}

/** g(π) = Pπ, the win rate of each action against π. */
export function winRates(
  game: Game,
  pi: ArrayLike<number>,
  out = new Float64Array(game.K),
): Float64Array {
  return matVec(game.P, pi, game.K, out);
}

/** max_y (Pπ)_y − ½, clamped at 0 (rounding can give −1e-17 at an equilibrium). */
function exploitabilityFromWinRates(g: ArrayLike<number>): number {
  const e = maxOf(g) - 0.5;
  return e > 0 ? e : 0;
}

export function exploitabilityOf(game: Game, pi: ArrayLike<number>): number {
  return exploitabilityFromWinRates(winRates(game, pi));
}

/** log BR_β(π) = log μ + Pπ/β − logZ, for β > 0. */
export function logBestResponse(game: Game, beta: number, g: ArrayLike<number>): Float64Array {
  const out = new Float64Array(game.K);
  for (let i = 0; i < game.K; i++) out[i] = game.logReference[i]! + g[i]! / beta;
  const z = logSumExp(out);
  for (let i = 0; i < game.K; i++) out[i] = out[i]! - z;
  return out;
}

/** The regularized duality gap; for β = 0 it is the unregularized duality gap. */
export function regGapOf(
  game: Game,
  beta: number,
  logPi: ArrayLike<number>,
  pi = probs(logPi),
): number {
  const g = winRates(game, pi);
  if (beta === 0) return 2 * exploitabilityFromWinRates(g);
  return 2 * beta * klFromLogs(logPi, logBestResponse(game, beta, g));
}

/** KL(π*‖π_t). +∞ when π_t has no mass on an action that π* plays. */
export function klToNEOf(eqLog: ArrayLike<number>, logPi: ArrayLike<number>): number {
  return klFromLogs(eqLog, logPi);
}

/** Span semi-norm of log π_t − log π*, over the support of π* (all of it when β > 0). */
export function spanOf(eqLog: ArrayLike<number>, logPi: ArrayLike<number>): number {
  let hi = -Infinity;
  let lo = Infinity;
  for (let i = 0; i < eqLog.length; i++) {
    if (eqLog[i] === -Infinity) continue;
    const d = logPi[i]! - eqLog[i]!;
    if (d > hi) hi = d;
    if (d < lo) lo = d;
  }
  if (hi === Infinity || lo === -Infinity) return Infinity;
  const s = hi - lo;
  return s > 0 ? s : 0;
}

/**
 * MNPO's gap (Eq. 9): max_π′ J(π′, O) − J(π, O) with J(π′, O) = π′ᵀP·π̄_O − βKL(π′‖μ) and
 * π̄_O = Σ_j λ_j π_j. Equals 2β·KL(π‖BR_β(π̄_O))/2 in closed form.
 */
export function mnpoGapOf(
  game: Game,
  beta: number,
  logPi: ArrayLike<number>,
  opponents: readonly ArrayLike<number>[],
  weights?: readonly number[],
): number {
  const K = game.K;
  const lambda = weights ?? opponents.map(() => 1 / opponents.length);
  const total = lambda.reduce((s, w) => s + w, 0);
  const mixture = new Float64Array(K);
  opponents.forEach((o, j) => {
    for (let i = 0; i < K; i++) mixture[i] = mixture[i]! + (lambda[j]! / total) * o[i]!;
  });
  const g = winRates(game, mixture);
  const pi = probs(logPi);
  if (beta === 0) {
    const e = maxOf(g) - dot(pi, g);
    return e > 0 ? e : 0;
  }
  return beta * klFromLogs(logPi, logBestResponse(game, beta, g));
}

/** Every metric of the CLI's `final.metrics`, for a log-policy. */
/** Reusable buffers for {@link metricsInto}: metrics of many iterates without allocating. */
export interface MetricsScratch {
  pi: Float64Array;
  g: Float64Array;
  logBR: Float64Array;
}

export function metricsScratch(K: number): MetricsScratch {
  return { pi: new Float64Array(K), g: new Float64Array(K), logBR: new Float64Array(K) };
}

/**
 * Every metric of the CLI's `final.metrics` for a log-policy, written into `out` using `scratch`
 * (batch engines call this for every sample of every member).
 */
export function metricsInto(
  out: Metrics,
  game: Game,
  beta: number,
  /** log π* of the target equilibrium, or null when it is not unique. */
  eqLog: ArrayLike<number> | null,
  logPi: ArrayLike<number>,
  scratch: MetricsScratch = metricsScratch(game.K),
): Metrics {
  const { pi, g } = scratch;
  const K = game.K;
  for (let i = 0; i < K; i++) pi[i] = Math.exp(logPi[i]!);
  matVec(game.P, pi, K, g);
  return metricsFromWinRates(out, game, beta, eqLog, logPi, pi, g, scratch.logBR);
}

/**
 * metricsInto's second half, given π = exp(log π) and its win rates g = Pπ (computed by the
 * caller, e.g. for a batch's members in one pass over P); `logBR` is scratch of length K.
 */
export function metricsFromWinRates(
  out: Metrics,
  game: Game,
  beta: number,
  eqLog: ArrayLike<number> | null,
  logPi: ArrayLike<number>,
  pi: Float64Array,
  g: Float64Array,
  logBR: Float64Array,
): Metrics {
  const K = game.K;
  const exploitability = exploitabilityFromWinRates(g);
  let regGap = 2 * exploitability;
  if (beta !== 0) {
    let max = -Infinity;
    for (let i = 0; i < K; i++) {
      logBR[i] = game.logReference[i]! + g[i]! / beta;
      if (logBR[i]! > max) max = logBR[i]!;
    }
    let sum = 0;
    for (let i = 0; i < K; i++) sum += Math.exp(logBR[i]! - max);
    const z = max + Math.log(sum);
    let kl = 0;
    for (let i = 0; i < K; i++) {
      const lp = logPi[i]!;
      if (lp !== -Infinity) kl += pi[i]! * (lp - (logBR[i]! - z));
    }
    regGap = 2 * beta * (kl > 0 ? kl : 0);
  }
  out.exploitability = exploitability;
  out.dualityGap = 2 * exploitability;
  out.regGap = regGap;
  // No unique equilibrium (β = 0 only): KL and span to "the" equilibrium are undefined.
  out.klToNE = eqLog ? klToNEOf(eqLog, logPi) : NaN;
  out.span = eqLog ? spanOf(eqLog, logPi) : NaN;
  return out;
}

export function computeMetrics(
  game: Game,
  beta: number,
  eqLog: ArrayLike<number> | null,
  logPi: ArrayLike<number>,
): Metrics {
  return metricsInto(
    { exploitability: 0, dualityGap: 0, regGap: 0, klToNE: 0, span: 0 },
    game,
    beta,
    eqLog,
    logPi,
  );
}
