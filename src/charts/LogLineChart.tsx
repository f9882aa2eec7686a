/**
 * A time series on a log axis, one line per solver (colour and dash from the registry, never hue
 * alone). d3 computes scales and paths; React renders the SVG. The whole race fixes the axes so
 * they do not jump while the cursor reveals it, and (with `ghost`) the whole race is drawn faintly
 * ahead of the cursor, so the chart is never empty. Without an explicit size the chart fills its
 * container (useElementSize) and its scales are recomputed for it.
 */
import { area, bisectCenter, line, scaleLinear, scaleLog } from 'd3';
import { useContext, useMemo, useState, type MouseEvent } from 'react';
import { CHAR_WIDTH, tickAnchor } from './axisText';
import { plotSize, plotStyle } from './plotSize';
import { useElementSize } from './useElementSize';
import { CaptionExtra } from './captionExtra';
import type { LegendEntry } from './exportChart';
import { logTicks } from './logTicks';
import { placeReadout, type Point } from './readoutPlacement';

export interface Series {
  id: string;
  name: string;
  color: string;
  dash: string;
  /** One value per iteration. */
  values: Float64Array;
  /** x of each value (iterations, or queries). */
  xs: Float64Array;
  /**
   * The iteration of each value, where `xs` counts something else (preference queries): the
   * hover readout then gives each series' own x and its iteration.
   */
  times?: Float64Array;
  /** 1 where the value is below what float32 resolves: marked, not drawn as if meaningful. */
  floor?: Uint8Array;
  /**
   * A band around the line (e.g. the interquartile range over seeds when `values` is the median),
   * one lower and upper value per x, drawn as a translucent area under the line.
   */
  band?: { lower: Float64Array; upper: Float64Array };
  /** Faded, out of the readout and the label: another solver is isolated in the legend. */
  muted?: boolean;
}

export interface LogLineChartProps {
  /** Starts the aria-label ("Convergence", "Exploitability"). */
  title: string;
  description: string;
  series: Series[];
  /**
   * Drawn as wide translucent strokes in each series' colour under the series (proven rates), a
   * style no solver's line uses (OVERLAY_LEGEND is its legend entry); not in the readout.
   */
  overlays?: Series[];
  /** Reveal values up to this index. */
  cursor: number;
  /**
   * Events on the x axis (e.g. a reference refresh μ ← π_t), drawn as short ticks in the series'
   * colour along the top of the plot and counted in the aria-label.
   */
  marks?: { id: string; color: string; xs: readonly number[]; label: string }[];
  /**
   * Said inside the plot, and drawn nowhere else, when no series has a value to draw (e.g. KL to
   * a β = 0 equilibrium that is not unique): the chart explains itself instead of standing empty.
   */
  emptyNote?: string;
  xLabel: string;
  yLabel: string;
  /** Size in px; either left out fills the container in that direction. */
  width?: number;
  height?: number;
  /**
   * Drawn this many times larger (present mode): the scales are computed for size / zoom and the
   * SVG scales up, text and lines with it.
   */
  zoom?: number;
  /** Draw each whole series faintly, ahead of the cursor too. */
  ghost?: boolean;
  /**
   * Pinned races: thin grey lines (whole, whatever the cursor), each group labelled once with
   * what differs from the race shown ("β 0.1"); out of the readout.
   */
  pinned?: PinnedGroup[];
}

/** One pinned race's lines. */
export interface PinnedGroup {
  id: number;
  label: string;
  lines: Pick<Series, 'id' | 'name' | 'dash' | 'values' | 'xs'>[];
}

/** Pinned races: grey in both themes, thinner than any solver's line. */
const PIN_STROKE = { color: '#8a8f98', width: 1, opacity: 0.8 } as const;

const MARGIN = { top: 12, right: 16, bottom: 40, left: 56 };
/** Values below this are drawn at it (float64 rounding); zero has no place on a log axis. */
const Y_FLOOR = 1e-16;
const MAX_POINTS = 300;
/** A solver's line. */
export const LINE_WIDTH = 2.25;
/** The overlays' stroke: wide and faint, unlike any solver's 2.25 px opaque line. */
const OVERLAY_STROKE = { width: 5, opacity: 0.28 } as const;
/** The whole race ahead of the cursor, and the lines of solvers another one is isolated from. */
const GHOST_OPACITY = 0.22;
const MUTED_OPACITY = 0.12;
const DEFAULT_SIZE = { width: 360, height: 250 } as const;
/** Readout rows: line height, text inset and the solver swatch's length. */
const ROW = 14;
const PAD = 6;
const SWATCH = 16;

/** The legend entry of the overlays (proven rates): their stroke, in a neutral grey. */
export const OVERLAY_LEGEND: LegendEntry = {
  name: 'proven rate (bound)',
  color: '#555555',
  dash: '',
  width: OVERLAY_STROKE.width,
  opacity: OVERLAY_STROKE.opacity + 0.12,
};

export function LogLineChart({
  title,
  description,
  series,
  overlays = [],
  marks = [],
  emptyNote,
  cursor,
  xLabel,
  yLabel,
  width,
  height,
  zoom = 1,
  ghost = false,
  pinned = [],
}: LogLineChartProps) {
  const [hoverX, setHoverX] = useState<number | null>(null);
  const extra = useContext(CaptionExtra);
  const [plotRef, measured] = useElementSize<HTMLDivElement>(
    DEFAULT_SIZE,
    width === undefined || height === undefined,
  );
  const px = { width: width ?? measured.width, height: height ?? measured.height };
  const view = plotSize(px, zoom, { width: 200, height: 150 });
  const innerW = view.width - MARGIN.left - MARGIN.right;
  const innerH = view.height - MARGIN.top - MARGIN.bottom;
  const { x, y } = useMemo(() => {
    // Pinned lines count too: a pin with a longer budget or larger values stays on the plot.
    const all: Pick<Series, 'values' | 'xs' | 'band'>[] = [
      ...series,
      ...pinned.flatMap((p) => p.lines),
    ];
    const xMax = Math.max(1, ...all.map((s) => s.xs[s.xs.length - 1] ?? 1));
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of all) {
      for (const arr of s.band ? [s.values, s.band.lower, s.band.upper] : [s.values]) {
        // A plain loop: copying and filtering every series on each new race cost tens of ms.
        for (let i = 0; i < arr.length; i++) {
          const v = arr[i]!;
          if (!(v > 0 && v < Infinity)) continue;
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      }
    }
    if (!Number.isFinite(lo)) [lo, hi] = [1e-6, 1];
    lo = Math.max(Y_FLOOR, lo);
    if (hi <= lo) hi = lo * 10;
    return {
      x: scaleLinear().domain([0, xMax]).range([0, innerW]),
      y: scaleLog().domain([lo, hi]).range([innerH, 0]).nice().clamp(true),
    };
  }, [series, pinned, innerW, innerH]);
  const [yLo, yHi] = y.domain() as [number, number];
  const yTicks = logTicks(yLo, yHi);

  const indicesOf = (s: Pick<Series, 'values'>, upTo: number): number[] => {
    const last = Math.min(upTo, s.values.length - 1);
    const stride = Math.max(1, Math.ceil(last / MAX_POINTS));
    const idx: number[] = [];
    for (let i = 0; i <= last; i += stride) idx.push(i);
    if (idx[idx.length - 1] !== last) idx.push(last);
    return idx;
  };
  const yOf = (v: number): number => y(Math.max(Y_FLOOR, v));
  const pathOf = (s: Pick<Series, 'values' | 'xs'>, upTo: number): string =>
    line<number>()
      .defined((i) => Number.isFinite(s.values[i]!))
      .x((i) => x(s.xs[i]!))
      .y((i) => yOf(s.values[i]!))(indicesOf(s, upTo)) ?? '';
  // The whole race, built once per race and size: rebuilding 14 full paths in each chart on
  // every frame of playback halved the frame rate.
  const wholePaths = useMemo(
    () => series.map((s) => pathOf(s, s.values.length - 1)),
    // pathOf reads only series, x and y
    [series, x, y],
  );
  // The revealed part: the whole path once the cursor is at the end (after every β change), and
  // kept across renders that do not move the cursor (hover, a new size of another chart).
  const paths = useMemo(
    () =>
      series.map((s, i) => ({
        s,
        d: cursor >= s.values.length - 1 ? wholePaths[i]! : pathOf(s, cursor),
      })),
    [series, x, y, cursor, wholePaths],
  );
  // The rest of the race, ahead of the cursor (the revealed part is drawn over it).
  const ghosts = ghost
    ? series.flatMap((s, i) => (cursor < s.values.length - 1 ? [{ s, d: wholePaths[i]! }] : []))
    : [];
  const bands = series.flatMap((s) => {
    const band = s.band;
    if (!band || s.muted) return [];
    const d =
      area<number>()
        .defined((i) => Number.isFinite(band.lower[i]!) && Number.isFinite(band.upper[i]!))
        .x((i) => x(s.xs[i]!))
        .y0((i) => yOf(band.lower[i]!))
        .y1((i) => yOf(band.upper[i]!))(indicesOf(s, cursor)) ?? '';
    return [{ s, d }];
  });
  const shown = series.filter((s) => !s.muted);

  /** The index of `s` nearest to the hovered x on its own x axis, never past the cursor. */
  const hoverIndex = (s: Series, hx: number): number =>
    Math.max(0, Math.min(cursor, s.values.length - 1, bisectCenter(s.xs, hx)));
  const onMove = (event: MouseEvent<SVGRectElement>): void => {
    const rect = event.currentTarget.getBoundingClientRect();
    if (!(rect.width > 0)) return;
    const fraction = (event.clientX - rect.left) / rect.width;
    setHoverX(x.invert(Math.max(0, Math.min(1, fraction)) * innerW));
  };

  const marked = marks.length ? `; marks: ${marks.map((m) => m.label).join(', ')}` : '';
  const pinnedNote = pinned.length
    ? `; pinned races in grey: ${pinned.map((p) => p.label).join('; ')}`
    : '';
  const label = `${title}: ${description}${marked}${pinnedNote}. ${shown.map((s) => `${s.name} ${formatValue(s.values[Math.min(cursor, s.values.length - 1)])}`).join('; ')}`;
  return (
    <figure className="chart">
      <figcaption>
        {title}
        {extra}
      </figcaption>
      <div className="plot" ref={plotRef} style={plotStyle(width, height)}>
        <svg
          role="img"
          aria-label={label}
          viewBox={`0 0 ${view.width} ${view.height}`}
          width={px.width}
          height={px.height}
        >
          <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
            {yTicks.map(({ value, label: text }) => (
              <g key={value} transform={`translate(0,${y(value)})`} className="tick">
                <line x2={innerW} stroke="#e5e5e5" className="grid" />
                <text x={-6} dy="0.32em" textAnchor="end">
                  {text}
                </text>
              </g>
            ))}
            {x.ticks(5).map((v) => (
              <g key={v} transform={`translate(${x(v)},${innerH})`} className="tick">
                <line y2={5} stroke="#999" className="axis" />
                <text y={18} textAnchor={tickAnchor(String(v), x(v), innerW, MARGIN.right)}>
                  {v}
                </text>
              </g>
            ))}
            <line x1={0} x2={innerW} y1={innerH} y2={innerH} stroke="#999" className="axis" />
            <line x1={0} x2={0} y1={0} y2={innerH} stroke="#999" className="axis" />
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
            {marks.map((m, k) =>
              m.xs
                .filter((v) => v <= x.domain()[1]!)
                .map((v) => (
                  <line
                    key={`${m.id}-${v}`}
                    data-mark={m.id}
                    x1={x(v)}
                    x2={x(v)}
                    y1={k * 3}
                    y2={k * 3 + 7}
                    stroke={m.color}
                    strokeWidth={1.5}
                  />
                )),
            )}
            {overlays.map((s) => (
              <path
                key={`overlay-${s.id}`}
                d={pathOf(s, cursor)}
                fill="none"
                stroke={s.color}
                strokeWidth={OVERLAY_STROKE.width}
                strokeOpacity={OVERLAY_STROKE.opacity}
                strokeLinecap="round"
                strokeLinejoin="round"
                data-overlay={s.id}
              >
                <title>{`${s.name}: proven bound`}</title>
              </path>
            ))}
            {pinned.map((p, k) => {
              // Labelled at the end of its highest line (above the bundle, where the other lines
              // do not cover it), each pin a row lower than the one before so labels never overlap.
              let labelled: PinnedGroup['lines'][number] | undefined;
              for (const l of p.lines) {
                const v = l.values[l.values.length - 1]!;
                if (
                  Number.isFinite(v) &&
                  !(v <= (labelled?.values[labelled.values.length - 1] ?? -Infinity))
                )
                  labelled = l;
              }
              const end = labelled
                ? {
                    x: x(labelled.xs[labelled.xs.length - 1]!),
                    y: Math.max(
                      10,
                      Math.min(
                        innerH - 4,
                        yOf(labelled.values[labelled.values.length - 1]!) - 4 - 12 * k,
                      ),
                    ),
                  }
                : null;
              return (
                <g key={`pin-${p.id}`} data-pin={p.id}>
                  {p.lines.map((l) => (
                    <path
                      key={l.id}
                      d={pathOf(l, l.values.length - 1)}
                      fill="none"
                      stroke={PIN_STROKE.color}
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
                      fill={PIN_STROKE.color}
                    >
                      {p.label}
                    </text>
                  )}
                </g>
              );
            })}
            {ghosts.map(({ s, d }) => (
              <path
                key={`ghost-${s.id}`}
                d={d}
                fill="none"
                stroke={s.color}
                strokeWidth={LINE_WIDTH}
                strokeOpacity={s.muted ? MUTED_OPACITY / 2 : GHOST_OPACITY}
                strokeDasharray={s.dash || undefined}
                data-ghost={s.id}
                {...(s.muted ? { 'data-muted': '' } : {})}
              />
            ))}
            {shown.map((s) => {
              const first = s.floor ? s.floor.indexOf(1) : -1;
              if (first < 0 || first > cursor) return null;
              const cx = x(s.xs[first]!);
              const cy = yOf(s.values[first]!);
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
                strokeWidth={LINE_WIDTH}
                strokeDasharray={s.dash || undefined}
                {...(s.muted ? { strokeOpacity: MUTED_OPACITY, 'data-muted': '' } : {})}
                data-solver={s.id}
              />
            ))}
            {hoverX !== null && shown.length > 0 && (
              <Readout
                series={shown}
                indices={shown.map((s) => hoverIndex(s, hoverX))}
                hoverX={hoverX}
                xLabel={xLabel}
                at={(s, i) => [x(s.xs[i]!), yOf(s.values[i]!)]}
                curves={paths.flatMap(({ s }) =>
                  s.muted
                    ? []
                    : indicesOf(s, cursor)
                        .filter((i) => Number.isFinite(s.values[i]!))
                        .map((i): Point => [x(s.xs[i]!), yOf(s.values[i]!)]),
                )}
                plot={{ width: innerW, height: innerH }}
                toPx={x}
              />
            )}
            {emptyNote && (
              <foreignObject x={8} y={8} width={Math.max(0, innerW - 16)} height={innerH - 16}>
                <p className="empty-note">{emptyNote}</p>
              </foreignObject>
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
      </div>
    </figure>
  );
}

/**
 * The hover readout: a marker on each curve at the value read, and a box of dark text on white
 * (the x, then one row per series with its swatch) in the plot corner that hides the least of the
 * curves. Series whose x differ at the pointer (queries per iteration differ) each give their own.
 */
function Readout({
  series,
  indices,
  hoverX,
  xLabel,
  at,
  curves,
  plot,
  toPx,
}: {
  series: Series[];
  indices: number[];
  hoverX: number;
  xLabel: string;
  at: (s: Series, i: number) => Point;
  curves: Point[];
  plot: { width: number; height: number };
  toPx: (x: number) => number;
}) {
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
    const value = `${s.name}: ${formatValue(s.values[i])}${band}`;
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
  const focus = series.map((s, k) => at(s, indices[k]!));
  const place = placeReadout(box, plot, curves, focus, toPx(lineX));
  return (
    <g className="readout" pointerEvents="none">
      <line
        x1={toPx(lineX)}
        x2={toPx(lineX)}
        y1={0}
        y2={plot.height}
        stroke="#666"
        strokeDasharray="3 3"
      />
      {focus.map(([fx, fy], k) => (
        <circle key={series[k]!.id} cx={fx} cy={fy} r={3} fill="white" stroke={series[k]!.color} />
      ))}
      <rect
        x={place.x}
        y={place.y}
        width={box.width}
        height={box.height}
        rx={3}
        fill="#ffffff"
        fillOpacity={0.96}
        stroke="#777777"
      />
      <text x={place.x + PAD} y={place.y + PAD + 9} fill="#111111">
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
              stroke={s.color}
              strokeWidth={2.5}
              strokeDasharray={s.dash || undefined}
            />
            {row.map((text, j) => (
              <text key={j} x={place.x + PAD + SWATCH} y={baseline + ROW * j} fill="#111111">
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

export function formatValue(v: number | undefined): string {
  if (v === undefined || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return '∞';
  return v === 0 ? '0' : v.toExponential(2);
}
