/**
 * Where a series first reaches the float32 floor (its values below what float32 resolves): a
 * hollow diamond on the curve, so the flat tail after it is not read as meaningful.
 */
import { ink } from '../ink';
import type { LineFrame } from './frame';
import type { Series } from './series';

export function FloorMarks({ frame, series }: { frame: LineFrame; series: readonly Series[] }) {
  return series.map((s) => {
    const first = s.floor ? s.floor.indexOf(1) : -1;
    if (first < 0 || first > frame.cursor) return null;
    const cx = frame.x(s.xs[first]!);
    const cy = frame.yOf(s.values[first]!);
    return (
      <g key={`floor-${s.id}`} data-floor={s.id}>
        <path
          d={`M${cx},${cy - 5}L${cx + 5},${cy}L${cx},${cy + 5}L${cx - 5},${cy}Z`}
          fill={ink('background')}
          stroke={s.color}
        />
        <title>{`${s.name}: float32 floor reached at ${Math.round(s.xs[first]!)}`}</title>
      </g>
    );
  });
}
