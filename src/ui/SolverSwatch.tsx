import type { SolverDefinition } from '../core/solvers';

/** A short stroke in the solver's colour and dash pattern (never hue alone). */
export function SolverSwatch({
  solver,
  width = 24,
}: {
  solver: Pick<SolverDefinition, 'color' | 'dash'>;
  width?: number;
}) {
  return (
    <svg width={width} height="10" aria-hidden="true">
      <line
        x1="1"
        x2={width - 1}
        y1="5"
        y2="5"
        stroke={solver.color}
        strokeWidth="2.5"
        strokeDasharray={solver.dash || undefined}
      />
    </svg>
  );
}
