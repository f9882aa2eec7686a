/**
 * Policy trajectories on the simplex for K = 3 (a ternary plot). Vertex i sits at CORNERS[i];
 * a policy p is drawn at Σ p_i·CORNERS[i]. A click inside the triangle proposes a new start.
 */
import type { MouseEvent, ReactNode } from 'react';
import { simplexFrame } from './simplexFrame';

export interface SimplexTrace {
  id: string;
  name: string;
  color: string;
  dash: string;
  /** [t][3] probabilities. */
  policies: Float64Array;
}

export interface SimplexProps {
  labels: [string, string, string];
  traces: SimplexTrace[];
  cursor: number;
  equilibrium: Float64Array;
  nash: Float64Array;
  start: Float64Array;
  onPickStart?: (p: [number, number, number]) => void;
  size?: number;
  /** Drawn under the trajectories (the flow field's canvas), in the same frame (simplexFrame). */
  underlay?: ReactNode;
  /** The iteration of each policy row (default: the row index). */
  times?: Float64Array;
  /** Whose trajectories these are, when that needs saying (e.g. "seed 7 (first of 256)"). */
  note?: string;
}

const MAX_POINTS = 800;

export function Simplex({
  labels,
  traces,
  cursor,
  equilibrium,
  nash,
  start,
  onPickStart,
  size = 320,
  underlay,
  times,
  note,
}: SimplexProps) {
  const { pad, corners, at } = simplexFrame(size);

  const pick = (event: MouseEvent<SVGSVGElement>): void => {
    if (!onPickStart) return;
    const svg = event.currentTarget;
    const rect = svg.getBoundingClientRect();
    const px = ((event.clientX - rect.left) / rect.width) * size;
    const py = ((event.clientY - rect.top) / rect.height) * (size - 2 * pad + pad);
    // Barycentric coordinates of (px, py) in the triangle.
    const [[x0, y0], [x1, y1], [x2, y2]] = corners;
    const det = (y1 - y2) * (x0 - x2) + (x2 - x1) * (y0 - y2);
    const a = ((y1 - y2) * (px - x2) + (x2 - x1) * (py - y2)) / det;
    const b = ((y2 - y0) * (px - x2) + (x0 - x2) * (py - y2)) / det;
    const c = 1 - a - b;
    if (a <= 0.001 || b <= 0.001 || c <= 0.001) return;
    onPickStart([a, b, c]);
  };

  const label = `Simplex: policy trajectories of ${traces.map((t) => t.name).join(', ')}${note ? `, ${note}` : ''} over ${labels.join(', ')}; π*_β at (${Array.from(equilibrium, (v) => v.toFixed(3)).join(', ')})`;
  return (
    <figure className="chart">
      <figcaption>{note ? `Simplex — ${note}` : 'Simplex'}</figcaption>
      <div className="simplex-stack">
        {underlay}
        <svg
          role="img"
          aria-label={label}
          viewBox={`0 0 ${size} ${size - pad}`}
          width="100%"
          onClick={pick}
          className={onPickStart ? 'clickable' : undefined}
        >
          <polygon
            points={corners.map((c) => c.join(',')).join(' ')}
            fill={underlay ? 'none' : '#fafafa'}
            stroke="#888"
          />
          {labels.map((l, i) => (
            <text
              key={l}
              x={corners[i]![0]}
              y={corners[i]![1] + (i === 0 ? -8 : 18)}
              textAnchor={i === 0 ? 'middle' : i === 1 ? 'start' : 'end'}
              className="vertex"
            >
              {l}
            </text>
          ))}
          {traces.map((t) => {
            const last = Math.min(cursor, t.policies.length / 3 - 1);
            const stride = Math.max(1, Math.ceil(last / MAX_POINTS));
            const pts: string[] = [];
            for (let s = 0; s <= last; s += stride)
              pts.push(
                at(t.policies.subarray(3 * s, 3 * s + 3))
                  .map((v) => v.toFixed(2))
                  .join(','),
              );
            const end = at(t.policies.subarray(3 * last, 3 * last + 3));
            return (
              <g key={t.id} data-solver={t.id}>
                <polyline
                  points={pts.join(' ')}
                  fill="none"
                  stroke={t.color}
                  strokeWidth={1.5}
                  strokeDasharray={t.dash || undefined}
                />
                <circle cx={end[0]} cy={end[1]} r={3.5} fill={t.color}>
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
            stroke="#333"
            strokeWidth={1.5}
          >
            <title>start π₀</title>
          </rect>
          <circle
            cx={at(nash)[0]}
            cy={at(nash)[1]}
            r={5}
            fill="none"
            stroke="#333"
            strokeWidth={1.5}
          >
            <title>β = 0 equilibrium</title>
          </circle>
          <circle cx={at(equilibrium)[0]} cy={at(equilibrium)[1]} r={4} fill="#333">
            <title>π*_β</title>
          </circle>
        </svg>
      </div>
    </figure>
  );
}
