/**
 * Per action, a point estimate with its bootstrap interval, for one or more policies side by side
 * (e.g. the β-regularized equilibrium and the β = 0 equilibrium). d3 computes the scales; React
 * draws the SVG. The aria-label lists every interval, so the numbers are readable without sight.
 */
import { ink } from './ink';
import { scaleBand, scaleLinear } from 'd3';

export interface IntervalSeries {
  id: string;
  name: string;
  color: string;
  /** The full-data estimate per action. */
  point: ArrayLike<number>;
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
}

export interface ErrorBarsProps {
  title: string;
  actions: readonly string[];
  series: IntervalSeries[];
  /** The interval's level, for the label (0.95 → "95 %"). */
  level: number;
  width?: number;
  height?: number;
}

const MARGIN = { top: 10, right: 10, bottom: 46, left: 40 };
const pct = (v: number): string => `${(100 * v).toFixed(1)} %`;

export function ErrorBars({
  title,
  actions,
  series,
  level,
  width = 420,
  height = 220,
}: ErrorBarsProps) {
  const innerW = width - MARGIN.left - MARGIN.right;
  const innerH = height - MARGIN.top - MARGIN.bottom;
  const x = scaleBand<number>()
    .domain(actions.map((_, i) => i))
    .range([0, innerW])
    .padding(0.25);
  const inner = scaleBand<number>()
    .domain(series.map((_, s) => s))
    .range([0, x.bandwidth()])
    .padding(0.2);
  const y = scaleLinear().domain([0, 1]).range([innerH, 0]);
  const label = `${title}: ${Math.round(level * 100)} % bootstrap intervals per action. ${series
    .map(
      (s) =>
        `${s.name}: ${actions
          .map((a, i) => `${a} ${pct(s.point[i]!)} [${pct(s.lower[i]!)}, ${pct(s.upper[i]!)}]`)
          .join(', ')}`,
    )
    .join('; ')}`;
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} width="100%">
      <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
        {y.ticks(5).map((t) => (
          <g key={t} transform={`translate(0,${y(t)})`}>
            <line x2={innerW} stroke={ink('grid')} />
            <text x={-6} dy="0.32em" textAnchor="end" className="tick">
              {t.toFixed(1)}
            </text>
          </g>
        ))}
        {actions.map((a, i) => (
          <text
            key={a}
            x={x(i)! + x.bandwidth() / 2}
            y={innerH + 14}
            textAnchor="middle"
            className="tick"
          >
            {a.length > 12 ? `${a.slice(0, 11)}…` : a}
          </text>
        ))}
        {series.map((s, k) =>
          actions.map((_, i) => {
            const cx = x(i)! + inner(k)! + inner.bandwidth() / 2;
            return (
              <g key={`${s.id}-${i}`} data-series={s.id}>
                <line
                  x1={cx}
                  x2={cx}
                  y1={y(s.lower[i]!)}
                  y2={y(s.upper[i]!)}
                  stroke={s.color}
                  strokeWidth={2}
                />
                <line
                  x1={cx - 4}
                  x2={cx + 4}
                  y1={y(s.lower[i]!)}
                  y2={y(s.lower[i]!)}
                  stroke={s.color}
                  strokeWidth={2}
                />
                <line
                  x1={cx - 4}
                  x2={cx + 4}
                  y1={y(s.upper[i]!)}
                  y2={y(s.upper[i]!)}
                  stroke={s.color}
                  strokeWidth={2}
                />
                <circle cx={cx} cy={y(s.point[i]!)} r={3.5} fill={s.color} />
              </g>
            );
          }),
        )}
        <line y1={innerH} y2={innerH} x2={innerW} stroke={ink('axis')} />
        {series.map((s, k) => (
          <g key={s.id} transform={`translate(${k * 170},${innerH + 32})`}>
            <circle cx={4} cy={-4} r={4} fill={s.color} />
            <text x={12} className="tick">
              {s.name}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}
