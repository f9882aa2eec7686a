/**
 * Where a hover readout box goes inside a plot: in the corner that hides the fewest drawn points,
 * so it never sits on the curves being read (the early descent sits top left, where the box used
 * to be fixed).
 */
export type Point = readonly [number, number];

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A point being read counts this many times a plain point of a curve. */
const FOCUS_WEIGHT = 25;

function covers(box: Box, [px, py]: Point, margin: number): boolean {
  return (
    px >= box.x - margin &&
    px <= box.x + box.width + margin &&
    py >= box.y - margin &&
    py <= box.y + box.height + margin
  );
}

/**
 * The corner (inset from the plot's edges) whose box covers the fewest `points`, each point in
 * `focus` (the values the readout reads) weighing FOCUS_WEIGHT. Ties go to the side away from
 * the pointer, then to the top.
 */
export function placeReadout(
  box: { width: number; height: number },
  plot: { width: number; height: number },
  points: readonly Point[],
  focus: readonly Point[],
  pointerX: number,
  inset = 4,
): Box {
  const left = inset;
  const right = Math.max(inset, plot.width - inset - box.width);
  const top = inset;
  const bottom = Math.max(inset, plot.height - inset - box.height);
  const [away, near] = pointerX < plot.width / 2 ? [right, left] : [left, right];
  const candidates: Box[] = [
    { x: away, y: top, ...box },
    { x: away, y: bottom, ...box },
    { x: near, y: top, ...box },
    { x: near, y: bottom, ...box },
  ];
  let best = candidates[0]!;
  let bestScore = Infinity;
  for (const c of candidates) {
    let score = 0;
    for (const p of points) if (covers(c, p, 2)) score += 1;
    for (const p of focus) if (covers(c, p, 6)) score += FOCUS_WEIGHT;
    if (score < bestScore) [best, bestScore] = [c, score];
  }
  return best;
}
