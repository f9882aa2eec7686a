// @vitest-environment jsdom
/**
 * What the charts let a reader do and say (issue 21): hover reads the curve under the pointer
 * also before Play; a brush zooms both time-series charts to an x range that travels in links
 * and never restarts the race; each solver's "stays ≤ ε" hit is marked and said; a proven bound
 * above the plot is named in the legend instead of drawn on the top edge; the refresh ticks and
 * each solver's KL target are named; the fair race's axis says π*₀ at β = 0.
 */
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LogLineChart, type Series } from '../../../src/charts/LogLineChart';
import { buildPreset } from '../../../src/core/presets';
import { parseGame } from '../../../src/core/validate';
import { DEFAULT_EPSILON, hitOf } from '../../../src/experiment/hits';
import type { RaceSettings } from '../../../src/experiment/race';
import {
  DEFAULT_EXPERIMENT,
  experimentFromJson,
  experimentToJson,
} from '../../../src/state/fields';
import { useStore } from '../../../src/state/store';
import { ChartsPanel } from '../../../src/ui/panels/ChartsPanel';
import { FairRacePanel } from '../../../src/ui/views/FairRacePanel';
import { referenceRace } from '../fixtures';
import { layOutBoxes, PLOT_INNER } from '../ui-fixtures';

const initial = useStore.getState();
beforeEach(() => {
  useStore.setState(initial, true);
  // jsdom lays nothing out: the hover target gets the plot's size at the origin.
  layOutBoxes(PLOT_INNER.width, PLOT_INNER.height);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function raceOf(over: Partial<RaceSettings>) {
  return referenceRace({
    game: parseGame(buildPreset('rps')),
    beta: 0.1,
    solvers: ['nash-mp', 'inpo'],
    params: {},
    budget: 200,
    ...over,
  });
}
const chart = (title: string): SVGSVGElement =>
  document.querySelector(`svg[role="img"][aria-label^="${title}"]`)!;
const target = (svg: Element): Element => svg.querySelector('[data-hover-target]')!;
const at = (fraction: number) => ({ clientX: fraction * PLOT_INNER.width, clientY: 50, button: 0 });

describe('hover before Play', () => {
  const t = Float64Array.from({ length: 101 }, (_, i) => i);
  const s: Series = {
    id: 'nash-mp',
    name: 'Nash-MP',
    color: '#0072B2',
    dash: '',
    values: Float64Array.from(t, (i) => 0.5 * 0.9 ** i),
    xs: t,
  };
  const readout = (ghost: boolean): string => {
    render(
      <LogLineChart
        title="Convergence"
        description="KL"
        series={[s]}
        cursor={0}
        xLabel="iterations"
        yLabel="KL"
        ghost={ghost}
      />,
    );
    fireEvent.mouseMove(target(chart('Convergence')), at(0.6));
    const text = Array.from(
      chart('Convergence').querySelectorAll('.readout text'),
      (e) => e.textContent,
    ).join(' | ');
    cleanup();
    return text;
  };

  it('reads the faint race under the pointer, not iteration 0 for every solver', () => {
    expect(readout(true)).toBe(`iterations 60 | Nash-MP: ${(0.5 * 0.9 ** 60).toExponential(2)}`);
    // Without the faint race there is nothing ahead of the cursor to read.
    expect(readout(false)).toBe('iterations 0 | Nash-MP: 5.00e-1');
  });
});

describe('zoom', () => {
  it('a brush sets the x range of both time-series charts, without restarting the race', () => {
    useStore.setState({ race: raceOf({}), t: 120 });
    render(<ChartsPanel />);
    const convergence = chart('Convergence');
    fireEvent.mouseDown(target(convergence), at(0.25));
    fireEvent.mouseMove(target(convergence), at(0.5));
    expect(convergence.querySelector('.brush-selection')).not.toBeNull();
    fireEvent.mouseUp(target(convergence), at(0.5));
    expect(useStore.getState().xRange).toEqual([50, 100]);
    expect(useStore.getState().t).toBe(120);
    for (const title of ['Convergence', 'Exploitability']) {
      expect(chart(title).getAttribute('data-zoomed')).toBe('50–100');
      expect(chart(title).getAttribute('aria-label')).toContain(
        'iterations 50 to 100 shown (double-click for the whole race)',
      );
    }
    // A click (no drag) is not a range; a double-click goes back to the whole race.
    fireEvent.mouseDown(target(chart('Convergence')), at(0.3));
    fireEvent.mouseUp(target(chart('Convergence')), at(0.3));
    expect(useStore.getState().xRange).toEqual([50, 100]);
    fireEvent.doubleClick(target(chart('Convergence')));
    expect(useStore.getState().xRange).toBeNull();
    expect(chart('Convergence').hasAttribute('data-zoomed')).toBe(false);
  });

  it('the range travels in links; a bad one falls back to the whole race', () => {
    const json = experimentToJson({ ...DEFAULT_EXPERIMENT, xRange: [500, 520] });
    expect((json.view as Record<string, unknown>).xRange).toEqual([500, 520]);
    expect(experimentFromJson(json).xRange).toEqual([500, 520]);
    expect('xRange' in ((experimentToJson(DEFAULT_EXPERIMENT).view ?? {}) as object)).toBe(false);
    const bad = { ...json, view: { ...(json.view as object), xRange: [520, 500] } };
    expect(experimentFromJson(bad).xRange).toBeNull();
  });
});

describe('hits', () => {
  it('each curve carries a marker where it stays ≤ ε, and the aria-label says when', () => {
    const race = raceOf({ solvers: ['nash-mp', 'sppo'] });
    useStore.setState({ race, t: 200 });
    render(<ChartsPanel />);
    const nashMp = race.traces.find((tr) => tr.key === 'nash-mp')!;
    const hit = hitOf(nashMp, nashMp.klToNE, DEFAULT_EPSILON)!;
    expect(hit).not.toBeNull();
    const label = chart('Convergence').getAttribute('aria-label')!;
    expect(label).toContain(
      `Nash-MP ${nashMp.klToNE[200]!.toExponential(2)}, stays ≤ 1e-6 from iteration ${hit.t} (${hit.queries} queries)`,
    );
    // MWU's last iterate cycles: not within the budget, and no marker.
    expect(label).toMatch(/SPPO \/ MWU [^;]+, not within the budget \(ε = 1e-6\)$/);
    expect(
      Array.from(chart('Convergence').querySelectorAll('[data-hit]'), (e) =>
        e.getAttribute('data-hit'),
      ),
    ).toEqual(['nash-mp']);
  });
});

describe('honest overlays and targets', () => {
  it("INPO's bound above the plot is not drawn, and the legend says it is off scale", () => {
    useStore.setState({ race: raceOf({}), t: 200 });
    render(<ChartsPanel />);
    expect(chart('Convergence').querySelector('[data-overlay="inpo"]')).toBeNull();
    expect(chart('Convergence').querySelector('[data-overlay="nash-mp"]')).not.toBeNull();
    expect(document.querySelector('.legend [data-off-scale="inpo"]')?.textContent).toBe(
      'INPO bound off scale',
    );
  });

  it('refresh ticks have a legend entry; each solver names its KL target in legend and readout', () => {
    useStore.setState({
      race: raceOf({ solvers: ['nash-mp', 'mmd'], params: { mmd: { refresh: 50 } } }),
      t: 200,
    });
    render(<ChartsPanel />);
    expect(document.querySelector('.legend [data-refresh-ticks]')?.textContent).toMatch(
      /reference refresh μ ← π_t/,
    );
    // (The entry ends with the solver's hitting time, "stays ≤ ε …" or "not within the budget".)
    const entry = (key: string) =>
      document
        .querySelector(`.legend li[data-solver="${key}"]`)!
        .textContent!.replace(/(stays ≤ ε from iteration|not within the budget).*/, '');
    expect(entry('nash-mp')).toBe('Nash-MP KL to π*_β');
    expect(entry('mmd')).toBe('MMD KL to π*₀');
    fireEvent.mouseMove(target(chart('Convergence')), at(0.5));
    const rows = Array.from(
      chart('Convergence').querySelectorAll('.readout text'),
      (e) => e.textContent,
    );
    expect(rows.some((r) => r!.startsWith('Nash-MP (to π*_β): '))).toBe(true);
    expect(rows.some((r) => r!.startsWith('MMD (to π*₀): '))).toBe(true);
  });

  it("the fair race's axes say π*₀ at β = 0", () => {
    const race = raceOf({ beta: 0, solvers: ['nash-mp'] });
    useStore.setState({
      fair: {
        data: { tuned: [], defaults: race, tunedRace: race },
        info: { ms: 1, engine: 'reference', backend: 'cpu' },
      },
    });
    render(<FairRacePanel />);
    const labels = Array.from(
      document.querySelectorAll('svg[role="img"] .axis-label'),
      (e) => e.textContent,
    );
    expect(labels.filter((l) => l!.startsWith('KL'))).toEqual(['KL(π*₀ ‖ π_t)', 'KL(π*₀ ‖ π_t)']);
    expect(chart('Theory defaults').getAttribute('aria-label')).toMatch(
      /^Theory defaults: KL\(π\*₀‖π_t\)/,
    );
  });
});
