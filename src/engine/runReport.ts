/**
 * Turns one member of a batch result into the RunResult that `runToJSON` serializes, so every
 * engine produces the same document as the reference (metrics recomputed in float64).
 */
import { comparableLog, targetEquilibrium } from '../core/equilibrium';
import type { Game } from '../core/game';
import { computeMetrics } from '../core/metrics';
import { hitTrackers, type RunHits, type RunResult, type TracePoint } from '../core/run';
import { EXACT_QUERIES } from '../core/sampling';
import { memberSolver } from '../formula/solver';
import type { BatchResult, BatchSpec } from './types';

export function memberRunResult(spec: BatchSpec, result: BatchResult, member = 0): RunResult {
  const { game } = spec;
  const m = spec.members[member]!;
  const K = game.K;
  const B = result.B;
  const q = memberSolver(m).queriesPerStep;
  const failure = result.failures?.find((f) => f.member === member);
  const equilibrium = targetEquilibrium(game, m.solver, m.params);
  const eqLog = comparableLog(equilibrium);
  const metricsOf = (lp: ArrayLike<number>) => computeMetrics(game, equilibrium.beta, eqLog, lp);
  const logAt = (s: number): Float64Array =>
    result.logPolicies.slice((s * B + member) * K, (s * B + member + 1) * K);
  const trace: TracePoint[] = result.times.map((t, s) => {
    const lp = logAt(s);
    const metrics = metricsOf(lp);
    return {
      t,
      queries: t * q,
      policy: Array.from(lp, Math.exp),
      exploitability: metrics.exploitability,
      regGap: metrics.regGap,
      klToNE: metrics.klToNE,
    };
  });
  const last = logAt(result.times.length - 1);
  const average = result.average.slice(member * K, (member + 1) * K);
  return {
    game: game as Game,
    solver: m.solver,
    ...(m.formula !== undefined ? { formula: m.formula } : {}),
    ...(failure ? { failure: { t: failure.t, step: failure.step, value: failure.value } } : {}),
    params: m.params,
    queryModel: m.queries ?? EXACT_QUERIES,
    start: Float64Array.from(m.start),
    every: spec.every,
    steps: spec.steps,
    queries: spec.steps * q,
    equilibrium,
    final: {
      policy: last.map(Math.exp),
      logPolicy: last,
      average,
      metrics: metricsOf(last),
      averageMetrics: metricsOf(Array.from(average, Math.log)),
    },
    trace,
  };
}

/** Sample times at which a float32 metric is below the float32 floor (for the JSON flag). */
export function floorTimes(result: BatchResult, member = 0): number[] {
  if (!result.metrics) return [];
  return result.times.filter((_, s) => result.metrics!.atFloor[s * result.B + member] === 1);
}

/**
 * `run --epsilon` on a batch engine: the hitting times of member 0 from a result sampled at every
 * iteration (`every` 1), its metrics recomputed in float64 as the document's are.
 */
export function memberHits(
  spec: BatchSpec,
  result: BatchResult,
  epsilon: number,
  member = 0,
): RunHits {
  const { game } = spec;
  const m = spec.members[member]!;
  const K = game.K;
  const equilibrium = targetEquilibrium(game, m.solver, m.params);
  const eqLog = comparableLog(equilibrium);
  const trackers = hitTrackers(epsilon);
  let expected = 0;
  result.times.forEach((t, s) => {
    if (t !== expected++) throw new Error('memberHits needs a result sampled at every iteration');
    const at = (s * result.B + member) * K;
    trackers.push(
      computeMetrics(game, equilibrium.beta, eqLog, result.logPolicies.subarray(at, at + K)),
    );
  });
  return trackers.hits(memberSolver(m).queriesPerStep);
}

/** The samples of a result at every iteration that a run with `every` keeps: t = 0, k, 2k, …, last. */
export function thinResult(result: BatchResult, every: number): BatchResult {
  const { B, K, times } = result;
  const last = times[times.length - 1]!;
  const kept = times.flatMap((t, s) => (t % every === 0 || t === last ? [s] : []));
  const rows = <T extends Float64Array | Uint8Array>(arr: T, width: number): T => {
    const out = new (arr.constructor as new (n: number) => T)(kept.length * width);
    kept.forEach((s, i) => out.set(arr.subarray(s * width, (s + 1) * width), i * width));
    return out;
  };
  const m = result.metrics;
  return {
    ...result,
    times: kept.map((s) => times[s]!),
    logPolicies: rows(result.logPolicies, B * K),
    ...(m
      ? {
          metrics: {
            ...m,
            exploitability: rows(m.exploitability, B),
            regGap: rows(m.regGap, B),
            klToNE: rows(m.klToNE, B),
            atFloor: rows(m.atFloor, B),
          },
        }
      : {}),
  };
}
