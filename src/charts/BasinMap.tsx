/**
 * One solver's basin map: each start of the simplex lattice coloured by the iterations after which
 * KL(π*_β ‖ π_t) stays ≤ ε (log colour scale); grey where KL is not within ε at the end of the
 * budget.
 */
import { ink, resolveInk } from './ink';
import * as d3 from 'd3';
import type { MemberSolver } from '../core/solvers';
import type { BasinMap } from '../experiment/views/basins';

/** A basin map of any solver (a registry one or a custom rule). */
type BasinData = BasinMap<MemberSolver>;
import { simplexFrame, traceSimplex } from './simplexFrame';
import { useCanvas } from './useCanvas';

export const NEVER_COLOR = ink('never');

/** Log colours over the iterations the maps actually show (so a narrow range still reads). */
export function iterationScale(
  maps: readonly BasinData[],
  maxSteps: number,
): d3.ScaleSequential<string> {
  let lo = Infinity;
  let hi = 0;
  for (const m of maps)
    for (const h of m.hits) {
      if (h < 0) continue;
      lo = Math.min(lo, Math.max(1, h));
      hi = Math.max(hi, h);
    }
  if (!(hi > 0)) [lo, hi] = [1, Math.max(2, maxSteps)];
  // Widen a narrow range, but never past the budget: no hit can be later than it.
  if (hi < lo * 2) [lo, hi] = [Math.max(1, lo / 1.5), Math.min(hi * 1.5, Math.max(hi, maxSteps))];
  if (hi <= lo) lo = Math.max(1, hi / 2);
  return d3.scaleSequentialLog(d3.interpolateViridis).domain([lo, hi]).clamp(true);
}

export function BasinMap({
  data,
  title,
  color,
  size = 200,
}: {
  data: BasinData;
  title: string;
  color: d3.ScaleSequential<string>;
  size?: number;
}) {
  const frame = simplexFrame(size, 14);
  const { lattice, hits } = data;
  const spacing = (size - 2 * frame.pad) / lattice.n;
  const ref = useCanvas(
    frame.width,
    frame.height,
    (ctx) => {
      const never = resolveInk(ctx.canvas, NEVER_COLOR);
      for (let p = 0; p < lattice.count; p++) {
        const [x, y] = frame.at(lattice.points.subarray(3 * p, 3 * p + 3));
        const h = hits[p]!;
        ctx.fillStyle = h < 0 ? never : color(Math.max(1, h));
        ctx.fillRect(x - spacing * 0.62, y - spacing * 0.62, spacing * 1.24, spacing * 1.24);
      }
      ctx.strokeStyle = resolveInk(ctx.canvas, ink('axis'));
      traceSimplex(ctx, frame);
      ctx.stroke();
    },
    [data, color],
  );
  return (
    <div className="small-multiple">
      <div className="small-title">{title}</div>
      <canvas
        ref={ref}
        style={{ width: '100%', aspectRatio: `${frame.width} / ${frame.height}` }}
      />
    </div>
  );
}

/** Median, worst and the share that stays within ε: the numbers the accessible label reads out. */
export function basinSummary(hits: Int32Array): { median: number; worst: number; reached: number } {
  const reached = Array.from(hits)
    .filter((h) => h >= 0)
    .sort((a, b) => a - b);
  return {
    median: reached.length ? d3.quantileSorted(reached, 0.5)! : NaN,
    worst: reached.length ? reached[reached.length - 1]! : NaN,
    reached: reached.length / hits.length,
  };
}
