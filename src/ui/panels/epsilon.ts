/** The ε of the hitting times the charts mark ("stays ≤ ε from iteration N"): the experiment's field. */
import type { Hit } from '../../experiment/hits';
import { useStore } from '../../state/store';

export function useEpsilon(): number {
  return useStore((s) => s.epsilon);
}

/** ε as typed in the legend and labels: 1e-6, 2.5e-7. */
export function formatEpsilon(epsilon: number): string {
  return epsilon.toExponential().replace('e+', 'e');
}

/**
 * What a chart says of a solver's hit: "stays ≤ 1e-6 from iteration 412 (824 queries)", or
 * "not within the budget (ε = 1e-6)".
 */
export function hitText(hit: Hit | null, epsilon: number): string {
  if (!hit) return `not within the budget (ε = ${formatEpsilon(epsilon)})`;
  const n = (v: number): string => Math.round(v).toLocaleString('en-US');
  const queries = `${n(hit.queries)} ${hit.queries === 1 ? 'query' : 'queries'}`;
  return `stays ≤ ${formatEpsilon(hit.epsilon)} from iteration ${n(hit.t)} (${queries})`;
}
