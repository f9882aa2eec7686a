// @vitest-environment jsdom
/**
 * What a new user trips over on the charts: log-axis labels, the hover readouts (the line charts'
 * x per solver, place and contrast; the simplex and the sweep map have one too), the proven-rate
 * overlays' own style and legend entry, and the sweep's "refused" vs "not within budget".
 */
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NEVER_COLOR } from '../../../src/charts/BasinMap';
import { ColorLegend } from '../../../src/charts/ColorLegend';
import { chartSvgText } from '../../../src/charts/exportChart';
import { lightInk } from '../../../src/charts/ink';
import { LogLineChart, OVERLAY_LEGEND, type Series } from '../../../src/charts/LogLineChart';
import { logTicks } from '../../../src/charts/logTicks';
import { placeReadout } from '../../../src/charts/readoutPlacement';
import { Simplex } from '../../../src/charts/Simplex';
import { simplexFrame } from '../../../src/charts/simplexFrame';
import {
  REFUSED_SWATCH,
  SweepHeatmap,
  sweepCellFill,
  sweepColor,
} from '../../../src/charts/SweepHeatmap';
import { SOLVERS } from '../../../src/core/solvers';
import type { SweepMap } from '../../../src/experiment/views/sweep';
import { layOutBoxes, PLOT_INNER } from '../ui-fixtures';

afterEach(cleanup);

beforeEach(() => {
  // jsdom lays nothing out: the hover target gets the plot's size at the origin.
  layOutBoxes(PLOT_INNER.width, PLOT_INNER.height);
});

const n = 101;
const t = Float64Array.from({ length: n }, (_, i) => i);
const series = (over: Partial<Series> & { values: Float64Array }): Series => ({
  id: 'nash-mp',
  name: 'Nash-MP',
  color: '#0072B2',
  dash: '',
  xs: t,
  ...over,
});

function chart(s: Series[], overlays: Series[] = [], xLabel = 'iterations'): SVGSVGElement {
  render(
    <LogLineChart
      title="Convergence"
      description="KL"
      series={s}
      overlays={overlays}
      cursor={n - 1}
      xLabel={xLabel}
      yLabel="KL"
    />,
  );
  return document.querySelector('svg[role="img"]')!;
}

const yLabels = (svg: SVGSVGElement): string[] =>
  Array.from(svg.querySelectorAll('.tick text[text-anchor="end"]'), (e) => e.textContent ?? '');

describe('log y axis labels', () => {
  it('at least three labels whatever the span: 1-2-5 within a decade, powers of ten beyond', () => {
    expect(logTicks(0.1, 1).map((k) => k.label)).toEqual(['1e-1', '2e-1', '5e-1', '1e0']);
    expect(logTicks(0.01, 1).map((k) => k.label)).toEqual(['1e-2', '1e-1', '1e0']);
    const wide = logTicks(1e-16, 1);
    expect(wide.map((k) => k.label)).toEqual(['1e-15', '1e-12', '1e-9', '1e-6', '1e-3', '1e0']);
    expect(() => logTicks(0, 1)).toThrow(/0 < lo < hi/);
  });

  it('MWU alone (KL between 0.2 and 0.5, less than a decade) gets readable labels', () => {
    const values = Float64Array.from(t, (i) => 0.2 + 0.003 * i);
    const svg = chart([series({ id: 'sppo', name: 'SPPO', values })]);
    expect(yLabels(svg)).toEqual(['1e-1', '2e-1', '5e-1', '1e0']);
  });

  it('a span of sixteen decades keeps at most six labels', () => {
    const values = Float64Array.from(t, (i) => 0.5 * 10 ** (-i / 6.5));
    expect(yLabels(chart([series({ values })]))).toHaveLength(6);
  });
});

describe('hover readout', () => {
  const hover = (svg: SVGSVGElement, fraction: number): Element => {
    fireEvent.mouseMove(svg.querySelector('[data-hover-target]')!, {
      clientX: fraction * PLOT_INNER.width,
      clientY: PLOT_INNER.height / 2,
    });
    return svg.querySelector('.readout')!;
  };
  const texts = (readout: Element): string[] =>
    Array.from(readout.querySelectorAll('text'), (e) => e.textContent ?? '');

  it('on the queries axis, gives each solver its own x and iteration', () => {
    // Nash-MP asks 2 queries per iteration, INPO 1: at 100 queries they are at iterations 50, 100.
    const mp = series({ values: Float64Array.from(t, (i) => 0.5 * 0.9 ** i) });
    const inpo = series({
      id: 'inpo',
      name: 'INPO',
      color: '#009E73',
      values: Float64Array.from(t, (i) => 0.5 / (i + 1)),
    });
    const svg = chart(
      [
        { ...mp, xs: Float64Array.from(t, (i) => 2 * i), times: t },
        { ...inpo, times: t },
      ],
      [],
      'preference queries',
    );
    const readout = hover(svg, 0.5);
    expect(texts(readout)).toEqual([
      'preference queries 100',
      `Nash-MP: ${(0.5 * 0.9 ** 50).toExponential(2)} (iteration 50)`,
      `INPO: ${(0.5 / 101).toExponential(2)} (iteration 100)`,
    ]);
    // Each solver's value is marked on its own curve.
    expect(readout.querySelectorAll('circle')).toHaveLength(2);
    // Past INPO's last query (100) it says where it reads.
    expect(texts(hover(svg, 0.75))).toEqual([
      'preference queries 150',
      `Nash-MP: ${(0.5 * 0.9 ** 75).toExponential(2)} (iteration 75)`,
      `INPO: ${(0.5 / 101).toExponential(2)} at 100 (iteration 100)`,
    ]);
  });

  it('with one x for all, says it once (iterations)', () => {
    const svg = chart([series({ values: Float64Array.from(t, (i) => 0.5 * 0.9 ** i) })]);
    expect(texts(hover(svg, 0.3))).toEqual([
      'iterations 30',
      `Nash-MP: ${(0.5 * 0.9 ** 30).toExponential(2)}`,
    ]);
  });

  it('reads in dark text on white, and leaves the early descent visible', () => {
    // The descent runs from the top left: the box goes top right while the pointer is left.
    const svg = chart([series({ values: Float64Array.from(t, (i) => 0.5 * 0.9 ** i) })]);
    const readout = hover(svg, 0.05);
    for (const text of readout.querySelectorAll('text'))
      expect(lightInk(text.getAttribute('fill')!)).toBe('#111111');
    const box = readout.querySelector('rect')!;
    // The readout's inks have no dark values: dark on white in both themes.
    expect(box.getAttribute('fill')).toBe('var(--readout-bg, #ffffff)');
    expect(Number(box.getAttribute('x'))).toBeGreaterThan(PLOT_INNER.width / 2);
    expect(Number(box.getAttribute('y'))).toBeLessThan(10);
    // With the pointer at the right, the curve's tail is low: the box goes top left, off the data.
    const right = hover(svg, 0.95).querySelector('rect')!;
    expect(Number(right.getAttribute('x'))).toBeLessThan(10);
  });

  it('placement: the corner with the fewest points, the points read weighing most', () => {
    const plot = { width: 200, height: 100 };
    const box = { width: 60, height: 30 };
    // Points in the top right and bottom left: the free corners are top left and bottom right.
    const points = [
      [180, 10],
      [170, 20],
      [20, 90],
    ] as const;
    expect(placeReadout(box, plot, points, [], 20)).toMatchObject({ x: 136, y: 66 });
    expect(placeReadout(box, plot, points, [], 180)).toMatchObject({ x: 4, y: 4 });
    // The top right holds no plain point but the one being read: it loses to a corner with one.
    const plain = [
      [20, 10],
      [30, 20],
      [40, 15],
      [20, 90],
      [180, 90],
    ] as const;
    expect(placeReadout(box, plot, plain, [[180, 10]], 180)).toMatchObject({ x: 4, y: 66 });
    expect(placeReadout(box, plot, plain, [], 180)).toMatchObject({ x: 136, y: 4 });
  });
});

describe('proven-rate overlays', () => {
  it("are drawn in a style no solver's line has, and have a legend entry in exports", () => {
    const values = Float64Array.from(t, (i) => 0.5 * 0.9 ** i);
    const bound = Float64Array.from(t, (i) => 0.6 * 0.92 ** i);
    const svg = chart([series({ values })], [series({ values: bound, name: 'Nash-MP (theory)' })]);
    const overlay = svg.querySelector('[data-overlay="nash-mp"]')!;
    const width = Number(overlay.getAttribute('stroke-width'));
    const opacity = Number(overlay.getAttribute('stroke-opacity'));
    expect(overlay.getAttribute('stroke-dasharray')).toBeNull();
    expect(width).toBeGreaterThanOrEqual(4);
    expect(opacity).toBeLessThanOrEqual(0.35);
    const line = svg.querySelector('[data-solver="nash-mp"]')!;
    expect(Number(line.getAttribute('stroke-width'))).toBeLessThan(width / 2);
    // No solver is drawn with a wide translucent solid stroke.
    for (const s of SOLVERS) expect(s.dash === '' && s.color === OVERLAY_LEGEND.color).toBe(false);
    expect(OVERLAY_LEGEND).toMatchObject({ dash: '', width });

    const exported = chartSvgText(svg, 'Convergence', [
      { name: 'Nash-MP', color: '#0072B2', dash: '' },
      OVERLAY_LEGEND,
    ]);
    expect(exported).toContain('>proven rate (bound)</text>');
    expect(exported).toMatch(
      new RegExp(`stroke="#555555" stroke-width="${width}" stroke-opacity="0\\.4"`),
    );
    expect(exported).toMatch(/stroke="#0072B2" stroke-width="2\.5" stroke-linecap/);
    // The theme's inks leave as their light values: the file needs no stylesheet.
    expect(svg.outerHTML).toContain('var(--chart-grid');
    expect(exported).not.toContain('var(');
    expect(exported).toContain('stroke="#e6e8eb"');
  });

  it('an export embeds the canvas drawn under a chart (the flow field under the simplex)', () => {
    const svg = chart([series({ values: Float64Array.from([1, 0.1, 0.01]) })]);
    const canvas = { toDataURL: () => 'data:image/png;base64,FLOW' } as HTMLCanvasElement;
    const exported = chartSvgText(svg, 'Simplex', [], canvas);
    const image = /<image x="0" y="0" width="([\d.]+)" height="([\d.]+)" href="([^"]+)"\/>/.exec(
      exported,
    );
    expect(image?.[3]).toBe('data:image/png;base64,FLOW');
    // Under the chart: the image comes before the chart's own marks.
    expect(exported.indexOf('<image')).toBeLessThan(exported.indexOf('data-solver'));
    expect(chartSvgText(svg, 'Simplex', [])).not.toContain('<image');
  });
});

describe('simplex hover readout', () => {
  // Frame of a 320 simplex: corners (160, 28), (28, 28 + h), (292, 28 + h), h = 264·√3/2.
  const frame = simplexFrame(320);
  const policies = Float64Array.from([0.6, 0.3, 0.1, 0.4, 0.35, 0.25, 1 / 3, 1 / 3, 1 / 3]);
  const renderSimplex = (onPickStart?: (p: [number, number, number]) => void): SVGSVGElement => {
    render(
      <Simplex
        labels={['rock', 'paper', 'scissors']}
        traces={[{ id: 'nash-mp', name: 'Nash-MP', color: '#0072B2', dash: '', policies }]}
        cursor={2}
        times={Float64Array.from([0, 10, 20])}
        equilibrium={Float64Array.from([1 / 3, 1 / 3, 1 / 3])}
        nash={Float64Array.from([1 / 3, 1 / 3, 1 / 3])}
        start={Float64Array.from([0.6, 0.3, 0.1])}
        {...(onPickStart ? { onPickStart } : {})}
      />,
    );
    layOutBoxes(frame.width, frame.height);
    return document.querySelector('svg[role="img"]')!;
  };
  const moveTo = (svg: SVGSVGElement, p: number[]): string[] => {
    const [px, py] = frame.at(p);
    fireEvent.mouseMove(svg, { clientX: px, clientY: py });
    return Array.from(svg.querySelectorAll('.readout text'), (e) => e.textContent ?? '');
  };

  it('names the trajectory point under the pointer: solver, iteration and policy', () => {
    const svg = renderSimplex();
    expect(moveTo(svg, [0.4, 0.35, 0.25])).toEqual([
      'Nash-MP',
      'iteration 10',
      'rock 40.0%',
      'paper 35.0%',
      'scissors 25.0%',
    ]);
    expect(lightInk(svg.querySelector('.readout rect')!.getAttribute('fill')!)).toBe('#ffffff');
  });

  it('elsewhere, reads the policy at the pointer (and that a click starts there)', () => {
    const picked: number[][] = [];
    const svg = renderSimplex((p) => picked.push(p));
    expect(moveTo(svg, [0.2, 0.2, 0.6])).toEqual([
      'at the pointer',
      'rock 20.0%',
      'paper 20.0%',
      'scissors 60.0%',
      'click: start here',
    ]);
    const [px, py] = frame.at([0.2, 0.2, 0.6]);
    fireEvent.click(svg, { clientX: px, clientY: py });
    expect(picked[0]!.map((v) => v.toFixed(6))).toEqual(['0.200000', '0.200000', '0.600000']);
    // Outside the triangle there is nothing to read.
    fireEvent.mouseMove(svg, { clientX: 2, clientY: 2 });
    expect(svg.querySelector('.readout')).toBeNull();
  });
});

describe('sweep map hover readout and swatches', () => {
  // 2 × 2 cells: (η 0.1, β 0.01) reaches ε at 40; (η 1, β 0.01) not within budget;
  // (η 0.1, β 1) refused; (η 1, β 1) reaches at 7.
  const map: SweepMap = {
    solver: 'egpo',
    axes: { etas: [0.1, 1], betas: [0.01, 1] },
    finalKL: Float64Array.from([3.2e-9, 4.3e-4, NaN, 1e-12]),
    hits: Int32Array.from([40, -1, -2, 7]),
    epsilon: 1e-6,
    steps: 2000,
  };
  const color = sweepColor('hits', 2000);

  it('reads the cell under the pointer: solver, η, β and its numbers; nothing elsewhere', () => {
    render(
      <SweepHeatmap
        map={map}
        title="EGPO"
        metric="hits"
        color={color}
        current={{ eta: null, beta: 0.1 }}
      />,
    );
    layOutBoxes(210, 210);
    const canvas = document.querySelector('canvas')!;
    const readout = document.querySelector('.cell-readout')!;
    // Plot area: x 34…200, y 4…184; the lower-left cell is (η 0.1, β 0.01).
    fireEvent.mouseMove(canvas, { clientX: 60, clientY: 150 });
    expect(readout.textContent).toBe(
      'EGPO, η 0.10, β 0.010: KL stays ≤ 1e-6 after 40 iterations; final KL 3.20e-9',
    );
    fireEvent.mouseMove(canvas, { clientX: 160, clientY: 150 });
    expect(readout.textContent).toBe(
      'EGPO, η 1.0, β 0.010: KL not within 1e-6 for good by 2,000; final KL 4.30e-4',
    );
    fireEvent.mouseMove(canvas, { clientX: 60, clientY: 40 });
    expect(readout.textContent).toBe('EGPO, η 0.10, β 1.0: refused (ηβ too large)');
    fireEvent.mouseMove(canvas, { clientX: 5, clientY: 200 });
    expect(readout.textContent).toBe('');
  });

  it('a β = 0 row sits apart under the log-spaced rows, and reads as unregularized', () => {
    const withZero: SweepMap = {
      ...map,
      axes: { etas: [0.1, 1], betas: [0, 0.01, 1] },
      finalKL: Float64Array.from([0.3, 2e-7, 3.2e-9, 4.3e-4, NaN, 1e-12]),
      hits: Int32Array.from([-1, 1500, 40, -1, -2, 7]),
    };
    let picked: [number, number] | null = null;
    render(
      <SweepHeatmap
        map={withZero}
        title="EGPO"
        metric="hits"
        color={color}
        current={{ eta: null, beta: 0 }}
        onPick={(eta, beta) => (picked = [eta, beta])}
      />,
    );
    layOutBoxes(210, 210);
    const canvas = document.querySelector('canvas')!;
    const readout = document.querySelector('.cell-readout')!;
    // Rows are (180 − 5) / 4 = 43.75 px, the β = 0 row twice that: β 1 at 4…47.75, β 0.01 at
    // 47.75…91.5, a 5 px gap, β = 0 at 96.5…184.
    fireEvent.mouseMove(canvas, { clientX: 60, clientY: 170 });
    expect(readout.textContent).toBe(
      'EGPO, η 0.10, β 0 (unregularized): KL not within 1e-6 for good by 2,000; final KL 3.00e-1',
    );
    fireEvent.mouseMove(canvas, { clientX: 160, clientY: 170 });
    expect(readout.textContent).toMatch(
      /^EGPO, η 1\.0, β 0 \(unregularized\): KL stays ≤ 1e-6 after 1,500/,
    );
    fireEvent.mouseMove(canvas, { clientX: 60, clientY: 70 });
    expect(readout.textContent).toMatch(/^EGPO, η 0\.10, β 0\.010:/);
    fireEvent.mouseMove(canvas, { clientX: 60, clientY: 100 });
    expect(readout.textContent).toMatch(/^EGPO, η 0\.10, β 0 \(unregularized\)/);
    // The gap between the rows reads nothing.
    fireEvent.mouseMove(canvas, { clientX: 60, clientY: 94 });
    expect(readout.textContent).toBe('');
    fireEvent.click(canvas, { clientX: 160, clientY: 170 });
    expect(picked).toEqual([1, 0]);
  });

  it('"refused" is hatched, "not within budget" solid grey: never the same swatch', () => {
    const refused = sweepCellFill(map, 'hits', color, 2);
    const never = sweepCellFill(map, 'hits', color, 1);
    expect(refused).toEqual({ fill: REFUSED_SWATCH.color, hatched: true });
    expect(never).toEqual({ fill: NEVER_COLOR, hatched: false });
    expect(sweepCellFill(map, 'finalKL', sweepColor('finalKL', 2000), 2).hatched).toBe(true);
    render(
      <ColorLegend
        color={color}
        label="iterations"
        extra={[
          { color: NEVER_COLOR, label: 'not within budget' },
          { ...REFUSED_SWATCH, label: 'refused (ηβ too large)' },
        ]}
      />,
    );
    const swatch = (label: string): string =>
      document.querySelector(`[data-swatch="${label}"] rect`)!.getAttribute('fill')!;
    expect(swatch('not within budget')).toBe(NEVER_COLOR);
    expect(swatch('refused (ηβ too large)')).toMatch(/^url\(#.*hatch/);
    expect(lightInk(REFUSED_SWATCH.hatch)).toBe('#8c8c8c');
    expect(
      document.querySelectorAll(`pattern path[stroke="${REFUSED_SWATCH.hatch}"]`),
    ).toHaveLength(1);
  });
});
