/**
 * The flow field under the simplex trajectories: every lattice point's one-step speed as a dense
 * colour field, and short arrows (direction only) on a coarser sub-lattice, coloured by speed.
 */
import { ink, resolveInk } from './ink';
import * as d3 from 'd3';
import type { MemberSolver } from '../core/solvers';
import type { FlowField } from '../experiment/views/flowField';
import { simplexFrame, traceSimplex } from './simplexFrame';
import { useCanvas } from './useCanvas';

export interface FlowFieldLayerProps {
  field: FlowField<MemberSolver>;
  /** The solver's display name (for the accessible label). */
  solverName: string;
  size?: number;
  /** Draw an arrow at every `stride`-th lattice row and column. */
  stride?: number;
}

export function speedScale(speed: Float64Array): d3.ScaleSequential<string> {
  const positive = Array.from(speed).filter((v) => v > 0);
  const lo = positive.length ? Math.max(d3.min(positive)!, 1e-12) : 1e-6;
  const hi = positive.length ? Math.max(d3.max(positive)!, lo * 10) : 1;
  return d3.scaleSequentialLog(d3.interpolateViridis).domain([lo, hi]).clamp(true);
}

export function FlowFieldLayer({ field, solverName, size = 320, stride = 4 }: FlowFieldLayerProps) {
  const frame = simplexFrame(size);
  const color = speedScale(field.speed);
  const { lattice, delta, speed } = field;
  const n = lattice.n;
  const spacing = (size - 2 * frame.pad) / n;
  const ref = useCanvas(
    frame.width,
    frame.height,
    (ctx) => {
      ctx.fillStyle = resolveInk(ctx.canvas, ink('simplexFill'));
      traceSimplex(ctx, frame);
      ctx.fill();
      ctx.globalAlpha = 0.35;
      for (let p = 0; p < lattice.count; p++) {
        const [x, y] = frame.at(lattice.points.subarray(3 * p, 3 * p + 3));
        ctx.fillStyle = color(speed[p]!);
        ctx.fillRect(x - spacing * 0.6, y - spacing * 0.6, spacing * 1.2, spacing * 1.2);
      }
      ctx.globalAlpha = 1;
      const length = spacing * stride * 0.8;
      for (let p = 0; p < lattice.count; p++) {
        const i = Math.round(lattice.points[3 * p]! * n);
        const j = Math.round(lattice.points[3 * p + 1]! * n);
        if (i % stride !== 2 || j % stride !== 2) continue;
        const x0 = frame.at(lattice.points.subarray(3 * p, 3 * p + 3));
        const moved = [0, 1, 2].map((k) => lattice.points[3 * p + k]! + delta[3 * p + k]!);
        const x1 = frame.at(moved);
        const dx = x1[0] - x0[0];
        const dy = x1[1] - x0[1];
        const norm = Math.hypot(dx, dy);
        if (!(norm > 0)) continue;
        const ux = dx / norm;
        const uy = dy / norm;
        const tip: [number, number] = [x0[0] + ux * length, x0[1] + uy * length];
        ctx.strokeStyle = d3.color(color(speed[p]!))!.darker(0.8).formatHex();
        ctx.lineWidth = 1;
        ctx.beginPath();
        ctx.moveTo(x0[0], x0[1]);
        ctx.lineTo(tip[0], tip[1]);
        ctx.lineTo(tip[0] - ux * 3 - uy * 2, tip[1] - uy * 3 + ux * 2);
        ctx.moveTo(tip[0], tip[1]);
        ctx.lineTo(tip[0] - ux * 3 + uy * 2, tip[1] - uy * 3 - ux * 2);
        ctx.stroke();
      }
    },
    [field, size, stride],
  );
  const [lo, hi] = color.domain();
  return (
    <canvas
      ref={ref}
      className="field-layer"
      role="img"
      aria-label={`Flow field of ${solverName}: one-step update direction at ${lattice.count.toLocaleString('en-US')} points of the simplex, coloured by speed ‖π₁ − π₀‖₁ from ${lo!.toExponential(1)} to ${hi!.toExponential(1)}`}
      style={{ width: '100%', aspectRatio: `${frame.width} / ${frame.height}` }}
    />
  );
}
