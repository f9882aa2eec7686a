import { LegendSwatch } from '../charts/LegendSwatch';
import type { SolverDefinition } from '../core/solvers';
import { themedColor } from '../core/solvers/palette';
import type { Theme } from '../state/slices/ui';
import { useStore } from '../state/store';

/**
 * A short stroke in the solver's colour (as the theme draws it) and dash pattern (never hue
 * alone), as its legend entry.
 */
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
    <LegendSwatch
      entry={{ color: themedColor(solver.color, theme ?? pageTheme), dash: solver.dash }}
      width={width}
    />
  );
}
