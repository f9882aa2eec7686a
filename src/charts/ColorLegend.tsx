/** A horizontal colour bar for a sequential log scale, with a few ticks (d3 picks them). */
import { ink } from './ink';
import type * as d3 from 'd3';
import { useId } from 'react';

/** A swatch after the bar; `hatch` draws diagonal stripes of that colour over `color`. */
export interface LegendSwatchSpec {
  color: string;
  label: string;
  hatch?: string;
}

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
  extra?: LegendSwatchSpec[];
}) {
  const id = useId();
  const [lo, hi] = color.domain() as [number, number];
  const stops = Array.from({ length: 11 }, (_, i) => lo * (hi / lo) ** (i / 10));
  const ticks = [lo, Math.sqrt(lo * hi), hi];
  return (
    <svg
      className="color-legend"
      width={width + 190}
      height={Math.max(34, 24 + extra.length * 14)}
      viewBox={`0 0 ${width + 190} ${Math.max(34, 24 + extra.length * 14)}`}
      aria-hidden="true"
    >
      <defs>
        <linearGradient id={id}>
          {stops.map((v, i) => (
            <stop key={i} offset={`${i * 10}%`} stopColor={color(v)} />
          ))}
        </linearGradient>
        {extra.map(
          (e, i) =>
            e.hatch && (
              <pattern
                key={e.label}
                id={`${id}-hatch-${i}`}
                width={4}
                height={4}
                patternUnits="userSpaceOnUse"
              >
                <rect width={4} height={4} fill={e.color} />
                <path d="M0,4L4,0M-1,1L1,-1M3,5L5,3" stroke={e.hatch} strokeWidth={1} />
              </pattern>
            ),
        )}
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
        <g
          key={e.label}
          transform={`translate(${width + 12}, ${12 + i * 14})`}
          data-swatch={e.label}
        >
          <rect
            width={12}
            height={10}
            fill={e.hatch ? `url(#${id}-hatch-${i})` : e.color}
            stroke={ink('axis')}
          />
          <text x={16} y={9} className="legend-tick">
            {e.label}
          </text>
        </g>
      ))}
    </svg>
  );
}
