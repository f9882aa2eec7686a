/**
 * Proven rates: wide translucent strokes in each series' colour, a style no solver's line uses.
 * A bound above the plot's top for the whole run is not drawn (it would read as a line on the
 * top edge, e.g. "bound 1e0"; the legend names it instead, see offScaleBounds); one that enters
 * the plot is drawn from where it does.
 */
import type { LineFrame } from './frame';
import type { Series } from './series';

/** The overlays' stroke: wide and faint, unlike any solver's 2.25 px opaque line. */
export const OVERLAY_STROKE = { width: 5, opacity: 0.28 } as const;

/** Whether every value of `s` lies above `top` (or is not a number): nothing of it is on the plot. */
export function aboveTop(s: Pick<Series, 'values'>, top: number): boolean {
  for (let i = 0; i < s.values.length; i++) if (s.values[i]! <= top) return false;
  return true;
}

/**
 * `s` with its values above `top` left out (NaN): the path starts where the bound enters the
 * plot instead of running along the top edge, where the clamped scale would put it.
 */
function belowTop(s: Series, top: number): Series {
  return { ...s, values: s.values.map((v) => (v > top ? NaN : v)) };
}

export function Overlays({ frame, overlays }: { frame: LineFrame; overlays: readonly Series[] }) {
  const top = (frame.y.domain() as [number, number])[1];
  return overlays
    .filter((s) => !aboveTop(s, top))
    .map((s) => (
      <path
        key={`overlay-${s.id}`}
        d={frame.pathOf(belowTop(s, top), frame.cursor)}
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
    ));
}
