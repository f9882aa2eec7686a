/**
 * Pinned races (src/experiment/pins.ts): each race's lines whole, whatever the cursor, thin and
 * grey in both themes, under the solvers' lines; each pin labelled once with what differs from
 * the race shown ("β 0.1"). The frame counts their values in its domains (lineFrame's `extent`),
 * so a pin with a longer budget or larger values stays on the plot.
 */
import { ink } from '../ink';
import type { LineFrame } from './frame';
import type { Series } from './series';

/** One pinned race's lines. */
export interface PinnedGroup {
  id: number;
  label: string;
  lines: Pick<Series, 'id' | 'name' | 'dash' | 'values' | 'xs'>[];
}

/** Pinned races: grey, thinner than any solver's line. */
export const PIN_STROKE = { width: 1, opacity: 0.8 } as const;
/** Labels of successive pins sit this many px apart, so they never overlap. */
const LABEL_ROW = 12;

const lastOf = (l: PinnedGroup['lines'][number]): number => l.values[l.values.length - 1]!;

/**
 * Where a pin's label goes: at the end of its highest line (above the bundle, where the other
 * lines do not cover it), the k-th pin a row lower than the one before, kept inside the plot.
 */
function labelAt(frame: LineFrame, p: PinnedGroup, k: number): { x: number; y: number } | null {
  let highest: PinnedGroup['lines'][number] | undefined;
  for (const l of p.lines) {
    const v = lastOf(l);
    if (Number.isFinite(v) && !(v <= (highest ? lastOf(highest) : -Infinity))) highest = l;
  }
  if (!highest) return null;
  const y = frame.yOf(lastOf(highest)) - 4 - LABEL_ROW * k;
  return {
    x: frame.x(highest.xs[highest.xs.length - 1]!),
    y: Math.max(10, Math.min(frame.height - 4, y)),
  };
}

export function Pins({ frame, pinned }: { frame: LineFrame; pinned: readonly PinnedGroup[] }) {
  return pinned.map((p, k) => {
    const end = labelAt(frame, p, k);
    return (
      <g key={`pin-${p.id}`} data-pin={p.id}>
        {p.lines.map((l) => (
          <path
            key={l.id}
            d={frame.pathOf(l, l.values.length - 1)}
            fill="none"
            stroke={ink('pin')}
            strokeWidth={PIN_STROKE.width}
            strokeOpacity={PIN_STROKE.opacity}
            strokeDasharray={l.dash || undefined}
          >
            <title>{l.name}</title>
          </path>
        ))}
        {end && (
          <text
            x={end.x - 2}
            y={end.y - 4}
            textAnchor="end"
            className="pin-label"
            fill={ink('pin')}
          >
            {p.label}
          </text>
        )}
      </g>
    );
  });
}
