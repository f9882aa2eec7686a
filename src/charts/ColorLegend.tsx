/** A horizontal colour bar for a sequential log scale, with a few ticks (d3 picks them). */
import type * as d3 from 'd3';
import { useId } from 'react';

export function ColorLegend({
  color,
  label,
  width = 220,
  format = (v: number) => v.toExponential(0),
  extra = [],
}: {
  color: d3.ScaleSequential<string>;
  label: string;
  width?: number;
  format?: (v: number) => string;
  /** Swatches after the bar, e.g. "not within budget". */
  extra?: { color: string; label: string }[];
}) {
  const id = useId();
  const [lo, hi] = color.domain() as [number, number];
  const stops = Array.from({ length: 11 }, (_, i) => lo * (hi / lo) ** (i / 10));
  const ticks = [lo, Math.sqrt(lo * hi), hi];
  return (
    <svg
      className="color-legend"
      width={width + 170}
      height={Math.max(34, 24 + extra.length * 12)}
      aria-hidden="true"
    >
      <defs>
        <linearGradient id={id}>
          {stops.map((v, i) => (
            <stop key={i} offset={`${i * 10}%`} stopColor={color(v)} />
          ))}
        </linearGradient>
      </defs>
      <text x={0} y={10} className="legend-label">
        {label}
      </text>
      <rect x={0} y={14} width={width} height={8} fill={`url(#${id})`} />
      {ticks.map((v, i) => (
        <text
          key={i}
          x={(i / 2) * width}
          y={32}
          textAnchor={i === 0 ? 'start' : i === 1 ? 'middle' : 'end'}
          className="legend-tick"
        >
          {format(v)}
        </text>
      ))}
      {extra.map((e, i) => (
        <g key={e.label} transform={`translate(${width + 12}, ${14 + i * 12})`}>
          <rect width={10} height={8} fill={e.color} stroke="#999" />
          <text x={14} y={8} className="legend-tick">
            {e.label}
          </text>
        </g>
      ))}
    </svg>
  );
}
