/**
 * "Reached ε" means "stays within ε": a run whose KL dips below ε and comes back up has not
 * reached it. Every hitting time in the app (engines, basins, sweeps, tuning, the fair race's
 * table) counts the iterations after which KL(π*_β ‖ π_t) ≤ ε holds for the rest of the budget.
 */

/**
 * The first index from which every value is ≤ ε (to the end of `values`), or −1 when the last
 * value is above ε. NaN counts as above (a diverged run never settles).
 */
export function settledIndex(values: ArrayLike<number>, epsilon: number): number {
  let settled = -1;
  for (let i = values.length - 1; i >= 0 && values[i]! <= epsilon; i--) settled = i;
  return settled;
}
