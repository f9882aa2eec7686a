/** Translucent areas between each series' lower and upper band (interquartile range over seeds). */
import { area } from 'd3';
import type { LineFrame } from './frame';
import type { Series } from './series';

export const BAND_OPACITY = 0.16;

export function Bands({ frame, series }: { frame: LineFrame; series: readonly Series[] }) {
  return series.map((s) => {
    const band = s.band;
    if (!band || s.muted) return null;
    const d =
      area<number>()
        .defined((i) => Number.isFinite(band.lower[i]!) && Number.isFinite(band.upper[i]!))
        .x((i) => frame.x(s.xs[i]!))
        .y0((i) => frame.yOf(band.lower[i]!))
        .y1((i) => frame.yOf(band.upper[i]!))(frame.indicesOf(s, frame.cursor)) ?? '';
    return (
      <path
        key={`band-${s.id}`}
        d={d}
        fill={s.color}
        fillOpacity={BAND_OPACITY}
        stroke="none"
        data-band={s.id}
      />
    );
  });
}
