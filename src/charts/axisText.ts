/** Approximate advance of one character of the charts' 11 px sans-serif text, in px. */
export const CHAR_WIDTH = 6.2;

/**
 * The text anchor of an x-axis tick label at `x` in a plot `width` wide with `room` px of margin to
 * its right: centred, or right-aligned where a centred label would be cut at the chart's edge.
 */
export function tickAnchor(
  label: string,
  x: number,
  width: number,
  room: number,
): 'middle' | 'end' {
  return x + (label.length * CHAR_WIDTH) / 2 > width + room ? 'end' : 'middle';
}
