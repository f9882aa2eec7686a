import { themedColor } from '../core/solvers/palette';
import type { SolverDefinition } from '../core/solvers';
import type { Theme } from '../state/slices/ui';
import { useStore } from '../state/store';

/** A short stroke in the solver's colour (as the theme draws it) and dash pattern (never hue alone). */
export function SolverSwatch({
  solver,
  width = 24,
  theme,
}: {
  solver: Pick<SolverDefinition, 'color' | 'dash'>;
  width?: number;
  /** The theme to draw for (default: the page's). */
  theme?: Theme;
}) {
  const pageTheme = useStore((s) => s.theme);
  return (
    <svg width={width} height="10" aria-hidden="true">
      <line
        x1="1"
        x2={width - 1}
        y1="5"
        y2="5"
        stroke={themedColor(solver.color, theme ?? pageTheme)}
        strokeWidth="2.5"
        strokeDasharray={solver.dash || undefined}
      />
    </svg>
  );
}
