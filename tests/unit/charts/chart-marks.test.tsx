/**
 * The line chart's marks one by one (as Observable Plot tests its marks): each drawn alone in a
 * fixed frame, as a deterministic SVG snapshot (3 significant digits), with what it must and
 * must not draw.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { AxisLabels, XAxis, YGrid } from '../../../src/charts/marks/Axes';
import { Bands } from '../../../src/charts/marks/Bands';
import { Brush } from '../../../src/charts/marks/Brush';
import { EventTicks } from '../../../src/charts/marks/EventTicks';
import { FloorMarks } from '../../../src/charts/marks/FloorMarks';
import { lineFrame, logDomainOf, MAX_POINTS } from '../../../src/charts/marks/frame';
import { HitMarks } from '../../../src/charts/marks/HitMarks';
import { Ghosts, Lines, revealedPaths } from '../../../src/charts/marks/Lines';
import { Overlays } from '../../../src/charts/marks/Overlays';
import { type PinnedGroup, Pins } from '../../../src/charts/marks/Pins';
import { Readout, readIndex } from '../../../src/charts/marks/Readout';
import type { Series } from '../../../src/charts/marks/series';

function rounded(markup: string): string {
  return markup.replace(/-?\d+\.\d+(e[-+]?\d+)?/g, (m) =>
    /e/.test(m) ? Number(m).toExponential(2) : String(Number(Number(m).toPrecision(3))),
  );
}
const svg = (children: ReactNode): string =>
  rounded(renderToStaticMarkup(<svg viewBox="0 0 200 120">{children}</svg>));

const n = 21;
const xs = Float64Array.from({ length: n }, (_, t) => t);
const fast: Series = {
  id: 'nash-mp',
  name: 'Nash-MP',
  color: '#0072B2',
  dash: '',
  values: Float64Array.from(xs, (t) => 0.5 * 0.5 ** t),
  xs,
};
const slow: Series = {
  id: 'inpo',
  name: 'INPO',
  color: '#009E73',
  dash: '4 2',
  values: Float64Array.from(xs, (t) => 0.5 / (t + 1)),
  xs,
};
const series = [fast, slow];
const at = (cursor: number, xRange: [number, number] | null = null) => ({
  ...lineFrame({ series, width: 200, height: 120, cursor: 0, xRange }),
  cursor,
});
const frame = at(10);

describe('the frame', () => {
  it('x spans the race, y the values niced to powers of ten', () => {
    expect(frame.x.domain()).toEqual([0, 20]);
    expect(logDomainOf(series)).toEqual([1e-7, 1]);
    expect(frame.yOf(0)).toBe(120); // zero is drawn at the floor, clamped to the bottom
  });

  it('a range narrows x and strides only within it: one index per iteration when zoomed in', () => {
    const long = { ...fast, xs: Float64Array.from({ length: 10_001 }, (_, t) => t) };
    long.values = Float64Array.from(long.xs, (t) => 1 / (t + 1));
    const whole = lineFrame({ series: [long], width: 200, height: 120, cursor: 0 });
    expect(whole.indicesOf(long, 10_000).length).toBeLessThanOrEqual(MAX_POINTS + 1);
    const zoomed = lineFrame({
      series: [long],
      width: 200,
      height: 120,
      cursor: 0,
      xRange: [5000, 5100],
    });
    expect(zoomed.zoomed).toBe(true);
    expect(zoomed.x.domain()).toEqual([5000, 5100]);
    // Every iteration of the range, and one either side so the line reaches the plot's edges.
    expect(zoomed.indicesOf(long, 10_000)).toEqual(Array.from({ length: 103 }, (_, k) => 4999 + k));
    // A range beyond the race is clipped to it; one that covers it is no zoom.
    expect(lineFrame({ series, width: 200, height: 120, cursor: 0, xRange: [0, 99] }).zoomed).toBe(
      false,
    );
  });
});

describe('marks', () => {
  it('YGrid: one grid line and label per log tick', () => {
    const markup = svg(<YGrid frame={frame} />);
    expect(markup.match(/class="grid"/g)).toHaveLength(markup.match(/text-anchor="end"/g)!.length);
    expect(markup).toMatchSnapshot();
  });

  it('XAxis: ticks and the two axis lines; whole numbers only once zoomed', () => {
    expect(svg(<XAxis frame={frame} room={16} />)).toMatchSnapshot();
    const zoomed = svg(<XAxis frame={at(10, [2, 4])} room={16} />);
    const labels = [...zoomed.matchAll(/<text[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(labels).toEqual(['2', '3', '4']);
  });

  it('AxisLabels: the x and y titles', () => {
    expect(svg(<AxisLabels frame={frame} xLabel="iterations" yLabel="KL" />)).toMatchSnapshot();
  });

  it('Bands: one area per banded, unmuted series, revealed to the cursor', () => {
    const banded = {
      ...fast,
      band: { lower: fast.values.map((v) => v / 2), upper: fast.values.map((v) => v * 2) },
    };
    const markup = svg(
      <Bands frame={frame} series={[banded, slow, { ...banded, id: 'm', muted: true }]} />,
    );
    expect(markup.match(/data-band=/g)).toHaveLength(1);
    expect(markup.match(/[ML]/g)!.length).toBe(2 * 11);
    expect(markup).toMatchSnapshot();
  });

  it('EventTicks: a tick per event inside the x range, one row per series', () => {
    const events = [
      { id: 'mpo', color: '#CC79A7', xs: [5, 10, 15, 20], label: 'MPO refreshes every 5' },
      { id: 'mmd', color: '#000000', xs: [10, 20], label: 'MMD refreshes every 10' },
    ];
    expect(svg(<EventTicks frame={frame} events={events} />).match(/data-mark=/g)).toHaveLength(6);
    expect(
      svg(<EventTicks frame={at(10, [6, 12])} events={events} />).match(/data-mark=/g),
    ).toHaveLength(2);
    expect(svg(<EventTicks frame={frame} events={events} />)).toMatchSnapshot();
  });

  it('Overlays: a proven bound is drawn wide and faint; one above the top for the whole run is not', () => {
    const bound = {
      ...fast,
      id: 'nash-mp',
      name: 'Nash-MP (theory)',
      values: fast.values.map((v) => v * 1.5),
    };
    // INPO's 3200/(T+1): above this plot's top (1) at every T ≤ 20.
    const offScale = {
      ...slow,
      name: 'INPO (theory)',
      values: Float64Array.from(xs, (t) => 3200 / (t + 1)),
    };
    const markup = svg(<Overlays frame={frame} overlays={[bound, offScale]} />);
    expect(markup.match(/data-overlay="([^"]+)"/g)).toEqual(['data-overlay="nash-mp"']);
    expect(markup).toContain('stroke-width="5"');
    expect(markup).toMatchSnapshot();
    // One that enters the plot (4/(T+1) ≤ 1 from T = 3) starts there, not along the top edge.
    const entering = { ...slow, values: Float64Array.from(xs, (t) => 4 / (t + 1)) };
    const d = /d="M([\d.]+),/.exec(svg(<Overlays frame={frame} overlays={[entering]} />))![1];
    expect(Number(d)).toBeCloseTo(frame.x(3), 1);
  });

  it('Ghosts: the whole race faintly, only where the cursor has not reached the end', () => {
    const whole = series.map((s) => frame.pathOf(s, n - 1));
    const markup = svg(<Ghosts frame={frame} series={series} whole={whole} />);
    expect(markup.match(/data-ghost=/g)).toHaveLength(2);
    expect(svg(<Ghosts frame={at(n - 1)} series={series} whole={whole} />)).not.toContain(
      'data-ghost',
    );
    expect(markup).toMatchSnapshot();
  });

  it('Lines: the revealed part of each series, muted ones faded', () => {
    const whole = series.map((s) => frame.pathOf(s, n - 1));
    const paths = revealedPaths(frame, series, whole);
    expect(paths[0]!.match(/[ML]/g)).toHaveLength(11);
    expect(revealedPaths(at(n - 1), series, whole)).toEqual(whole);
    const markup = svg(<Lines series={[fast, { ...slow, muted: true }]} paths={paths} />);
    expect(markup).toContain('data-muted=""');
    expect(markup).toMatchSnapshot();
  });

  it('Pins: each pinned race whole and grey, labelled once at the end of its highest line', () => {
    // A pin with a longer budget and a larger start: the frame's extent keeps it on the plot.
    const longXs = Float64Array.from({ length: 41 }, (_, t) => t);
    const pin: PinnedGroup = {
      id: 1,
      label: 'β 0.1',
      lines: [
        {
          ...fast,
          id: 'pin1-nash-mp',
          values: Float64Array.from(longXs, (t) => 4 * 0.5 ** t),
          xs: longXs,
        },
        {
          ...slow,
          id: 'pin1-inpo',
          values: Float64Array.from(longXs, (t) => 4 / (t + 1)),
          xs: longXs,
        },
      ],
    };
    // A second pin, lower down: its label a row below where it would be alone.
    const other: PinnedGroup = {
      id: 2,
      label: 'η 2',
      lines: [{ ...slow, id: 'pin2-inpo', values: slow.values.map((v) => v * 1e-4) }],
    };
    const pinned = lineFrame({
      series,
      width: 200,
      height: 120,
      cursor: 3,
      extent: [pin, other].flatMap((p) => p.lines),
    });
    expect(pinned.x.domain()).toEqual([0, 40]);
    expect(pinned.y.domain()).toEqual([1e-12, 10]); // the race alone: [1e-7, 1]
    const markup = svg(<Pins frame={pinned} pinned={[pin, other]} />);
    expect(markup.match(/data-pin="(\d)"/g)).toEqual(['data-pin="1"', 'data-pin="2"']);
    // Whole whatever the cursor (3): every point of the 41 iterations.
    expect(/<path d="([^"]+)"/.exec(markup)![1]!.match(/[ML]/g)).toHaveLength(41);
    expect(markup.match(/stroke="var\(--chart-pin, #8a8f98\)"/g)).toHaveLength(3);
    // Each label once, at its highest line's end (INPO's 4/41 here); the second a row lower.
    const labels = [...markup.matchAll(/<text x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]+)</g)];
    expect(labels.map((m) => m[3])).toEqual(['β 0.1', 'η 2']);
    expect(Number(labels[0]![1])).toBeCloseTo(pinned.x(40) - 2, 1);
    expect(Number(labels[0]![2])).toBeCloseTo(pinned.yOf(4 / 41) - 8, 1);
    expect(Number(labels[1]![2])).toBeCloseTo(pinned.yOf(0.5e-4 / 21) - 8 - 12, 1);
    expect(svg(<Pins frame={pinned} pinned={[]} />)).toBe('<svg viewBox="0 0 200 120"></svg>');
    expect(markup).toMatchSnapshot();
  });

  it('FloorMarks: a diamond where a series first reaches the float32 floor, once revealed', () => {
    const floor = Uint8Array.from(xs, (t) => (t >= 8 ? 1 : 0));
    const floored = { ...fast, floor };
    expect(svg(<FloorMarks frame={at(7)} series={[floored]} />)).not.toContain('data-floor');
    const markup = svg(<FloorMarks frame={frame} series={[floored]} />);
    expect(markup).toContain('float32 floor reached at 8');
    expect(markup).toMatchSnapshot();
  });

  it('HitMarks: where each series stays ≤ ε, faint ahead of the cursor, none for "not within"', () => {
    const hit = (index: number | null, text: string) => ({ index, text });
    const marked = [
      { ...fast, hit: hit(6, 'stays ≤ 1e-2 from iteration 6 (6 queries)') },
      { ...slow, hit: hit(null, 'not within the budget (ε = 1e-2)') },
    ];
    const markup = svg(<HitMarks frame={frame} series={marked} />);
    expect(markup.match(/data-hit="([^"]+)"/g)).toEqual(['data-hit="nash-mp"']);
    expect(markup).not.toContain('data-ahead');
    expect(markup).toContain('Nash-MP: stays ≤ 1e-2 from iteration 6 (6 queries)');
    // The ring sits on the curve at the hit's value.
    expect(markup).toContain(`cx="${rounded(String(frame.x(6)))}"`);
    expect(svg(<HitMarks frame={at(3)} series={marked} />)).toContain('data-ahead');
    expect(svg(<HitMarks frame={at(10, [8, 12])} series={marked} />)).not.toContain('data-hit');
    expect(markup).toMatchSnapshot();
  });

  it('Readout: the x and one row per series, naming its target where given', () => {
    const markup = svg(
      <Readout
        frame={frame}
        series={[
          { ...fast, target: 'π*_β' },
          { ...slow, target: 'π*₀' },
        ]}
        hoverX={4}
        xLabel="iterations"
        limit={10}
      />,
    );
    expect(markup).toContain('iterations 4');
    expect(markup).toContain('Nash-MP (to π*_β): 3.13e-2');
    expect(markup).toContain('INPO (to π*₀): 1.00e-1');
    expect(markup).toMatchSnapshot();
  });

  it('readIndex: never past the limit (the cursor, or the whole race when it is drawn)', () => {
    expect(readIndex(fast, 15, 10)).toBe(10);
    expect(readIndex(fast, 15, Infinity)).toBe(15);
    expect(readIndex(fast, 99, Infinity)).toBe(n - 1);
  });

  it('Brush: a transparent layer over the plot (its drag and double-click: chartZoom.test)', () => {
    expect(svg(<Brush frame={frame} onHover={() => {}} />)).toMatchSnapshot();
  });
});
