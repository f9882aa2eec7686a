/**
 * Deterministic SVG snapshots of the chart components on fixed data (3 significant digits), at
 * explicit sizes (in the page they fill their container); and what a size, the zoom of present
 * mode, the faint whole race and a muted series change.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LogLineChart } from '../../../src/charts/LogLineChart';
import { PolicyAreas } from '../../../src/charts/PolicyAreas';
import { Simplex } from '../../../src/charts/Simplex';

/**
 * Keeps 3 significant digits of every decimal number in the markup, so snapshots do not churn on
 * float noise but still show the values (an aria-label's 3.99e-4 stays 3.99e-4, not 0).
 */
function rounded(markup: string): string {
  return markup.replace(/-?\d+\.\d+(e[-+]?\d+)?/g, (m) =>
    /e/.test(m) ? Number(m).toExponential(2) : String(Number(Number(m).toPrecision(3))),
  );
}

describe('snapshot numbers', () => {
  it('keep 3 significant digits, in plain or exponent form', () => {
    expect(rounded('Nash-MP 3.9912e-4; x="123.456" y="-0.0123456" 1.5e+21 7')).toBe(
      'Nash-MP 3.99e-4; x="123" y="-0.0123" 1.50e+21 7',
    );
  });
});

const n = 51;
const xs = Float64Array.from({ length: n }, (_, t) => t);
const fast = Float64Array.from({ length: n }, (_, t) => 0.5 * 0.7 ** t);
const slow = Float64Array.from({ length: n }, (_, t) => 0.5 / (t + 1));

describe('LogLineChart', () => {
  const chart = (cursor: number): string =>
    renderToStaticMarkup(
      <LogLineChart
        title="Convergence"
        description="KL to the equilibrium"
        cursor={cursor}
        xLabel="iterations"
        yLabel="KL"
        width={360}
        height={250}
        series={[
          { id: 'nash-mp', name: 'Nash-MP', color: '#0072B2', dash: '', values: fast, xs },
          { id: 'inpo', name: 'INPO', color: '#009E73', dash: '4 2', values: slow, xs },
        ]}
      />,
    );

  it('renders an accessible SVG whose label starts with the title and reads the values at the cursor', () => {
    const markup = chart(20);
    expect(markup).toContain('role="img"');
    expect(markup).toMatch(
      /aria-label="Convergence: KL to the equilibrium\. Nash-MP 3\.99e-4; INPO 2\.38e-2"/,
    );
    expect(markup.match(/<path /g)).toHaveLength(2);
    expect(markup).toContain('stroke-dasharray="4 2"');
  });

  it('matches its snapshot', () => {
    expect(rounded(chart(50))).toMatchSnapshot();
  });
});

describe('LogLineChart bands', () => {
  // A median with quartiles a factor 2 around it; the lower quartile hits 0 at t = 40 (clamped).
  const median = Float64Array.from({ length: n }, (_, t) => 0.01 * 0.9 ** t);
  const lower = Float64Array.from(median, (v, t) => (t >= 40 ? 0 : v / 2));
  const upper = Float64Array.from(median, (v) => v * 2);
  const chart = (cursor: number, band = true): string =>
    renderToStaticMarkup(
      <LogLineChart
        title="Convergence"
        description="median and interquartile range over 256 seeds"
        cursor={cursor}
        xLabel="iterations"
        yLabel="KL"
        width={360}
        height={250}
        series={[
          {
            id: 'nash-mp',
            name: 'Nash-MP',
            color: '#0072B2',
            dash: '',
            values: median,
            xs,
            ...(band ? { band: { lower, upper } } : {}),
          },
        ]}
      />,
    );

  /** The band path's points: the upper edge left to right, then the lower edge right to left. */
  function bandPoints(markup: string): [number, number][] {
    const d = /<path d="([^"]+)" fill="#0072B2" fill-opacity="0.16"[^>]*data-band="nash-mp"/.exec(
      markup,
    )![1]!;
    return [...d.matchAll(/[ML]([-\d.e]+),([-\d.e]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  }

  it('draws one translucent area per banded series, under its line, over the quartiles', () => {
    const markup = chart(50);
    expect(markup.match(/data-band=/g)).toHaveLength(1);
    expect(markup.indexOf('data-band="nash-mp"')).toBeLessThan(
      markup.indexOf('data-solver="nash-mp"'),
    );
    expect(markup).toContain(
      'aria-label="Convergence: median and interquartile range over 256 seeds. Nash-MP',
    );
    expect(chart(50, false)).not.toContain('data-band');
  });

  it("the band's numbers: its edges are the quartiles on the chart's log scale", () => {
    const markup = chart(50);
    const pts = bandPoints(markup);
    expect(pts).toHaveLength(2 * n);
    // d3 writes path coordinates to 3 decimals.
    // The y domain covers the band: [min positive lower, max upper], niced to powers of ten.
    const lo = 10 ** Math.floor(Math.log10(lower[39]!));
    const hi = 10 ** Math.ceil(Math.log10(upper[0]!));
    const innerW = 360 - 56 - 16;
    const innerH = 250 - 12 - 40;
    const yOf = (v: number): number =>
      innerH *
      (1 - (Math.log10(Math.min(hi, Math.max(lo, v))) - Math.log10(lo)) / Math.log10(hi / lo));
    for (let t = 0; t < n; t++) {
      const [ux, uy] = pts[t]!;
      expect(ux).toBeCloseTo((t / 50) * innerW, 2);
      expect(uy).toBeCloseTo(yOf(upper[t]!), 2);
      const [lx, ly] = pts[2 * n - 1 - t]!;
      expect(lx).toBeCloseTo((t / 50) * innerW, 2);
      // 0 is clamped to 1e-16 and then to the bottom of the (clamped) scale.
      expect(ly).toBeCloseTo(t >= 40 ? innerH : yOf(lower[t]!), 2);
    }
  });

  it('reveals the band with the cursor', () => {
    expect(bandPoints(chart(10))).toHaveLength(22);
  });

  it('matches its snapshot', () => {
    expect(rounded(chart(50))).toMatchSnapshot();
  });
});

describe('Simplex', () => {
  const policies = Float64Array.from(
    { length: 3 * 3 },
    (_, i) => [0.6, 0.3, 0.1, 0.4, 0.35, 0.25, 1 / 3, 1 / 3, 1 / 3][i]!,
  );
  const markup = renderToStaticMarkup(
    <Simplex
      labels={['rock', 'paper', 'scissors']}
      traces={[{ id: 'nash-mp', name: 'Nash-MP', color: '#0072B2', dash: '', policies }]}
      cursor={2}
      equilibrium={Float64Array.from([1 / 3, 1 / 3, 1 / 3])}
      nash={Float64Array.from([1 / 3, 1 / 3, 1 / 3])}
      start={Float64Array.from([0.6, 0.3, 0.1])}
      size={320}
    />,
  );

  it('labels the vertices and marks the equilibria and the start', () => {
    expect(markup).toMatch(/aria-label="Simplex: /);
    for (const l of ['rock', 'paper', 'scissors']) expect(markup).toContain(`>${l}</text>`);
    expect(markup).toContain('<title>π*_β</title>');
    expect(markup).toContain('<title>β = 0 equilibrium</title>');
    expect(markup).toContain('<title>start π₀</title>');
  });

  it('matches its snapshot', () => {
    expect(rounded(markup)).toMatchSnapshot();
  });
});

describe('float32 floor marks', () => {
  it('marks the first sample at the float32 floor once the cursor reaches it', () => {
    const floor = Uint8Array.from({ length: n }, (_, t) => (t >= 30 ? 1 : 0));
    const render = (cursor: number): string =>
      renderToStaticMarkup(
        <LogLineChart
          title="Convergence"
          description="KL"
          cursor={cursor}
          xLabel="iterations"
          yLabel="KL"
          width={360}
          height={250}
          series={[
            { id: 'egpo', name: 'EGPO', color: '#D55E00', dash: '', values: fast, xs, floor },
          ]}
        />,
      );
    expect(render(20)).not.toContain('data-floor');
    expect(render(40)).toContain('data-floor="egpo"');
    expect(render(40)).toContain('EGPO: float32 floor reached at 30');
  });
});

describe('PolicyAreas', () => {
  const K = 4;
  const policies = Float64Array.from({ length: 11 * K }, (_, i) => {
    const t = Math.floor(i / K);
    const a = i % K;
    return a === 0 ? 0.7 - 0.045 * t : 0.1 + 0.015 * t;
  });
  const markup = renderToStaticMarkup(
    <PolicyAreas
      solverName="Nash-MP"
      actions={['a', 'b', 'c', 'd']}
      policies={policies}
      cursor={10}
      width={360}
      height={230}
    />,
  );

  it('stacks one area per action and reads the last policy', () => {
    expect(markup.match(/<path /g)).toHaveLength(4);
    expect(markup).toMatch(
      /aria-label="Policy over time: Nash-MP at iteration 10: a 25\.0%, b 25\.0%, c 25\.0%, d 25\.0%"/,
    );
  });

  it('matches its snapshot', () => {
    expect(rounded(markup)).toMatchSnapshot();
  });

  it('twelve actions get twelve colours; the last iteration tick stays inside the chart', () => {
    const K12 = 12;
    const times = Float64Array.from({ length: 5 }, (_, t) => 500 * t);
    const markup12 = renderToStaticMarkup(
      <PolicyAreas
        solverName="SPPO"
        actions={Array.from({ length: K12 }, (_, i) => `a${i}`)}
        policies={new Float64Array(5 * K12).fill(1 / K12)}
        times={times}
        cursor={4}
        width={360}
        height={230}
      />,
    );
    const fills = [...markup12.matchAll(/<path d="[^"]*" fill="(#[0-9A-Fa-f]{6})"/g)].map(
      (m) => m[1],
    );
    expect(fills).toHaveLength(K12);
    expect(new Set(fills).size).toBe(K12);
    // "2000" at the right edge of the plot is right-aligned, the others centred.
    expect(markup12).toMatch(/text-anchor="end">2000<\/text>/);
    expect(markup12).toMatch(/text-anchor="middle">1000<\/text>/);
  });
});

describe('sizes, zoom, the faint whole race and muted lines', () => {
  const series = [
    { id: 'nash-mp', name: 'Nash-MP', color: '#0072B2', dash: '', values: fast, xs },
    { id: 'inpo', name: 'INPO', color: '#009E73', dash: '4 2', values: slow, xs },
  ];
  const line = (props: Partial<Parameters<typeof LogLineChart>[0]> = {}): string =>
    renderToStaticMarkup(
      <LogLineChart
        title="Convergence"
        description="KL"
        cursor={20}
        xLabel="iterations"
        yLabel="KL"
        series={series}
        width={360}
        height={250}
        {...props}
      />,
    );
  /** The x of the last point of a path's d attribute. */
  const lastX = (markup: string, attr: string): number => {
    const d = new RegExp(`<path d="([^"]+)"[^>]*${attr}`).exec(markup)![1]!;
    const xs = [...d.matchAll(/[ML]([-\d.e]+),/g)].map((m) => Number(m[1]));
    return xs[xs.length - 1]!;
  };

  it('a larger size recomputes the scales: the plot spans the new width', () => {
    // Plot width = width − 56 − 16; the x axis runs 0 … 50 over it.
    const small = line({ cursor: 50 });
    const large = line({ cursor: 50, width: 720, height: 400 });
    expect(lastX(small, 'data-solver="nash-mp"')).toBeCloseTo(288, 3);
    expect(lastX(large, 'data-solver="nash-mp"')).toBeCloseTo(648, 3);
    expect(large).toContain('viewBox="0 0 720 400" width="720" height="400"');
  });

  it('zoom (present mode) keeps the chart coordinates and draws them larger', () => {
    const zoomed = line({ width: 612, height: 425, zoom: 1.7 });
    expect(zoomed).toContain('viewBox="0 0 360 250" width="612" height="425"');
    expect(lastX(zoomed, 'data-solver="nash-mp"')).toBeCloseTo(
      lastX(line(), 'data-solver="nash-mp"'),
      6,
    );
  });

  it('ghost: the whole race faintly ahead of the cursor, none once the cursor is at the end', () => {
    const markup = line({ ghost: true });
    expect(markup.match(/data-ghost=/g)).toHaveLength(2);
    // The ghost reaches the last iteration (x = 288), the line only the cursor (20 of 50).
    expect(lastX(markup, 'data-ghost="nash-mp"')).toBeCloseTo(288, 3);
    expect(lastX(markup, 'data-solver="nash-mp"')).toBeCloseTo((20 / 50) * 288, 3);
    expect(markup).toMatch(/stroke-opacity="0.22"[^>]*data-ghost="nash-mp"/);
    expect(line({ ghost: true, cursor: 50 })).not.toContain('data-ghost');
    expect(line()).not.toContain('data-ghost');
  });

  it('solver lines are at least 2 px wide', () => {
    for (const m of line().matchAll(/stroke-width="([\d.]+)"[^>]*data-solver/g))
      expect(Number(m[1])).toBeGreaterThanOrEqual(2);
  });

  it('a muted series (another one isolated) is faded and left out of the label', () => {
    const markup = line({ series: [series[0]!, { ...series[1]!, muted: true }] });
    expect(markup).toMatch(/stroke-opacity="0.12" data-muted="" data-solver="inpo"/);
    expect(markup).toMatch(/aria-label="Convergence: KL\. Nash-MP 3\.99e-4"/);
  });
});
