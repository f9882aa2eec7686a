/**
 * A time series on a log axis, one line per solver (colour and dash from the registry, never hue
 * alone), drawn as marks layered in one frame, as Observable Plot layers its marks: the frame
 * (marks/frame.ts) holds the scales, each mark (marks/*.tsx) draws one kind of thing from it.
 * d3 computes scales and paths; React renders the SVG. The whole race fixes the axes so they do
 * not jump while the cursor reveals it, and (with `ghost`) the whole race is drawn faintly ahead
 * of the cursor, so the chart is never empty. Without an explicit size the chart fills its
 * container (useElementSize) and its scales are recomputed for it.
 */
import { ink } from './ink';
import { useContext, useId, useMemo, useState } from 'react';
import { plotSize, plotStyle } from './plotSize';
import { useElementSize } from './useElementSize';
import { CaptionExtra } from './captionExtra';
import type { LegendEntry } from './exportChart';
import { AxisLabels, XAxis, YGrid } from './marks/Axes';
import { Bands } from './marks/Bands';
import { Brush } from './marks/Brush';
import { EventTicks, type EventTicksData } from './marks/EventTicks';
import { FloorMarks } from './marks/FloorMarks';
import { lineFrame, MARGIN } from './marks/frame';
import { HitMarks } from './marks/HitMarks';
import { Ghosts, Lines, revealedPaths } from './marks/Lines';
import { OVERLAY_STROKE, Overlays } from './marks/Overlays';
import { type PinnedGroup, Pins } from './marks/Pins';
import { formatValue, Readout } from './marks/Readout';
import type { Series } from './marks/series';

export type { Series } from './marks/series';
export type { PinnedGroup } from './marks/Pins';
export { formatValue } from './marks/Readout';
export { LINE_WIDTH } from './marks/Lines';

export interface LogLineChartProps {
  /** Starts the aria-label ("Convergence", "Exploitability"). */
  title: string;
  description: string;
  series: Series[];
  /**
   * Drawn as wide translucent strokes in each series' colour under the series (proven rates), a
   * style no solver's line uses (OVERLAY_LEGEND is its legend entry); not in the readout. One
   * above the plot's top for the whole run is left out (the legend says so).
   */
  overlays?: Series[];
  /** Reveal values up to this index. */
  cursor: number;
  /**
   * Events on the x axis (e.g. a reference refresh μ ← π_t), drawn as short ticks in the series'
   * colour along the top of the plot and counted in the aria-label.
   */
  marks?: EventTicksData[];
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
  /** Draw each whole series faintly, ahead of the cursor too; hovering reads it. */
  ghost?: boolean;
  /** The x range shown (a brush), in x units; null or left out: the whole race. */
  xRange?: readonly [number, number] | null;
  /** Called with a brushed x range, or null on a double-click; left out: no brush. */
  onXRange?: (range: [number, number] | null) => void;
  /**
   * Pinned races: thin grey lines (whole, whatever the cursor), each group labelled once with
   * what differs from the race shown ("β 0.1"); counted in the axes, out of the readout.
   */
  pinned?: readonly PinnedGroup[];
}

const NO_PINS: readonly PinnedGroup[] = [];

const DEFAULT_SIZE = { width: 360, height: 250 } as const;

/** The legend entry of the overlays (proven rates): their stroke, in a neutral grey. */
export const OVERLAY_LEGEND: LegendEntry = {
  name: 'proven rate (bound)',
  color: ink('overlay'),
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
  xRange = null,
  onXRange,
  pinned = NO_PINS,
}: LogLineChartProps) {
  const [hoverX, setHoverX] = useState<number | null>(null);
  const extra = useContext(CaptionExtra);
  const clipId = useId();
  const [plotRef, measured] = useElementSize<HTMLDivElement>(
    DEFAULT_SIZE,
    width === undefined || height === undefined,
  );
  const px = { width: width ?? measured.width, height: height ?? measured.height };
  const view = plotSize(px, zoom, { width: 200, height: 150 });
  const innerW = view.width - MARGIN.left - MARGIN.right;
  const innerH = view.height - MARGIN.top - MARGIN.bottom;
  const lo = xRange?.[0];
  const hi = xRange?.[1];
  // The scales, once per race, size and range (not per frame of playback).
  const scales = useMemo(
    () =>
      lineFrame({
        series,
        width: innerW,
        height: innerH,
        cursor: 0,
        xRange: lo !== undefined && hi !== undefined ? [lo, hi] : null,
        // Pinned lines count too: a pin with a longer budget or larger values stays on the plot.
        extent: pinned.flatMap((p) => p.lines),
      }),
    [series, pinned, innerW, innerH, lo, hi],
  );
  const frame = useMemo(() => ({ ...scales, cursor }), [scales, cursor]);
  // The whole race, built once per race, size and range.
  const whole = useMemo(
    () => series.map((s) => scales.pathOf(s, s.values.length - 1)),
    [series, scales],
  );
  const paths = useMemo(() => revealedPaths(frame, series, whole), [frame, series, whole]);
  // Pins are drawn whole: once per race, size and range, not per frame of playback.
  const pins = useMemo(() => <Pins frame={scales} pinned={pinned} />, [scales, pinned]);
  const shown = series.filter((s) => !s.muted);

  const marked = marks.length ? `; marks: ${marks.map((m) => m.label).join(', ')}` : '';
  const valueAt = (s: Series): string => {
    const value = formatValue(s.values[Math.min(cursor, s.values.length - 1)]);
    return `${s.name} ${value}${s.hit ? `, ${s.hit.text}` : ''}`;
  };
  const [x0, x1] = frame.x.domain() as [number, number];
  const range = frame.zoomed
    ? `; ${xLabel} ${Math.round(x0)} to ${Math.round(x1)} shown (double-click for the whole race)`
    : '';
  const pinnedNote = pinned.length
    ? `; pinned races in grey: ${pinned.map((p) => p.label).join('; ')}`
    : '';
  const label = `${title}: ${description}${marked}${pinnedNote}${range}. ${shown.map(valueAt).join('; ')}`;
  // The data marks, clipped to the plot when a range is shown (lines run on past its edges).
  const data = (
    <>
      <Bands frame={frame} series={series} />
      <EventTicks frame={frame} events={marks} />
      <Overlays frame={frame} overlays={overlays} />
      {pins}
      {ghost && <Ghosts frame={frame} series={series} whole={whole} />}
      <FloorMarks frame={frame} series={shown} />
      <Lines series={series} paths={paths} />
      <HitMarks frame={frame} series={series} />
    </>
  );
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
          {...(frame.zoomed ? { 'data-zoomed': `${x0}–${x1}` } : {})}
        >
          <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
            {frame.zoomed && (
              <clipPath id={CSS_ID(clipId)}>
                <rect width={innerW} height={innerH} />
              </clipPath>
            )}
            <YGrid frame={frame} />
            <XAxis frame={frame} room={MARGIN.right} />
            {frame.zoomed ? <g clipPath={`url(#${CSS_ID(clipId)})`}>{data}</g> : data}
            {hoverX !== null && shown.length > 0 && (
              <Readout
                frame={frame}
                series={shown}
                hoverX={hoverX}
                xLabel={xLabel}
                limit={ghost ? Infinity : cursor}
              />
            )}
            {emptyNote && (
              <foreignObject x={8} y={8} width={Math.max(0, innerW - 16)} height={innerH - 16}>
                <p className="empty-note">{emptyNote}</p>
              </foreignObject>
            )}
            {frame.zoomed && (
              <text x={innerW} y={-3} textAnchor="end" className="zoom-note">
                double-click: whole race
              </text>
            )}
            <Brush frame={frame} onHover={setHoverX} onBrush={onXRange} />
            <AxisLabels frame={frame} xLabel={xLabel} yLabel={yLabel} />
          </g>
        </svg>
      </div>
    </figure>
  );
}

/** useId's ":r0:" as an id a url(#…) reference can name. */
function CSS_ID(id: string): string {
  return `clip${id.replace(/[^A-Za-z0-9_-]/g, '')}`;
}
