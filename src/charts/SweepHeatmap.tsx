/**
 * One solver's sweep map: a 32 × 32 grid over log-spaced (η, β), coloured by final KL or by the
 * iterations to reach ε. Hatched grey: settings the solver refuses. A click picks a cell.
 */
import * as d3 from 'd3';
import type { MouseEvent } from 'react';
import type { SweepMap } from '../experiment/views/sweep';
import { NEVER_COLOR } from './BasinMap';
import { useCanvas } from './useCanvas';

const INVALID_COLOR = '#e4e4e4';
const MARGIN = { left: 34, bottom: 26, top: 4, right: 10 };

export function sweepColor(metric: 'finalKL' | 'hits', steps: number): d3.ScaleSequential<string> {
  return metric === 'hits'
    ? d3
        .scaleSequentialLog(d3.interpolateViridis)
        .domain([1, Math.max(10, steps)])
        .clamp(true)
    : d3.scaleSequentialLog(d3.interpolateMagma).domain([1e-16, 1]).clamp(true);
}

export function SweepHeatmap({
  map,
  title,
  metric,
  color,
  current,
  onPick,
  size = 210,
}: {
  map: SweepMap;
  title: string;
  metric: 'finalKL' | 'hits';
  color: d3.ScaleSequential<string>;
  /** The race's (η, β), marked on the map when inside it. */
  current: { eta: number | null; beta: number };
  onPick?: (eta: number, beta: number) => void;
  size?: number;
}) {
  const { etas, betas } = map.axes;
  const nx = etas.length;
  const ny = betas.length;
  const plotW = size - MARGIN.left - MARGIN.right;
  const plotH = size - MARGIN.top - MARGIN.bottom;
  const cw = plotW / nx;
  const ch = plotH / ny;
  // Cells are centred on their log-spaced values; the axes span the cell edges.
  const half = (v: number[]) => Math.log10(v[1]! / v[0]!) / 2;
  const x = d3
    .scaleLog()
    .domain([etas[0]! / 10 ** half(etas), etas[nx - 1]! * 10 ** half(etas)])
    .range([MARGIN.left, MARGIN.left + plotW]);
  const y = d3
    .scaleLog()
    .domain([betas[0]! / 10 ** half(betas), betas[ny - 1]! * 10 ** half(betas)])
    .range([MARGIN.top + plotH, MARGIN.top]);
  const ref = useCanvas(
    size,
    size,
    (ctx) => {
      for (let bi = 0; bi < ny; bi++) {
        for (let ei = 0; ei < nx; ei++) {
          const c = bi * nx + ei;
          const h = map.hits[c]!;
          const v = metric === 'hits' ? h : map.finalKL[c]!;
          ctx.fillStyle =
            h === -2
              ? INVALID_COLOR
              : metric === 'hits'
                ? v < 0
                  ? NEVER_COLOR
                  : color(Math.max(1, v))
                : color(Math.max(1e-16, v));
          ctx.fillRect(MARGIN.left + ei * cw, MARGIN.top + (ny - 1 - bi) * ch, cw + 0.5, ch + 0.5);
        }
      }
      ctx.strokeStyle = '#555';
      ctx.strokeRect(MARGIN.left, MARGIN.top, plotW, plotH);
      ctx.fillStyle = '#333';
      ctx.font = '10px system-ui, sans-serif';
      ctx.textAlign = 'center';
      for (const e of [-2, -1, 0, 1]) ctx.fillText(`10${sup(e)}`, x(10 ** e), size - 14);
      ctx.fillText('η', MARGIN.left + plotW / 2, size - 2);
      ctx.textAlign = 'right';
      for (const b of [-3, -2, -1, 0]) ctx.fillText(`10${sup(b)}`, MARGIN.left - 3, y(10 ** b) + 3);
      ctx.save();
      ctx.translate(9, MARGIN.top + plotH / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.textAlign = 'center';
      ctx.fillText('β', 0, 0);
      ctx.restore();
      const { eta, beta } = current;
      if (eta !== null && eta >= x.domain()[0]! && eta <= x.domain()[1]! && beta > 0) {
        if (beta >= y.domain()[0]! && beta <= y.domain()[1]!) {
          ctx.strokeStyle = '#fff';
          ctx.lineWidth = 2;
          ctx.beginPath();
          ctx.arc(x(eta), y(beta), 5, 0, 2 * Math.PI);
          ctx.stroke();
          ctx.strokeStyle = '#000';
          ctx.lineWidth = 1;
          ctx.stroke();
        }
      }
    },
    [map, metric, color, current.eta, current.beta],
  );
  const pick = (event: MouseEvent<HTMLCanvasElement>): void => {
    if (!onPick) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const px = ((event.clientX - rect.left) / rect.width) * size;
    const py = ((event.clientY - rect.top) / rect.height) * size;
    const ei = Math.floor((px - MARGIN.left) / cw);
    const bi = ny - 1 - Math.floor((py - MARGIN.top) / ch);
    if (ei < 0 || ei >= nx || bi < 0 || bi >= ny) return;
    if (map.hits[bi * nx + ei] === -2) return; // a refused setting cannot be picked
    onPick(etas[ei]!, betas[bi]!);
  };
  return (
    <div className="small-multiple">
      <div className="small-title">{title}</div>
      <canvas
        ref={ref}
        onClick={pick}
        className={onPick ? 'clickable' : undefined}
        style={{ width: '100%', aspectRatio: '1 / 1' }}
      />
    </div>
  );
}

function sup(e: number): string {
  const digits = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  return (e < 0 ? '⁻' : '') + String(Math.abs(e)).replace(/\d/g, (d) => digits[Number(d)]!);
}
