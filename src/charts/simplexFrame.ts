/**
 * The ternary plot's frame, shared by the SVG simplex and the canvases drawn under or beside it:
 * vertex i sits at corners[i], a policy p at Σ p_i·corners[i]; the frame is size × (size − pad).
 */
export type Point = [number, number];

export interface SimplexFrame {
  size: number;
  pad: number;
  width: number;
  height: number;
  corners: [Point, Point, Point];
  at(p: ArrayLike<number>): Point;
}

/** Room around the triangle for the vertex labels. */
export const SIMPLEX_PAD = 28;

export function simplexFrame(size: number, pad = SIMPLEX_PAD): SimplexFrame {
  const side = size - 2 * pad;
  const h = (side * Math.sqrt(3)) / 2;
  const corners: [Point, Point, Point] = [
    [size / 2, pad],
    [pad, pad + h],
    [size - pad, pad + h],
  ];
  return {
    size,
    pad,
    width: size,
    height: size - pad,
    corners,
    at: (p) => [
      p[0]! * corners[0][0] + p[1]! * corners[1][0] + p[2]! * corners[2][0],
      p[0]! * corners[0][1] + p[1]! * corners[1][1] + p[2]! * corners[2][1],
    ],
  };
}

/** The frame's triangle as the current path of a canvas (to fill or stroke). */
export function traceSimplex(ctx: CanvasRenderingContext2D, frame: SimplexFrame): void {
  ctx.beginPath();
  frame.corners.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
  ctx.closePath();
}
