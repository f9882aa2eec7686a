/**
 * Hitting times: "reached ε" means "stays ≤ ε from iteration t". One definition for the race, its
 * exports, the CLI, the engines, Tune η, basins, the sweep and the fair race's table: a dip below
 * ε that is followed by a rise above it does not count, and a NaN (a diverged iterate) is never
 * within ε.
 */

/** Where a run stays within ε: the iteration t, and the preference queries made by then. */
export interface Hit {
  epsilon: number;
  /** The first iteration from which the metric stays ≤ ε. */
  t: number;
  /** Preference queries made by then (t · queries per step). */
  queries: number;
}

/**
 * The first index i from which every value at i, i + 1, …, end is ≤ ε; -1 when the last value is
 * not (the trajectory does not stay within ε in this budget).
 */
export function staysWithinFrom(values: ArrayLike<number>, epsilon: number): number {
  let first = -1;
  for (let i = values.length - 1; i >= 0; i--) {
    // `!(v <= ε)` so that NaN breaks the run.
    if (!(values[i]! <= epsilon)) break;
    first = i;
  }
  return first;
}

/**
 * `staysWithinFrom` one value at a time, for runs too long to keep every iterate (the CLI's
 * `run --epsilon` with `--every 100`): push the metric of every iteration 0, 1, …, then `from()`
 * is the first iteration from which every value so far is ≤ ε, or -1.
 */
export class StaysWithinTracker {
  private next = 0;
  private lastOutside = -1;

  constructor(readonly epsilon: number) {}

  push(value: number): void {
    if (!(value <= this.epsilon)) this.lastOutside = this.next;
    this.next++;
  }

  from(): number {
    return this.lastOutside + 1 < this.next ? this.lastOutside + 1 : -1;
  }
}

/** ε as the app and the CLI take it: from 1e-12 to 1e-2. */
export const EPSILON_RANGE: readonly [number, number] = [1e-12, 1e-2];

/** Checks ε; the message names the range. */
export function checkEpsilon(epsilon: number): string | null {
  return Number.isFinite(epsilon) && epsilon >= EPSILON_RANGE[0] && epsilon <= EPSILON_RANGE[1]
    ? null
    : `ε must be a number from 1e-12 to 1e-2, got ${String(epsilon).slice(0, 40)}`;
}
