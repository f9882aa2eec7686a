/**
 * The hover readout: a marker on each curve at the value read, and a box of dark text on white
 * (the x, then one row per series with its swatch) in the plot corner that hides the least of the
 * curves. Series whose x differ at the pointer (queries per iteration differ) each give their own.
 * The box is white in both themes, so its swatches take the light palette's colours (a dark
 * theme's near-white line would vanish on it).
 */
import { ink } from '../ink';
import { bisectCenter } from 'd3';
import { lightColorOf } from '../../core/solvers/palette';
import { CHAR_WIDTH } from '../axisText';
import { placeReadout, type Point } from '../readoutPlacement';
import type { LineFrame } from './frame';
import type { Series } from './series';

/** Readout rows: line height, text inset and the solver swatch's length. */
const ROW = 14;
const PAD = 6;
const SWATCH = 16;

export function formatValue(v: number | undefined): string {
  if (v === undefined || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return '∞';
  return v === 0 ? '0' : v.toExponential(2);
}

/**
 * The index of `s` nearest to `hx` on its own x axis, up to `limit`: the cursor, or the whole
 * race where it is drawn faintly ahead of the cursor (hovering before Play reads the curve).
 */
export function readIndex(s: Pick<Series, 'xs' | 'values'>, hx: number, limit: number): number {
  return Math.max(0, Math.min(limit, s.values.length - 1, bisectCenter(s.xs, hx)));
}

export function Readout({
  frame,
  series,
  hoverX,
  xLabel,
  limit,
}: {
  frame: LineFrame;
  series: readonly Series[];
  hoverX: number;
  xLabel: string;
  /** The last index read (see readIndex). */
  limit: number;
}) {
  const { x: toPx, yOf } = frame;
  const plot = { width: frame.width, height: frame.height };
  const indices = series.map((s) => readIndex(s, hoverX, limit));
  const xsRead = series.map((s, k) => s.xs[indices[k]!]!);
  const timesRead = series.map((s, k) => s.times?.[indices[k]!] ?? xsRead[k]!);
  const shared = xsRead.every((v) => v === xsRead[0]);
  // Equal x but different iterations (queries per iteration differ) still need the iteration.
  const sameTimes = timesRead.every((v) => v === timesRead[0]);
  const lineX = shared ? xsRead[0]! : hoverX;
  const header = `${xLabel} ${Math.round(lineX)}`;
  // A row too long for the plot puts its own x on a second line.
  const fits = Math.floor((plot.width - 2 * PAD) / CHAR_WIDTH) - 3;
  const rows = series.map((s, k) => {
    const i = indices[k]!;
    const band = s.band
      ? ` (IQR ${formatValue(s.band.lower[i])}–${formatValue(s.band.upper[i])})`
      : '';
    const target = s.target ? ` (to ${s.target})` : '';
    const value = `${s.name}${target}: ${formatValue(s.values[i])}${band}`;
    const iteration = sameTimes || !s.times ? '' : `(iteration ${Math.round(s.times[i]!)})`;
    // Its own x where it is not the pointer's to the nearest step (e.g. past its last query).
    const own = [shared || nearPointer(s, i, hoverX) ? '' : `at ${Math.round(s.xs[i]!)}`, iteration]
      .filter(Boolean)
      .join(' ');
    if (!own) return [value];
    return value.length + own.length + 1 <= fits ? [`${value} ${own}`] : [value, own];
  });
  const lines = rows.reduce((n, r) => n + r.length, 0);
  const longest = Math.max(header.length, ...rows.flat().map((r) => r.length + 3));
  const box = {
    width: Math.min(plot.width, Math.ceil(longest * CHAR_WIDTH) + 2 * PAD),
    height: PAD + ROW * (lines + 1) + 2,
  };
  const curves = series.flatMap((s) =>
    frame
      .indicesOf(s, limit)
      .filter((i) => Number.isFinite(s.values[i]!))
      .map((i): Point => [toPx(s.xs[i]!), yOf(s.values[i]!)]),
  );
  const focus = series.map((s, k): Point => [
    toPx(s.xs[indices[k]!]!),
    yOf(s.values[indices[k]!]!),
  ]);
  const place = placeReadout(box, plot, curves, focus, toPx(lineX));
  return (
    <g className="readout" pointerEvents="none">
      <line
        x1={toPx(lineX)}
        x2={toPx(lineX)}
        y1={0}
        y2={plot.height}
        stroke={ink('hover')}
        strokeDasharray="3 3"
      />
      {focus.map(([fx, fy], k) => (
        <circle
          key={series[k]!.id}
          cx={fx}
          cy={fy}
          r={3}
          fill={ink('background')}
          stroke={series[k]!.color}
        />
      ))}
      <rect
        x={place.x}
        y={place.y}
        width={box.width}
        height={box.height}
        rx={3}
        fill={ink('readoutBackground')}
        fillOpacity={0.96}
        stroke={ink('readoutBorder')}
      />
      <text x={place.x + PAD} y={place.y + PAD + 9} fill={ink('readoutText')}>
        {header}
      </text>
      {rows.map((row, k) => {
        const s = series[k]!;
        const before = rows.slice(0, k).reduce((n, r) => n + r.length, 0);
        const baseline = place.y + PAD + 9 + ROW * (before + 1);
        return (
          <g key={s.id}>
            <line
              x1={place.x + PAD}
              x2={place.x + PAD + SWATCH - 3}
              y1={baseline - 4}
              y2={baseline - 4}
              stroke={lightColorOf(s.color)}
              strokeWidth={2.5}
              strokeDasharray={s.dash || undefined}
            />
            {row.map((text, j) => (
              <text
                key={j}
                x={place.x + PAD + SWATCH}
                y={baseline + ROW * j}
                fill={ink('readoutText')}
              >
                {text}
              </text>
            ))}
          </g>
        );
      })}
    </g>
  );
}

/** Whether x_i of `s` is the nearest of its x values to `hx` within half a step. */
function nearPointer(s: Series, i: number, hx: number): boolean {
  const step = Math.abs((s.xs[i + 1] ?? s.xs[i]!) - (s.xs[i - 1] ?? s.xs[i]!)) / 2 || 1;
  return Math.abs(s.xs[i]! - hx) <= step / 2 + 0.5;
}
