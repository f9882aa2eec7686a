/**
 * Hitting times: "reached ε" means "stays ≤ ε from iteration t". One definition for the race, its
 * exports, the CLI, the engines, Tune η, basins, the sweep and the fair race's table: a dip below
 * ε that is followed by a rise above it does not count, and a NaN (a diverged iterate) is never
 * within ε.
 */

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
