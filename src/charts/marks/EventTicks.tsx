/**
 * Events on the x axis (a reference refresh μ ← π_t): short ticks in the series' colour along
 * the top of the plot, one row of ticks per series so that coinciding events stay apart.
 */
import type { LineFrame } from './frame';

export interface EventTicksData {
  id: string;
  color: string;
  xs: readonly number[];
  /** Said in the chart's aria-label ("MPO refreshes every 100"). */
  label: string;
}

export function EventTicks({
  frame,
  events,
}: {
  frame: LineFrame;
  events: readonly EventTicksData[];
}) {
  const [lo, hi] = frame.x.domain() as [number, number];
  return events.map((m, k) =>
    m.xs
      .filter((v) => v <= hi && v >= lo)
      .map((v) => (
        <line
          key={`${m.id}-${v}`}
          data-mark={m.id}
          x1={frame.x(v)}
          x2={frame.x(v)}
          y1={k * 3}
          y2={k * 3 + 7}
          stroke={m.color}
          strokeWidth={1.5}
        />
      )),
  );
}
