/** Shared batch plumbing: sample times, equilibria per β, float64 metrics of sampled iterates. */
import { comparableLog, solveEquilibrium, targetEquilibrium } from '../core/equilibrium';
import type { Game } from '../core/game';
import { metricsFromWinRates, type Metrics } from '../core/metrics';
import { klFromLogs, matVecs, normalizeLogInPlace } from '../core/numeric';
import { checkEvery, checkSteps } from '../core/run';
import { checkQueryModel } from '../core/sampling';
import { getSolver, refreshes, targetBeta } from '../core/solvers';
import { memberSolver } from '../formula/solver';
import {
  FLOAT32_FLOOR,
  type BatchMember,
  type BatchMetrics,
  type BatchResult,
  type BatchSpec,
  type ConcreteEngine,
} from './types';

/** t = 0, k, 2k, … and the last step. */
export function sampleTimes(steps: number, every: number): number[] {
  const times: number[] = [];
  for (let t = 0; t < steps; t += every) times.push(t);
  times.push(steps);
  return times;
}

export function checkBatch(spec: BatchSpec): void {
  checkSteps(spec.steps);
  checkEvery(spec.every);
  if (spec.members.length === 0) throw new Error('a batch needs at least one member');
  if (spec.hit && !(spec.hit.epsilon > 0 && Number.isFinite(spec.hit.epsilon)))
    throw new Error(`hit.epsilon must be a positive number, got ${spec.hit.epsilon}`);
  for (const m of spec.members) {
    if (m.start.length !== spec.game.K)
      throw new Error(`a start has ${m.start.length} entries, the game ${spec.game.K}`);
    if (m.queries !== undefined) checkQueryModel(m.queries);
    memberSolver(m); // a custom member's formula must check (FormulaError, positioned)
  }
}

/**
 * log π* of each member's target (π*_β, or the β = 0 equilibrium for members with a reference
 * refresh and mpo), or null where that equilibrium is not unique: no KL, no hitting time.
 */
export function targetLogs(game: Game, members: readonly BatchMember[]): (Float64Array | null)[] {
  return members.map((m) => comparableLog(targetEquilibrium(game, m.solver, m.params)));
}

/** Each member's target β and refresh period (what charts need to label and mark a run). */
export function memberTargets(members: readonly BatchMember[]): {
  targetBeta: Float64Array;
  refresh: Int32Array;
} {
  return {
    targetBeta: Float64Array.from(members, (m) => targetBeta(m.solver, m.params)),
    refresh: Int32Array.from(members, (m) => m.params.refresh ?? 0),
  };
}

/**
 * Whether `hit.stop` may stop this member at its first KL ≤ ε: only where KL(π* ‖ π_t) provably
 * never increases (a §3 contraction with its conditions met: exact queries, the exact proximal
 * step, a constant η), so the first time within ε is also the time it stays within ε. Anywhere
 * else a dip below ε can be followed by a rise, and the member must run its whole budget.
 */
export function stopsSafely(member: BatchMember): boolean {
  // A custom rule proves nothing about its KL: it runs its whole budget.
  if (member.solver === 'custom') return false;
  const theory = getSolver(member.solver).theory;
  if (!theory?.contraction) return false;
  if ((member.queries?.kind ?? 'exact') !== 'exact' || (member.params.inner ?? 0) > 0) return false;
  // A refresh moves μ, and with it the equilibrium each stage contracts towards.
  if (refreshes(member.params)) return false;
  const { beta, eta } = member.params;
  return eta !== null && theory.bound(1, { beta, eta, kl0: 1 }) !== null;
}

/**
 * Renormalizes each row of read-back float32 log-policies in float64. A float32 log-softmax sums
 * to 1 only within ~1e-7, and that offset would enter KL to first order (≈1e-8) instead of the
 * second-order ≈1e-14 that float32 iterates really reach.
 */
export function renormalizeRows(logPolicies: Float64Array, K: number): Float64Array {
  for (let r = 0; r < logPolicies.length; r += K)
    normalizeLogInPlace(logPolicies.subarray(r, r + K));
  return logPolicies;
}

/** Members whose win rates one pass over P computes (their π and Pπ: 2·64·K floats of scratch). */
const METRICS_BLOCK = 64;

export function computeBatchMetrics(
  spec: BatchSpec,
  logPolicies: Float64Array,
  samples: number,
  float32: boolean,
): BatchMetrics {
  const { game, members } = spec;
  const B = members.length;
  const K = game.K;
  const eqLogs = targetLogs(game, members);
  const { targetBeta: betas } = memberTargets(members);
  const out: BatchMetrics = {
    exploitability: new Float64Array(samples * B),
    regGap: new Float64Array(samples * B),
    klToNE: new Float64Array(samples * B),
    atFloor: new Uint8Array(samples * B),
    targets: new Float64Array(B * K),
  };
  // The target's policy even where it is not unique (the LP's vertex): charts draw it.
  members.forEach((m, b) =>
    out.targets.set(targetEquilibrium(game, m.solver, m.params).policy, b * K),
  );
  const m: Metrics = { exploitability: 0, dualityGap: 0, regGap: 0, klToNE: 0, span: 0 };
  // A sample's members are measured together, up to METRICS_BLOCK at a time: π of each, then
  // every Pπ in one pass over P (matVecs, bit-identical to one matVec each).
  const block = Math.min(B, METRICS_BLOCK);
  const pis = new Float64Array(block * K);
  const winRates = new Float64Array(block * K);
  const logBR = new Float64Array(K);
  for (let s = 0; s < samples; s++) {
    for (let b0 = 0; b0 < B; b0 += block) {
      const n = Math.min(block, B - b0);
      const first = (s * B + b0) * K;
      for (let i = 0; i < n * K; i++) pis[i] = Math.exp(logPolicies[first + i]!);
      matVecs(game.P, pis, n, K, winRates);
      for (let c = 0; c < n; c++) {
        const b = b0 + c;
        const at = s * B + b;
        const logPi = logPolicies.subarray(at * K, (at + 1) * K);
        const pi = pis.subarray(c * K, (c + 1) * K);
        const g = winRates.subarray(c * K, (c + 1) * K);
        metricsFromWinRates(m, game, betas[b]!, eqLogs[b]!, logPi, pi, g, logBR);
        out.exploitability[at] = m.exploitability;
        out.regGap[at] = m.regGap;
        out.klToNE[at] = m.klToNE;
        if (float32) {
          // NaN (no unique equilibrium) compares false: not at the floor.
          out.atFloor[at] =
            m.klToNE < FLOAT32_FLOOR.klToNE ||
            m.exploitability < FLOAT32_FLOOR.exploitability ||
            m.regGap < FLOAT32_FLOOR.regGap
              ? 1
              : 0;
        }
      }
    }
  }
  return out;
}

/** KL(π* ‖ π) of every member at the last sample (NaN: no unique target equilibrium). */
export function lastKLs(spec: BatchSpec, logPolicies: Float64Array, samples: number): Float64Array {
  const K = spec.game.K;
  const B = spec.members.length;
  const at0 = (samples - 1) * B * K;
  return Float64Array.from(targetLogs(spec.game, spec.members), (eq, b) =>
    eq ? klFromLogs(eq, logPolicies.subarray(at0 + b * K, at0 + (b + 1) * K)) : NaN,
  );
}

/**
 * The result every engine returns: float32 read-backs renormalized in float64, then float64
 * metrics of each sample unless the spec turned them off.
 */
export function batchResult(
  spec: BatchSpec,
  engine: ConcreteEngine,
  backend: string,
  times: number[],
  logPolicies: Float64Array,
  average: Float64Array,
  hitTimes?: Int32Array,
): BatchResult {
  const K = spec.game.K;
  const float32 = engine !== 'reference';
  if (float32) renormalizeRows(logPolicies, K);
  return {
    engine,
    backend,
    precision: float32 ? 'float32' : 'float64',
    K,
    B: spec.members.length,
    steps: spec.steps,
    times,
    logPolicies,
    average,
    ...memberTargets(spec.members),
    ...(hitTimes ? { hitTimes } : {}),
    ...(spec.hit ? { finalKL: lastKLs(spec, logPolicies, times.length) } : {}),
    ...(spec.nash ? { nash: solveEquilibrium(spec.game, 0).policy } : {}),
    ...(spec.metrics === false
      ? {}
      : { metrics: computeBatchMetrics(spec, logPolicies, times.length, float32) }),
  };
}
