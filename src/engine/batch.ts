/** Shared batch plumbing: sample times, equilibria per β, float64 metrics of sampled iterates. */
import { solveEquilibrium } from '../core/equilibrium';
import type { Game } from '../core/game';
import { metricsInto, metricsScratch, type Metrics } from '../core/metrics';
import { normalizeLogInPlace } from '../core/numeric';
import { checkEvery, checkSteps } from '../core/run';
import { checkQueryModel } from '../core/sampling';
import { getSolver } from '../core/solvers';
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
 * Whether `hit.stop` may stop this member at its first KL ≤ ε: only where KL(π*_β ‖ π_t) provably
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
  const { beta, eta } = member.params;
  return eta !== null && theory.bound(1, { beta, eta, kl0: 1 }) !== null;
}

/** log π*_β for each member (members share equilibria per β). */
export function equilibriumLogs(game: Game, betas: readonly number[]): Float64Array[] {
  return betas.map((beta) => solveEquilibrium(game, beta).logPolicy);
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

export function computeBatchMetrics(
  spec: BatchSpec,
  logPolicies: Float64Array,
  samples: number,
  float32: boolean,
): BatchMetrics {
  const { game, members } = spec;
  const B = members.length;
  const K = game.K;
  const eqLogs = equilibriumLogs(
    game,
    members.map((m) => m.params.beta),
  );
  const out: BatchMetrics = {
    exploitability: new Float64Array(samples * B),
    regGap: new Float64Array(samples * B),
    klToNE: new Float64Array(samples * B),
    atFloor: new Uint8Array(samples * B),
    targets: new Float64Array(B * K),
  };
  eqLogs.forEach((eq, b) => {
    for (let i = 0; i < K; i++) out.targets[b * K + i] = Math.exp(eq[i]!);
  });
  const m: Metrics = { exploitability: 0, dualityGap: 0, regGap: 0, klToNE: 0, span: 0 };
  const scratch = metricsScratch(K);
  for (let s = 0; s < samples; s++) {
    for (let b = 0; b < B; b++) {
      const at = s * B + b;
      const logPi = logPolicies.subarray(at * K, (at + 1) * K);
      metricsInto(m, game, members[b]!.params.beta, eqLogs[b]!, logPi, scratch);
      out.exploitability[at] = m.exploitability;
      out.regGap[at] = m.regGap;
      out.klToNE[at] = m.klToNE;
      if (float32) {
        out.atFloor[at] =
          m.klToNE < FLOAT32_FLOOR.klToNE ||
          m.exploitability < FLOAT32_FLOOR.exploitability ||
          m.regGap < FLOAT32_FLOOR.regGap
            ? 1
            : 0;
      }
    }
  }
  return out;
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
    ...(hitTimes ? { hitTimes } : {}),
    ...(spec.nash ? { nash: solveEquilibrium(spec.game, 0).policy } : {}),
    ...(spec.metrics === false
      ? {}
      : { metrics: computeBatchMetrics(spec, logPolicies, times.length, float32) }),
  };
}
