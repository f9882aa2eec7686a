/**
 * Policy trajectories on the simplex for K = 3 (a ternary plot). Vertex i sits at CORNERS[i];
 * a policy p is drawn at Σ p_i·CORNERS[i]. A click inside the triangle proposes a new start;
 * hovering reads out the policy under the pointer, or the trajectory point nearest to it.
 * Without an explicit size the triangle is as large as its container allows.
 */
import { ink } from './ink';
import { SimplexOutline } from './SimplexOutline';
import { useContext, useMemo, useState, type MouseEvent, type ReactNode } from 'react';
import { CHAR_WIDTH } from './axisText';
import { plotStyle } from './plotSize';
import { simplexFrame, SIMPLEX_PAD } from './simplexFrame';
import { useElementSize } from './useElementSize';
import { CaptionExtra } from './captionExtra';

export interface SimplexTrace {
  id: string;
  name: string;
  color: string;
  dash: string;
  /** [t][3] probabilities. */
  policies: Float64Array;
  /** Faded and not read out: another solver is isolated in the legend. */
  muted?: boolean;
}

export interface SimplexProps {
  labels: [string, string, string];
  traces: SimplexTrace[];
  cursor: number;
  equilibrium: Float64Array;
  nash: Float64Array;
  start: Float64Array;
  onPickStart?: (p: [number, number, number]) => void;
  /** The frame's size (simplexFrame); left out: the largest the container holds. */
  size?: number;
  /** Drawn this many times larger (present mode), text and lines with it. */
  zoom?: number;
  /** Draw each whole trajectory faintly, ahead of the cursor too. */
  ghost?: boolean;
  /**
   * Drawn under the trajectories (the flow field's canvas), in the same frame (simplexFrame):
   * a node, or a function of the frame's size.
   */
  underlay?: ReactNode | ((size: number) => ReactNode);
  /** The iteration of each policy row (default: the row index). */
  times?: Float64Array;
  /** Whose trajectories these are, when that needs saying (e.g. "seed 7 (first of 256)"). */
  note?: string;
  /** The name of `equilibrium` (π*₀ at β = 0). */
  equilibriumName?: string;
}

const MAX_POINTS = 400;
const DEFAULT_SIZE = 320;
/** Smaller frames scale the drawing down instead (the vertex labels need the room). */
const MIN_SIZE = 200;
const GHOST_OPACITY = 0.25;
const MUTED_OPACITY = 0.12;
/** A trajectory point this close to the pointer (px, in the viewBox) is the one read out. */
const NEAR_PX = 8;

type Barycentric = [number, number, number];

interface Hover {
  /** The pointer's policy. */
  at: Barycentric;
  /** The nearest trajectory point within NEAR_PX, if any. */
  near: { trace: SimplexTrace; row: number } | null;
  /** The pointer's x in the viewBox (the readout goes to the other side). */
  px: number;
}

export function Simplex({
  labels,
  traces,
  cursor,
  equilibrium,
  nash,
  start,
  onPickStart,
  size: fixed,
  zoom = 1,
  ghost = false,
  underlay,
  times,
  note,
  equilibriumName = 'π*_β',
}: SimplexProps) {
  const extra = useContext(CaptionExtra);
  const [plotRef, box] = useElementSize<HTMLDivElement>(
    { width: DEFAULT_SIZE, height: DEFAULT_SIZE - SIMPLEX_PAD },
    fixed === undefined,
  );
  // The largest frame (size × (size − pad)) that fits the box, in the chart's own coordinates.
  const size =
    fixed ?? Math.max(MIN_SIZE, Math.min(box.width / zoom, box.height / zoom + SIMPLEX_PAD));
  const frame = simplexFrame(size);
  const { pad, corners, at } = frame;
  // A box lower than the smallest frame scales the chart down, so no vertex label is cut.
  const scale =
    fixed === undefined
      ? Math.min(zoom, box.width / size, box.height > 0 ? box.height / (size - pad) : zoom)
      : 1;
  const pxWidth = size * scale;
  const pxHeight = (size - pad) * scale;
  const [hover, setHover] = useState<Hover | null>(null);

  /** The pointer in viewBox coordinates and as barycentric coordinates (null outside). */
  const locate = (
    event: MouseEvent<SVGSVGElement>,
  ): { px: number; py: number; p: Barycentric } | null => {
    const rect = event.currentTarget.getBoundingClientRect();
    if (!(rect.width > 0 && rect.height > 0)) return null;
    const px = ((event.clientX - rect.left) / rect.width) * size;
    const py = ((event.clientY - rect.top) / rect.height) * (size - pad);
    const [[x0, y0], [x1, y1], [x2, y2]] = corners;
    const det = (y1 - y2) * (x0 - x2) + (x2 - x1) * (y0 - y2);
    const a = ((y1 - y2) * (px - x2) + (x2 - x1) * (py - y2)) / det;
    const b = ((y2 - y0) * (px - x2) + (x0 - x2) * (py - y2)) / det;
    const c = 1 - a - b;
    if (a <= 0.001 || b <= 0.001 || c <= 0.001) return null;
    return { px, py, p: [a, b, c] };
  };
  const pick = (event: MouseEvent<SVGSVGElement>): void => {
    const where = onPickStart && locate(event);
    if (where) onPickStart!(where.p);
  };
  const move = (event: MouseEvent<SVGSVGElement>): void => {
    const where = locate(event);
    if (!where) return setHover(null);
    let near: Hover['near'] = null;
    let best = NEAR_PX;
    for (const trace of traces) {
      if (trace.muted) continue;
      const last = Math.min(cursor, trace.policies.length / 3 - 1);
      for (let row = 0; row <= last; row++) {
        const [qx, qy] = at(trace.policies.subarray(3 * row, 3 * row + 3));
        const d = Math.hypot(qx - where.px, qy - where.py);
        if (d < best) [best, near] = [d, { trace, row }];
      }
    }
    setHover({ at: where.p, near, px: where.px });
  };

  const visible = traces.filter((t) => !t.muted);
  const label = `Simplex: policy trajectories of ${visible.map((t) => t.name).join(', ')}${note ? `, ${note}` : ''} over ${labels.join(', ')}; ${equilibriumName} at (${Array.from(equilibrium, (v) => v.toFixed(3)).join(', ')})`;
  /** The polyline points of rows 0 … last (at most MAX_POINTS of them). */
  const pointsOf = (t: SimplexTrace, last: number): string => {
    const stride = Math.max(1, Math.ceil(last / MAX_POINTS));
    const pts: string[] = [];
    for (let s = 0; s <= last; s += stride)
      pts.push(
        at(t.policies.subarray(3 * s, 3 * s + 3))
          .map((v) => v.toFixed(2))
          .join(','),
      );
    if (last % stride !== 0)
      pts.push(
        at(t.policies.subarray(3 * last, 3 * last + 3))
          .map((v) => v.toFixed(2))
          .join(','),
      );
    return pts.join(' ');
  };
  // The whole trajectories, built once per race and size, not on every frame of playback.
  const wholePoints = useMemo(
    () => (ghost ? traces.map((t) => pointsOf(t, t.policies.length / 3 - 1)) : []),
    // pointsOf reads only the traces and the frame's size
    [ghost, traces, size],
  );
  const layer = typeof underlay === 'function' ? underlay(size) : underlay;
  return (
    <figure className="chart">
      <figcaption>
        {note ? `Simplex — ${note}` : 'Simplex'}
        {extra}
      </figcaption>
      <div
        className="plot simplex-plot"
        ref={plotRef}
        style={plotStyle(fixed, fixed && fixed - pad)}
      >
        <div
          className="simplex-stack"
          style={{
            width: pxWidth,
            height: pxHeight,
            left: fixed === undefined ? Math.max(0, (box.width - pxWidth) / 2) : 0,
            top: fixed === undefined ? Math.max(0, (box.height - pxHeight) / 2) : 0,
          }}
        >
          {layer}
          <svg
            role="img"
            aria-label={label}
            viewBox={`0 0 ${size} ${size - pad}`}
            width={pxWidth}
            height={pxHeight}
            onClick={pick}
            onMouseMove={move}
            onMouseLeave={() => setHover(null)}
            className={onPickStart ? 'clickable' : undefined}
          >
            <SimplexOutline frame={frame} labels={labels} filled={!layer} />
            {ghost &&
              traces.map((t, i) => {
                const rows = t.policies.length / 3 - 1;
                if (cursor >= rows) return null;
                return (
                  <polyline
                    key={`ghost-${t.id}`}
                    points={wholePoints[i]}
                    fill="none"
                    stroke={t.color}
                    strokeWidth={2}
                    strokeOpacity={t.muted ? MUTED_OPACITY / 2 : GHOST_OPACITY}
                    strokeDasharray={t.dash || undefined}
                    data-ghost={t.id}
                    {...(t.muted ? { 'data-muted': '' } : {})}
                  />
                );
              })}
            {traces.map((t) => {
              const last = Math.min(cursor, t.policies.length / 3 - 1);
              const end = at(t.policies.subarray(3 * last, 3 * last + 3));
              return (
                <g
                  key={t.id}
                  data-solver={t.id}
                  {...(t.muted ? { opacity: MUTED_OPACITY, 'data-muted': '' } : {})}
                >
                  <polyline
                    points={pointsOf(t, last)}
                    fill="none"
                    stroke={t.color}
                    strokeWidth={2}
                    strokeDasharray={t.dash || undefined}
                  />
                  <circle cx={end[0]} cy={end[1]} r={4} fill={t.color}>
                    <title>{`${t.name}, iteration ${times ? times[last] : last}: (${Array.from(t.policies.subarray(3 * last, 3 * last + 3), (v) => v.toFixed(3)).join(', ')})`}</title>
                  </circle>
                </g>
              );
            })}
            <rect
              x={at(start)[0] - 4}
              y={at(start)[1] - 4}
              width={8}
              height={8}
              fill="none"
              stroke={ink('marker')}
              strokeWidth={1.5}
              className="marker"
            >
              <title>start π₀</title>
            </rect>
            <circle
              cx={at(nash)[0]}
              cy={at(nash)[1]}
              r={5}
              fill="none"
              stroke={ink('marker')}
              strokeWidth={1.5}
              className="marker"
            >
              <title>β = 0 equilibrium</title>
            </circle>
            <circle
              cx={at(equilibrium)[0]}
              cy={at(equilibrium)[1]}
              r={4}
              fill={ink('marker')}
              className="marker filled"
            >
              <title>{equilibriumName}</title>
            </circle>
            {hover && (
              <SimplexReadout
                hover={hover}
                labels={labels}
                times={times}
                width={size}
                at={at}
                {...(onPickStart ? { clickHint: true } : {})}
              />
            )}
          </svg>
        </div>
      </div>
    </figure>
  );
}

/**
 * The hover readout: the policy of the nearest trajectory point (solver and iteration) or of the
 * pointer, in dark text on white, in the top corner away from the pointer (outside the triangle).
 */
function SimplexReadout({
  hover,
  labels,
  times,
  width,
  at,
  clickHint = false,
}: {
  hover: Hover;
  labels: [string, string, string];
  times: Float64Array | undefined;
  width: number;
  at: (p: ArrayLike<number>) => [number, number];
  clickHint?: boolean;
}) {
  const { near } = hover;
  const policy = near ? near.trace.policies.subarray(3 * near.row, 3 * near.row + 3) : hover.at;
  // Short lines keep the box in the corner, clear of the triangle's edges.
  const lines = [
    ...(near
      ? [short(near.trace.name), `iteration ${times ? times[near.row] : near.row}`]
      : ['at the pointer']),
    ...labels.map((l, i) => `${short(l)} ${(policy[i]! * 100).toFixed(1)}%`),
    ...(clickHint && !near ? ['click: start here'] : []),
  ];
  const w = Math.ceil(Math.max(...lines.map((l) => l.length)) * CHAR_WIDTH) + 12;
  const h = 8 + 14 * lines.length;
  const x = hover.px > width / 2 ? 2 : width - w - 2;
  const marker = near ? at(policy) : null;
  return (
    <g className="readout" pointerEvents="none">
      {marker && (
        <circle
          cx={marker[0]}
          cy={marker[1]}
          r={5}
          fill="none"
          stroke={near!.trace.color}
          strokeWidth={2}
        />
      )}
      <rect
        x={x}
        y={2}
        width={w}
        height={h}
        rx={3}
        fill={ink('readoutBackground')}
        fillOpacity={0.96}
        stroke={ink('readoutBorder')}
      />
      {lines.map((line, k) => (
        <text key={k} x={x + 6} y={16 + 14 * k} fill={ink('readoutText')}>
          {line}
        </text>
      ))}
    </g>
  );
}

/** At most 16 characters (action names may have 64). */
function short(text: string): string {
  return text.length > 16 ? `${text.slice(0, 15)}…` : text;
}
