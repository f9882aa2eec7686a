import { LegendSwatch } from '../charts/LegendSwatch';
import type { SolverDefinition } from '../core/solvers';

/** A short stroke in the solver's colour and dash pattern (never hue alone), as its legend entry. */
export function SolverSwatch({
  solver,
  width = 24,
}: {
  solver: Pick<SolverDefinition, 'color' | 'dash'>;
  width?: number;
}) {
  return <LegendSwatch entry={{ color: solver.color, dash: solver.dash }} width={width} />;
}
