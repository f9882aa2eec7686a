/**
 * Where each series comes within ε for good ("stays ≤ ε from iteration N"): a short vertical bar
 * across the curve with a ring on it, in the series' colour. Ahead of the cursor (before Play)
 * it is drawn as faintly as the race it sits on; past the x range shown, not at all.
 */
import { ink } from '../ink';
import type { LineFrame } from './frame';
import { GHOST_OPACITY } from './Lines';
import type { Series } from './series';

export function HitMarks({ frame, series }: { frame: LineFrame; series: readonly Series[] }) {
  const [lo, hi] = frame.x.domain() as [number, number];
  return series.map((s) => {
    const i = s.hit?.index;
    if (i == null || s.muted) return null;
    const hx = s.xs[i]!;
    if (hx < lo || hx > hi) return null;
    const cx = frame.x(hx);
    const cy = frame.yOf(s.values[i]!);
    const ahead = i > frame.cursor;
    return (
      <g
        key={`hit-${s.id}`}
        data-hit={s.id}
        {...(ahead ? { opacity: GHOST_OPACITY * 2, 'data-ahead': '' } : {})}
      >
        <line x1={cx} x2={cx} y1={cy - 9} y2={cy + 9} stroke={s.color} strokeWidth={2} />
        <circle
          cx={cx}
          cy={cy}
          r={3.5}
          fill={ink('background')}
          stroke={s.color}
          strokeWidth={1.5}
        />
        <title>{`${s.name}: ${s.hit!.text}`}</title>
      </g>
    );
  });
}
