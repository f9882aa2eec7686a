/**
 * A solver's hitting time in the race: the iteration (and the preference queries) from which its
 * metric stays ≤ ε, read off the race's trace (every iteration for exact races; every `every`-th
 * for sampled ones, where it is the median over the seeds).
 */
import { staysWithinFrom, type Hit } from '../core/hitting';
import { traceMetric, type TraceMetric } from './averages';
import type { Race, SolverTrace } from './race';

export type { Hit };

export const DEFAULT_EPSILON = 1e-6;

/** The hit of one metric series sampled at `trace.times`, or null when it is not within the budget. */
export function hitOf(
  trace: Pick<SolverTrace, 'times' | 'queriesPerStep'>,
  values: ArrayLike<number>,
  epsilon: number,
): Hit | null {
  const i = staysWithinFrom(values, epsilon);
  if (i < 0) return null;
  const t = trace.times[i]!;
  return { epsilon, t, queries: t * trace.queriesPerStep };
}

/** A metric of the last iterate or the running average, as the charts show it. */
export function traceHit(
  race: Race,
  trace: SolverTrace,
  metric: TraceMetric,
  iterate: 'last' | 'average',
  epsilon: number,
): Hit | null {
  return hitOf(trace, traceMetric(race, trace, metric, iterate).values, epsilon);
}

/**
 * The metric a solver's legend entry reports: KL (the Convergence chart's, and what Tune η,
 * basins and the sweep measure), or the gap chart's metric where KL is undefined (a game with
 * more than one β = 0 equilibrium).
 */
export function legendMetric(
  trace: SolverTrace,
  gapMetric: 'regGap' | 'exploitability',
): TraceMetric {
  return trace.klToNE.every((v) => Number.isNaN(v)) ? gapMetric : 'klToNE';
}

/** The metrics as a legend or a caption names them. */
export const METRIC_NAMES: Record<TraceMetric, string> = {
  klToNE: 'KL',
  regGap: 'regularized gap',
  exploitability: 'exploitability',
};

const count = (n: number): string => Math.round(n).toLocaleString('en-US');

/** "stays ≤ ε from iteration 1,234 (2,468 queries)" or "not within the budget". */
export function hitText(hit: Hit | null): string {
  if (!hit) return 'not within the budget';
  return `stays ≤ ε from iteration ${count(hit.t)} (${count(hit.queries)} ${hit.queries === 1 ? 'query' : 'queries'})`;
}

/** ε as the controls and captions write it: 1e-6. */
export function epsilonText(epsilon: number): string {
  return epsilon.toExponential().replace('e+', 'e').replace(/\.0+e/, 'e');
}
