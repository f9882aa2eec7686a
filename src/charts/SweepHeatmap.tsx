/**
 * One solver's sweep map: a 32 × 32 grid over log-spaced (η, β) and a β = 0 row set apart below
 * it (labelled "0"), coloured by final KL or by the iterations after which KL stays ≤ ε. Hatched:
 * settings the solver refuses; solid grey: not within the budget. A click picks a cell; hovering
 * reads it out under the map.
 */
import { ink, resolveInk } from './ink';
import * as d3 from 'd3';
import { useState, type MouseEvent } from 'react';
import type { SweepMap as AnySweepMap } from '../experiment/views/sweep';
import type { ViewSubject } from '../experiment/views/subject';

/** A sweep map of any solver (a registry one or a custom rule). */
type SweepMap = AnySweepMap<ViewSubject>;
import { NEVER_COLOR } from './BasinMap';
import { formatValue } from './LogLineChart';
import { useCanvas } from './useCanvas';

/** Refused settings: white with diagonal grey stripes, unlike any colour of either scale. */
export const REFUSED_SWATCH = { color: ink('refused'), hatch: ink('refusedHatch') } as const;
const MARGIN = { left: 34, bottom: 26, top: 4, right: 10 };
/** Space between the log-spaced rows and the β = 0 row. */
const ZERO_GAP = 5;

/** β as the map and its readout write it. */
export function betaText(beta: number): string {
  return beta === 0 ? '0 (unregularized)' : beta.toPrecision(2);
}

export function sweepColor(metric: 'finalKL' | 'hits', steps: number): d3.ScaleSequential<string> {
  return metric === 'hits'
    ? d3
        .scaleSequentialLog(d3.interpolateViridis)
        .domain([1, Math.max(10, steps)])
        .clamp(true)
    : d3.scaleSequentialLog(d3.interpolateMagma).domain([1e-16, 1]).clamp(true);
}

/** How cell c is painted: its colour, and whether it is hatched (a refused setting). */
export function sweepCellFill(
  map: SweepMap,
  metric: 'finalKL' | 'hits',
  color: d3.ScaleSequential<string>,
  c: number,
): { fill: string; hatched: boolean } {
  const h = map.hits[c]!;
  if (h === -2) return { fill: REFUSED_SWATCH.color, hatched: true };
  if (metric === 'hits')
    return { fill: h < 0 ? NEVER_COLOR : color(Math.max(1, h)), hatched: false };
  return { fill: color(Math.max(1e-16, map.finalKL[c]!)), hatched: false };
}

/** What the hover readout says about cell c of `solver`'s map. */
export function sweepCellText(map: SweepMap, solver: string, c: number): string {
  const nx = map.axes.etas.length;
  const eta = map.axes.etas[c % nx]!;
  const beta = map.axes.betas[Math.floor(c / nx)]!;
  const where = `${solver}, η ${eta.toPrecision(2)}, β ${betaText(beta)}`;
  const h = map.hits[c]!;
  if (h === -2) return `${where}: refused (ηβ too large)`;
  const eps = map.epsilon.toExponential(0);
  const hit =
    h >= 0
      ? `KL stays ≤ ${eps} after ${h.toLocaleString('en-US')} iterations`
      : `KL not within ${eps} for good by ${map.steps.toLocaleString('en-US')}`;
  return `${where}: ${hit}; final KL ${formatValue(map.finalKL[c])}`;
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
  /** The solver's name (the map's title and the readout's subject). */
  title: string;
  metric: 'finalKL' | 'hits';
  color: d3.ScaleSequential<string>;
  /** The race's (η, β), marked on the map when inside it. */
  current: { eta: number | null; beta: number };
  onPick?: (eta: number, beta: number) => void;
  size?: number;
}) {
  const [hover, setHover] = useState<number | null>(null);
  const { etas, betas } = map.axes;
  const nx = etas.length;
  const ny = betas.length;
  // A leading β = 0 has no place on the log axis: it is a row of its own under the others.
  const zero = betas[0] === 0 ? 1 : 0;
  const logBetas = betas.slice(zero);
  const plotW = size - MARGIN.left - MARGIN.right;
  const plotH = size - MARGIN.top - MARGIN.bottom;
  const cw = plotW / nx;
  // The β = 0 row is twice as tall as the others, so that its one row reads as clearly.
  const ch = (plotH - (zero ? ZERO_GAP : 0)) / (logBetas.length + 2 * zero);
  const zh = 2 * ch;
  const logH = ch * logBetas.length;
  const zeroTop = MARGIN.top + logH + ZERO_GAP;
  /** The height of row bi. */
  const rowH = (bi: number): number => (zero && bi === 0 ? zh : ch);
  /** The top edge of row bi. */
  const rowTop = (bi: number): number =>
    zero && bi === 0 ? zeroTop : MARGIN.top + (ny - 1 - bi) * ch;
  // Cells are centred on their log-spaced values; the axes span the cell edges.
  const half = (v: number[]) => Math.log10(v[1]! / v[0]!) / 2;
  const x = d3
    .scaleLog()
    .domain([etas[0]! / 10 ** half(etas), etas[nx - 1]! * 10 ** half(etas)])
    .range([MARGIN.left, MARGIN.left + plotW]);
  const y = d3
    .scaleLog()
    .domain([
      logBetas[0]! / 10 ** half(logBetas),
      logBetas[logBetas.length - 1]! * 10 ** half(logBetas),
    ])
    .range([MARGIN.top + logH, MARGIN.top]);
  const ref = useCanvas(
    size,
    size,
    (ctx) => {
      for (let bi = 0; bi < ny; bi++) {
        for (let ei = 0; ei < nx; ei++) {
          const { fill, hatched } = sweepCellFill(map, metric, color, bi * nx + ei);
          const left = MARGIN.left + ei * cw;
          const top = rowTop(bi);
          const h = rowH(bi);
          ctx.fillStyle = resolveInk(ctx.canvas, fill);
          ctx.fillRect(left, top, cw + 0.5, h + 0.5);
          if (hatched) {
            // One diagonal per cell: neighbouring refused cells join into stripes.
            ctx.strokeStyle = resolveInk(ctx.canvas, REFUSED_SWATCH.hatch);
            ctx.lineWidth = 1;
            ctx.beginPath();
            ctx.moveTo(left, top + h);
            ctx.lineTo(left + cw, top);
            ctx.stroke();
          }
        }
      }
      ctx.strokeStyle = resolveInk(ctx.canvas, ink('paperInk'));
      ctx.strokeRect(MARGIN.left, MARGIN.top, plotW, logH);
      if (zero) ctx.strokeRect(MARGIN.left, zeroTop, plotW, zh);
      ctx.fillStyle = resolveInk(ctx.canvas, ink('paperInk'));
      ctx.font = '10px system-ui, sans-serif';
      ctx.textAlign = 'center';
      for (const e of [-2, -1, 0, 1]) ctx.fillText(`10${sup(e)}`, x(10 ** e), size - 14);
      ctx.fillText('η', MARGIN.left + plotW / 2, size - 2);
      ctx.textAlign = 'right';
      for (const b of [-3, -2, -1, 0]) ctx.fillText(`10${sup(b)}`, MARGIN.left - 3, y(10 ** b) + 3);
      if (zero) ctx.fillText('0', MARGIN.left - 3, zeroTop + zh / 2 + 3);
      ctx.save();
      ctx.translate(9, MARGIN.top + plotH / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.textAlign = 'center';
      ctx.fillText('β', 0, 0);
      ctx.restore();
      const { eta, beta } = current;
      if (eta !== null && eta >= x.domain()[0]! && eta <= x.domain()[1]!) {
        const at = beta === 0 && zero ? zeroTop + zh / 2 : beta > 0 ? y(beta) : NaN;
        if (beta === 0 ? zero === 1 : beta >= y.domain()[0]! && beta <= y.domain()[1]!) {
          ctx.strokeStyle = resolveInk(ctx.canvas, ink('readoutBackground'));
          ctx.lineWidth = 2;
          ctx.beginPath();
          ctx.arc(x(eta), at, 5, 0, 2 * Math.PI);
          ctx.stroke();
          ctx.strokeStyle = resolveInk(ctx.canvas, ink('readoutText'));
          ctx.lineWidth = 1;
          ctx.stroke();
        }
      }
      if (hover !== null) {
        ctx.strokeStyle = resolveInk(ctx.canvas, ink('readoutText'));
        ctx.lineWidth = 1.5;
        const row = Math.floor(hover / nx);
        ctx.strokeRect(MARGIN.left + (hover % nx) * cw, rowTop(row), cw, rowH(row));
      }
    },
    [map, metric, color, current.eta, current.beta, hover],
  );
  /** The cell under the pointer, or null outside the grid. */
  const cellAt = (event: MouseEvent<HTMLCanvasElement>): number | null => {
    const rect = event.currentTarget.getBoundingClientRect();
    if (!(rect.width > 0 && rect.height > 0)) return null;
    const px = ((event.clientX - rect.left) / rect.width) * size;
    const py = ((event.clientY - rect.top) / rect.height) * size;
    const ei = Math.floor((px - MARGIN.left) / cw);
    const bi =
      zero && py >= zeroTop && py < zeroTop + zh
        ? 0
        : py < MARGIN.top + logH
          ? ny - 1 - Math.floor((py - MARGIN.top) / ch)
          : -1;
    if (ei < 0 || ei >= nx || bi < 0 || bi >= ny) return null;
    return bi * nx + ei;
  };
  const pick = (event: MouseEvent<HTMLCanvasElement>): void => {
    const c = cellAt(event);
    if (!onPick || c === null) return;
    if (map.hits[c] === -2) return; // a refused setting cannot be picked
    onPick(etas[c % nx]!, betas[Math.floor(c / nx)]!);
  };
  return (
    <div className="small-multiple">
      <div className="small-title">{title}</div>
      <canvas
        ref={ref}
        onClick={pick}
        onMouseMove={(e) => setHover(cellAt(e))}
        onMouseLeave={() => setHover(null)}
        className={onPick ? 'clickable' : undefined}
        style={{ width: '100%', aspectRatio: '1 / 1' }}
      />
      {/* Under the map, never over it; the space is kept so the layout does not jump. */}
      <div
        className="cell-readout"
        style={{ minHeight: '2.8em', fontSize: '11px', lineHeight: 1.3, color: ink('paperInk') }}
      >
        {hover !== null ? sweepCellText(map, title, hover) : ''}
      </div>
    </div>
  );
}

function sup(e: number): string {
  const digits = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  return (e < 0 ? '⁻' : '') + String(Math.abs(e)).replace(/\d/g, (d) => digits[Number(d)]!);
}
