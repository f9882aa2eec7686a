/**
 * The frame the line chart's marks share (as Observable Plot's marks share one set of scales):
 * the plot's inner size, a linear x and a log y scale, the playback cursor, and how a series
 * becomes points and paths. Each mark (./*.tsx) is a function of this frame and its own data.
 */
import { bisectLeft, bisectRight, line, scaleLinear, scaleLog } from 'd3';
import type { ScaleLinear, ScaleLogarithmic } from 'd3';
import type { Series } from './series';

/** Values below this are drawn at it (float64 rounding); zero has no place on a log axis. */
export const Y_FLOOR = 1e-16;
/** Points per drawn path at most: a longer series is strided (within the x range shown). */
export const MAX_POINTS = 300;
/** The plot's margins inside the SVG (room for the tick labels and axis titles). */
export const MARGIN = { top: 12, right: 16, bottom: 40, left: 56 } as const;

export interface LineFrame {
  /** The plot area inside the margins, in the chart's own coordinates. */
  width: number;
  height: number;
  x: ScaleLinear<number, number>;
  y: ScaleLogarithmic<number, number>;
  /** Values are revealed up to this index. */
  cursor: number;
  /** Whether the x axis shows a chosen range (a brush) rather than the whole race. */
  zoomed: boolean;
  /** The pixel y of a value, zero and tiny values drawn at Y_FLOOR. */
  yOf(v: number): number;
  /** The indices of `s` drawn up to `upTo`: strided to MAX_POINTS within the x range shown. */
  indicesOf(s: Pick<Series, 'xs' | 'values'>, upTo: number): number[];
  /** The SVG path of `s` up to `upTo` (gaps where a value is not finite). */
  pathOf(s: Pick<Series, 'xs' | 'values'>, upTo: number): string;
}

/**
 * The y domain of a set of series: their smallest and largest positive finite values (bands
 * included), niced to powers of ten, as the chart draws it. Exported so that what lies off the
 * chart (a proven bound above its top) can be said outside it, in the legend.
 */
export function logDomainOf(series: readonly Pick<Series, 'values' | 'band'>[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
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
  return scaleLog().domain([lo, hi]).nice().domain() as [number, number];
}

/** The largest x of the series (at least 1): the right end of the whole race. */
export function xMaxOf(series: readonly Pick<Series, 'xs'>[]): number {
  return Math.max(1, ...series.map((s) => s.xs[s.xs.length - 1] ?? 1));
}

/**
 * The frame for `series` in a plot `width` × `height`. `xRange` (a brushed range, in x units)
 * narrows the x domain to it, clipped to the race; left out or empty, the whole race shows.
 * `extent`: more lines the axes must hold though they are not the race's (pinned races).
 */
export function lineFrame({
  series,
  width,
  height,
  cursor,
  xRange,
  extent = [],
}: {
  series: readonly Series[];
  width: number;
  height: number;
  cursor: number;
  xRange?: readonly [number, number] | null;
  extent?: readonly Pick<Series, 'xs' | 'values' | 'band'>[];
}): LineFrame {
  const all = extent.length ? [...series, ...extent] : series;
  const xMax = xMaxOf(all);
  const lo = xRange ? Math.max(0, Math.min(xRange[0], xRange[1])) : 0;
  const hi = xRange ? Math.min(xMax, Math.max(xRange[0], xRange[1])) : xMax;
  const zoomed = xRange != null && hi > lo && (lo > 0 || hi < xMax);
  const x = scaleLinear()
    .domain(zoomed ? [lo, hi] : [0, xMax])
    .range([0, width]);
  const y = scaleLog().domain(logDomainOf(all)).range([height, 0]).clamp(true);
  const yOf = (v: number): number => y(Math.max(Y_FLOOR, v));
  const indicesOf = (s: Pick<Series, 'xs' | 'values'>, upTo: number): number[] => {
    const last0 = Math.min(upTo, s.values.length - 1);
    // Zoomed: only the indices in the range shown, and one either side so lines reach the edges.
    const [d0, d1] = x.domain() as [number, number];
    const first = zoomed ? Math.max(0, bisectLeft(s.xs, d0) - 1) : 0;
    const last = zoomed ? Math.min(last0, bisectRight(s.xs, d1)) : last0;
    const idx: number[] = [];
    if (last < first) return idx;
    const stride = Math.max(1, Math.ceil((last - first) / MAX_POINTS));
    for (let i = first; i <= last; i += stride) idx.push(i);
    if (idx[idx.length - 1] !== last) idx.push(last);
    return idx;
  };
  const pathOf = (s: Pick<Series, 'xs' | 'values'>, upTo: number): string =>
    line<number>()
      .defined((i) => Number.isFinite(s.values[i]!))
      .x((i) => x(s.xs[i]!))
      .y((i) => yOf(s.values[i]!))(indicesOf(s, upTo)) ?? '';
  return { width, height, x, y, cursor, zoomed, yOf, indicesOf, pathOf };
}
