/**
 * Turns one member of a batch result into the RunResult that `runToJSON` serializes, so every
 * engine produces the same document as the reference (metrics recomputed in float64).
 */
import { comparableLog, targetEquilibrium } from '../core/equilibrium';
import type { Game } from '../core/game';
import { computeMetrics } from '../core/metrics';
import type { RunResult, TracePoint } from '../core/run';
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
