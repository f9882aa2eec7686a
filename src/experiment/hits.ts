/**
 * A solver's hitting time in the race: the iteration (and the preference queries) from which its
 * metric stays ≤ ε, read off the race's trace (every iteration for exact races; every `every`-th
 * for sampled ones, where it is the median over the seeds).
 */
import { staysWithinFrom } from '../core/hitting';
import type { SolverTrace } from './race';

export interface Hit {
  epsilon: number;
  /** The first iteration from which the metric stays ≤ ε. */
  t: number;
  /** Preference queries made by then (t · queries per step). */
  queries: number;
}

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
