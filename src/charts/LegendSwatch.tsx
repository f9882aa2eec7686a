/** A short stroke drawn exactly as a legend entry says (colour, dash, width, opacity). */
import { LEGEND_STROKE, type LegendEntry } from './exportChart';

export function LegendSwatch({
  entry,
  width = 26,
}: {
  entry: Omit<LegendEntry, 'name'>;
  width?: number;
}) {
  return (
    <svg width={width} height="10" aria-hidden="true">
      <line
        x1="1"
        x2={width - 1}
        y1="5"
        y2="5"
        stroke={entry.color}
        strokeWidth={entry.width ?? LEGEND_STROKE}
        strokeOpacity={entry.opacity ?? 1}
        strokeDasharray={entry.dash || undefined}
      />
    </svg>
  );
}
