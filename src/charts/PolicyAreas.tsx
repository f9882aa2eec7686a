/**
 * One solver's policy over time as stacked areas: every action's probability, for any K.
 * d3 stacks and shapes; React renders.
 */
import { area, scaleLinear, stack } from 'd3';
import { useContext, useMemo } from 'react';
import { ACTION_COLORS, actionColor } from './actionColors';
import { tickAnchor } from './axisText';
import { plotSize, plotStyle } from './plotSize';
import { useElementSize } from './useElementSize';
import { CaptionExtra } from './captionExtra';
import { ink } from './ink';

export interface PolicyAreasProps {
  solverName: string;
  actions: string[];
  /** [t][K] probabilities. */
  policies: Float64Array;
  /** The iteration of each row (default: the row index); `cursor` indexes rows. */
  times?: Float64Array;
  cursor: number;
  /** Size in px; a width left out fills the container. */
  width?: number;
  height?: number;
  /** Drawn this many times larger (present mode). */
  zoom?: number;
}

const MARGIN = { top: 10, right: 10, bottom: 30, left: 40 };
const MAX_POINTS = 400;

/**
 * Layers drawn at most: one per palette colour. A bigger game (1,024 actions) stacks the
 * MAX_LAYERS − 1 actions with the most mass over the whole run and one layer of all the others:
 * a thousand layers a pixel thin, with a thousand legend entries, read as noise and redrew each
 * frame of playback.
 */
export const MAX_LAYERS = ACTION_COLORS.length;
export const OTHERS_COLOR = ink('others');

/** The actions drawn as their own layers, most mass (summed over every row) first; all if K ≤ MAX_LAYERS. */
export function layeredActions(policies: Float64Array, K: number): number[] {
  if (K <= MAX_LAYERS) return Array.from({ length: K }, (_, i) => i);
  const mass = new Float64Array(K);
  for (let r = 0; r < policies.length; r += K)
    for (let i = 0; i < K; i++) mass[i]! += policies[r + i]!;
  return Array.from({ length: K }, (_, i) => i)
    .sort((a, b) => mass[b]! - mass[a]! || a - b)
    .slice(0, MAX_LAYERS - 1);
}

export function PolicyAreas({
  solverName,
  actions,
  policies,
  times,
  cursor,
  width: fixedWidth,
  height: fixedHeight = 230,
  zoom = 1,
}: PolicyAreasProps) {
  const extra = useContext(CaptionExtra);
  const [plotRef, measured] = useElementSize<HTMLDivElement>(
    { width: 360, height: fixedHeight },
    fixedWidth === undefined,
  );
  const px = { width: fixedWidth ?? measured.width, height: fixedHeight };
  const { width, height } = plotSize(px, zoom, { width: 200, height: 120 });
  const K = actions.length;
  const T = policies.length / K - 1;
  const innerW = width - MARGIN.left - MARGIN.right;
  const innerH = height - MARGIN.top - MARGIN.bottom;
  const last = Math.min(cursor, T);
  const iter = (row: number): number => (times ? times[row]! : row);
  const stride = Math.max(1, Math.ceil(last / MAX_POINTS));
  const ts: number[] = [];
  for (let t = 0; t <= last; t += stride) ts.push(t);
  if (ts[ts.length - 1] !== last) ts.push(last);
  // Chosen once per run (not per frame), so the layers stay put while the race plays.
  const shown = useMemo(() => layeredActions(policies, K), [policies, K]);
  const grouped = shown.length < K;
  const othersCount = K - shown.length;
  const others = (t: number): number => {
    let rest = 1;
    for (const i of shown) rest -= policies[t * K + i]!;
    return Math.max(0, rest);
  };
  const keys = [...shown.map(String), ...(grouped ? ['others'] : [])];
  const rows = ts.map((t) => {
    const row: Record<string, number> = { t: iter(t) };
    for (const i of shown) row[String(i)] = policies[t * K + i]!;
    if (grouped) row.others = others(t);
    return row;
  });
  const layers = stack<Record<string, number>>().keys(keys)(rows);
  const colorOf = (layer: number): string =>
    layer < shown.length ? actionColor(grouped ? layer : shown[layer]!) : OTHERS_COLOR;
  const nameOf = (layer: number): string =>
    layer < shown.length
      ? actions[shown[layer]!]!
      : `${othersCount.toLocaleString('en-US')} other actions`;
  const shareOf = (layer: number): number =>
    layer < shown.length ? policies[last * K + shown[layer]!]! : others(last);
  const x = scaleLinear()
    .domain([0, Math.max(1, iter(T))])
    .range([0, innerW]);
  const y = scaleLinear().domain([0, 1]).range([innerH, 0]);
  const shape = area<[number, number] & { data: Record<string, number> }>()
    .x((d) => x(d.data.t!))
    .y0((d) => y(d[0]))
    .y1((d) => y(d[1]));
  const final = keys.map((_, l) => `${nameOf(l)} ${(shareOf(l) * 100).toFixed(1)}%`).join(', ');
  return (
    <figure className="chart">
      <figcaption>
        Policy over time — {solverName}
        {extra}
      </figcaption>
      <div className="plot" ref={plotRef} style={plotStyle(fixedWidth, fixedHeight)}>
        <svg
          role="img"
          aria-label={`Policy over time: ${solverName} at iteration ${iter(last)}: ${final}`}
          viewBox={`0 0 ${width} ${height}`}
          width={px.width}
          height={px.height}
        >
          <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
            {layers.map((layer, l) => (
              <path
                key={layer.key}
                d={shape(layer as never) ?? ''}
                fill={colorOf(l)}
                fillOpacity={0.85}
              >
                <title>{`${nameOf(l)}: ${(shareOf(l) * 100).toFixed(1)}% at iteration ${iter(last)}`}</title>
              </path>
            ))}
            {[0, 0.5, 1].map((v) => (
              <text key={v} x={-6} y={y(v)} dy="0.32em" textAnchor="end">
                {v}
              </text>
            ))}
            {x.ticks(5).map((v) => (
              <text
                key={v}
                x={x(v)}
                y={innerH + 16}
                textAnchor={tickAnchor(String(v), x(v), innerW, MARGIN.right)}
              >
                {v}
              </text>
            ))}
          </g>
        </svg>
      </div>
      <ul className="legend small">
        {keys.map((key, l) => (
          <li key={key}>
            <svg width="12" height="10" aria-hidden="true">
              <rect width="12" height="10" fill={colorOf(l)} />
            </svg>
            {nameOf(l)}
          </li>
        ))}
      </ul>
    </figure>
  );
}
