/**
 * A time series on a log axis, one line per solver (colour and dash from the registry, never hue
 * alone). d3 computes scales and paths; React renders the SVG. The whole race fixes the axes so
 * they do not jump while the cursor reveals it.
 */
import { area, extent, line, scaleLinear, scaleLog } from 'd3';
import { useMemo, useState, type MouseEvent } from 'react';

export interface Series {
  id: string;
  name: string;
  color: string;
  dash: string;
  /** One value per iteration. */
  values: Float64Array;
  /** x of each value (iterations, or queries). */
  xs: Float64Array;
  /** 1 where the value is below what float32 resolves: marked, not drawn as if meaningful. */
  floor?: Uint8Array;
  /**
   * A band around the line (e.g. the interquartile range over seeds when `values` is the median),
   * one lower and upper value per x, drawn as a translucent area under the line.
   */
  band?: { lower: Float64Array; upper: Float64Array };
}

export interface LogLineChartProps {
  /** Starts the aria-label ("Convergence", "Exploitability"). */
  title: string;
  description: string;
  series: Series[];
  /** Drawn thin and faded under the series (e.g. proven rates); not in the readout. */
  overlays?: Series[];
  /** Reveal values up to this index. */
  cursor: number;
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
}

const MARGIN = { top: 12, right: 16, bottom: 40, left: 56 };
/** Values below this are drawn at it (float64 rounding); zero has no place on a log axis. */
const Y_FLOOR = 1e-16;
const MAX_POINTS = 600;

export function LogLineChart({
  title,
  description,
  series,
  overlays = [],
  cursor,
  xLabel,
  yLabel,
  width = 360,
  height = 250,
}: LogLineChartProps) {
  const [hoverX, setHoverX] = useState<number | null>(null);
  const innerW = width - MARGIN.left - MARGIN.right;
  const innerH = height - MARGIN.top - MARGIN.bottom;
  const { x, y } = useMemo(() => {
    const xMax = Math.max(1, ...series.map((s) => s.xs[s.xs.length - 1] ?? 1));
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of series) {
      for (const arr of s.band ? [s.values, s.band.lower, s.band.upper] : [s.values]) {
        const [a, b] = extent(Array.from(arr).filter((v) => v > 0 && Number.isFinite(v)));
        if (a !== undefined && a < lo) lo = a;
        if (b !== undefined && b > hi) hi = b;
      }
    }
    if (!Number.isFinite(lo)) [lo, hi] = [1e-6, 1];
    lo = Math.max(Y_FLOOR, lo);
    if (hi <= lo) hi = lo * 10;
    return {
      x: scaleLinear().domain([0, xMax]).range([0, innerW]),
      y: scaleLog().domain([lo, hi]).range([innerH, 0]).nice().clamp(true),
    };
  }, [series, innerW, innerH]);

  const indicesOf = (s: Series, upTo: number): number[] => {
    const last = Math.min(upTo, s.values.length - 1);
    const stride = Math.max(1, Math.ceil(last / MAX_POINTS));
    const idx: number[] = [];
    for (let i = 0; i <= last; i += stride) idx.push(i);
    if (idx[idx.length - 1] !== last) idx.push(last);
    return idx;
  };
  const pathOf = (s: Series, upTo: number): string =>
    line<number>()
      .defined((i) => Number.isFinite(s.values[i]!))
      .x((i) => x(s.xs[i]!))
      .y((i) => y(Math.max(Y_FLOOR, s.values[i]!)))(indicesOf(s, upTo)) ?? '';
  const paths = series.map((s) => ({ s, d: pathOf(s, cursor) }));
  const bands = series.flatMap((s) => {
    const band = s.band;
    if (!band) return [];
    const d =
      area<number>()
        .defined((i) => Number.isFinite(band.lower[i]!) && Number.isFinite(band.upper[i]!))
        .x((i) => x(s.xs[i]!))
        .y0((i) => y(Math.max(Y_FLOOR, band.lower[i]!)))
        .y1((i) => y(Math.max(Y_FLOOR, band.upper[i]!)))(indicesOf(s, cursor)) ?? '';
    return [{ s, d }];
  });

  /** The index of `s` nearest to the hovered x, never past the cursor. */
  const hoverIndex = (s: Series, hx: number): number => {
    const step = (s.xs[1] ?? 1) - (s.xs[0] ?? 0) || 1;
    return Math.max(0, Math.min(cursor, s.values.length - 1, Math.round(hx / step)));
  };
  const onMove = (event: MouseEvent<SVGRectElement>): void => {
    const rect = event.currentTarget.getBoundingClientRect();
    const fraction = (event.clientX - rect.left) / rect.width;
    setHoverX(x.invert(fraction * innerW));
  };
  const readout =
    hoverX === null || series.length === 0
      ? null
      : series.map((s) => ({ s, i: hoverIndex(s, hoverX) }));

  const label = `${title}: ${description}. ${series.map((s) => `${s.name} ${formatValue(s.values[Math.min(cursor, s.values.length - 1)])}`).join('; ')}`;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} width="100%">
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {y
            .ticks(6)
            .filter((_, i, all) => all.length <= 8 || i % 2 === 0)
            .map((v) => (
              <g key={v} transform={`translate(0,${y(v)})`} className="tick">
                <line x2={innerW} stroke="#e5e5e5" />
                <text x={-6} dy="0.32em" textAnchor="end">
                  {formatTick(v)}
                </text>
              </g>
            ))}
          {x.ticks(5).map((v) => (
            <g key={v} transform={`translate(${x(v)},${innerH})`} className="tick">
              <line y2={5} stroke="#999" />
              <text y={18} textAnchor="middle">
                {v}
              </text>
            </g>
          ))}
          <line x1={0} x2={innerW} y1={innerH} y2={innerH} stroke="#999" />
          <line x1={0} x2={0} y1={0} y2={innerH} stroke="#999" />
          {bands.map(({ s, d }) => (
            <path
              key={`band-${s.id}`}
              d={d}
              fill={s.color}
              fillOpacity={0.16}
              stroke="none"
              data-band={s.id}
            />
          ))}
          {overlays.map((s) => (
            <path
              key={`overlay-${s.id}`}
              d={pathOf(s, cursor)}
              fill="none"
              stroke={s.color}
              strokeWidth={1}
              strokeOpacity={0.55}
              strokeDasharray="2 3"
              data-overlay={s.id}
            />
          ))}
          {series.map((s) => {
            const first = s.floor?.findIndex((f, i) => f === 1 && i <= cursor) ?? -1;
            if (first < 0) return null;
            const cx = x(s.xs[first]!);
            const cy = y(Math.max(Y_FLOOR, s.values[first]!));
            return (
              <g key={`floor-${s.id}`} data-floor={s.id}>
                <path
                  d={`M${cx},${cy - 5}L${cx + 5},${cy}L${cx},${cy + 5}L${cx - 5},${cy}Z`}
                  fill="white"
                  stroke={s.color}
                />
                <title>{`${s.name}: float32 floor reached at ${Math.round(s.xs[first]!)}`}</title>
              </g>
            );
          })}
          {paths.map(({ s, d }) => (
            <path
              key={s.id}
              d={d}
              fill="none"
              stroke={s.color}
              strokeWidth={1.8}
              strokeDasharray={s.dash || undefined}
              data-solver={s.id}
            />
          ))}
          {readout && (
            <g className="readout" pointerEvents="none">
              <line
                x1={x(readout[0]!.s.xs[readout[0]!.i]!)}
                x2={x(readout[0]!.s.xs[readout[0]!.i]!)}
                y1={0}
                y2={innerH}
                stroke="#888"
                strokeDasharray="3 3"
              />
              <rect
                x={4}
                y={4}
                width={series.some((s) => s.band) ? 250 : 170}
                height={16 + 14 * readout.length}
                fill="white"
                fillOpacity={0.92}
                stroke="#bbb"
              />
              <text x={10} y={17}>
                {xLabel} {Math.round(readout[0]!.s.xs[readout[0]!.i]!)}
              </text>
              {readout.map(({ s, i }, k) => (
                <text key={s.id} x={10} y={31 + 14 * k} fill={s.color}>
                  {s.name}: {formatValue(s.values[i])}
                  {s.band &&
                    ` (IQR ${formatValue(s.band.lower[i])}–${formatValue(s.band.upper[i])})`}
                </text>
              ))}
            </g>
          )}
          <rect
            width={innerW}
            height={innerH}
            fill="transparent"
            onMouseMove={onMove}
            onMouseLeave={() => setHoverX(null)}
            data-hover-target=""
          />
          <text x={innerW / 2} y={innerH + 34} textAnchor="middle" className="axis-label">
            {xLabel}
          </text>
          <text
            transform={`translate(${-44},${innerH / 2}) rotate(-90)`}
            textAnchor="middle"
            className="axis-label"
          >
            {yLabel}
          </text>
        </g>
      </svg>
    </figure>
  );
}

function formatTick(v: number): string {
  const e = Math.log10(v);
  return Number.isInteger(Math.round(e * 1e6) / 1e6) ? `1e${Math.round(e)}` : '';
}

export function formatValue(v: number | undefined): string {
  if (v === undefined || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return '∞';
  return v === 0 ? '0' : v.toExponential(2);
}
