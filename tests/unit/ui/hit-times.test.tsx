// @vitest-environment jsdom
/**
 * Hitting times end to end (issue 21, items 1, 5, 6): the ε field, the legend's "stays ≤ ε from
 * iteration N (Q queries)", the CLI's `run --epsilon` (from every iteration whatever `--every`),
 * and the exports (JSON at the CSV's resolution with the CLI's hits, CSV facts and hits, file
 * names, captions, PNG scale).
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { StaysWithinTracker, staysWithinFrom } from '../../../src/core/hitting';
import { buildPreset } from '../../../src/core/presets';
import { runReference } from '../../../src/core/run';
import { parseGame } from '../../../src/core/validate';
import { pngScale } from '../../../src/charts/exportChart';
import {
  exportFileName,
  raceCaption,
  raceCsv,
  runDocuments,
} from '../../../src/experiment/exports';
import { DEFAULT_EPSILON, hitOf, hitText } from '../../../src/experiment/hits';
import type { RaceSettings } from '../../../src/experiment/race';
import {
  DEFAULT_EXPERIMENT,
  experimentFromJson,
  experimentToJson,
} from '../../../src/state/fields';
import { useStore } from '../../../src/state/store';
import { ChartsPanel } from '../../../src/ui/panels/ChartsPanel';
import { referenceRace } from '../fixtures';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));
afterEach(cleanup);

const RPS = parseGame(buildPreset('rps'));

async function cli(...args: string[]): Promise<Record<string, unknown>> {
  const r = await main(['run', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('stays within ε, one value at a time', () => {
  it('the tracker agrees with staysWithinFrom on any sequence', () => {
    const value = fc.oneof(
      fc.double({ min: 0, max: 1e-5, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.constant(NaN),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), (values) => {
        const tracker = new StaysWithinTracker(1e-6);
        values.forEach((v) => tracker.push(v));
        expect(tracker.from()).toBe(staysWithinFrom(values, 1e-6));
      }),
    );
  });
});

describe('run --epsilon', () => {
  it('adds hit (KL), gapHit and exploitabilityHit, from every iteration even with --every 100', async () => {
    const base = ['--game', 'rps', '--solver', 'onpo', '--steps', '2000'];
    const dense = await cli(...base, '--every', '1', '--epsilon', '1e-6');
    const sparse = await cli(...base, '--every', '100', '--epsilon', '1e-6');
    const trace = dense.trace as { t: number; klToNE: number; regGap: number }[];
    const kl = staysWithinFrom(
      trace.map((p) => p.klToNE),
      1e-6,
    );
    const gap = staysWithinFrom(
      trace.map((p) => p.regGap),
      1e-6,
    );
    expect(kl).toBeGreaterThan(0);
    expect(kl % 100).not.toBe(0); // a thinned trace could not give it
    expect(dense.hit).toEqual({ epsilon: 1e-6, t: kl, queries: kl });
    expect(dense.gapHit).toEqual({ epsilon: 1e-6, t: gap, queries: gap });
    expect(sparse.hit).toEqual(dense.hit);
    expect(sparse.gapHit).toEqual(dense.gapHit);
    expect(sparse.exploitabilityHit).toEqual(dense.exploitabilityHit);
    expect((sparse.trace as unknown[]).length).toBe(21);
  });

  it('counts queries per iteration, is null when not reached, and is absent without --epsilon', async () => {
    const egpo = await cli(
      '--game',
      'rps',
      '--solver',
      'egpo',
      '--steps',
      '300',
      '--epsilon',
      '1e-4',
    );
    const hit = egpo.hit as { t: number; queries: number };
    expect(hit.queries).toBe(2 * hit.t);
    const short = await cli(
      '--game',
      'rps',
      '--solver',
      'sppo',
      '--steps',
      '5',
      '--epsilon',
      '1e-12',
    );
    expect(short.hit).toBeNull();
    expect(short.gapHit).toBeNull();
    const plain = await cli('--game', 'rps', '--solver', 'sppo', '--steps', '5');
    expect('hit' in plain || 'gapHit' in plain).toBe(false);
  });

  it('a float32 engine and a custom rule read the hit off every iteration too', async () => {
    const base = ['--game', 'rps', '--solver', 'onpo', '--steps', '600', '--epsilon', '1e-5'];
    const reference = await cli(...base, '--every', '1');
    const tfjs = await cli(...base, '--engine', 'tfjs', '--every', '50');
    expect((tfjs.trace as unknown[]).length).toBe(13);
    // float32 iterates: the same hit within a few iterations.
    const t = (reference.hit as { t: number }).t;
    expect(Math.abs((tfjs.hit as { t: number }).t - t)).toBeLessThanOrEqual(3);
    const rule = ['--game', 'rps', '--solver', 'custom', '--formula', 'next = logpi + eta * P·pi'];
    const dense = await cli(...rule, '--steps', '400', '--every', '1', '--epsilon', '1e-3');
    const sparse = await cli(...rule, '--steps', '400', '--every', '40', '--epsilon', '1e-3');
    expect(sparse.hit).toEqual(dense.hit);
    expect((sparse.trace as unknown[]).length).toBe(11);
  });

  it.each([['1'], ['1e-13'], ['x'], ['0']])('refuses --epsilon %s with one line', async (eps) => {
    const r = await main(['run', '--game', 'rps', '--solver', 'sppo', '--epsilon', eps]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --epsilon/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('the ε field', () => {
  it('defaults to 1e-6, is left out of links at the default, and round-trips', () => {
    expect(DEFAULT_EXPERIMENT.epsilon).toBe(1e-6);
    expect(JSON.stringify(experimentToJson(DEFAULT_EXPERIMENT))).not.toContain('epsilon');
    const json = experimentToJson({ ...DEFAULT_EXPERIMENT, epsilon: 1e-9 });
    expect(experimentFromJson(json).epsilon).toBe(1e-9);
    // Outside 1e-12 … 1e-2 a link falls back to the default rather than refusing to open.
    const bad = JSON.parse(JSON.stringify(json)) as { view: { epsilon: unknown } };
    bad.view.epsilon = 0.5;
    expect(experimentFromJson(bad).epsilon).toBe(DEFAULT_EPSILON);
    expect(useStore.getState().setField('epsilon', 1)).toBe(false);
    expect(useStore.getState().fieldErrors.epsilon).toMatch(/1e-12 to 1e-2/);
  });
});

function rpsRace(over: Partial<RaceSettings> = {}) {
  return referenceRace({
    game: RPS,
    beta: 0.1,
    solvers: ['onpo', 'egpo', 'sppo'],
    params: {},
    budget: 300,
    ...over,
  });
}

describe('the legend and the ε control', () => {
  it('says where each solver stays ≤ ε, and follows the ε control', () => {
    const race = rpsRace();
    useStore.setState({ race, t: 300 });
    render(<ChartsPanel />);
    const legend = screen.getByRole('list', { name: 'Legend' });
    const entry = (key: string): HTMLElement =>
      legend.querySelector<HTMLElement>(`[data-solver="${key}"]`)!;
    const onpo = race.traces.find((tr) => tr.key === 'onpo')!;
    const egpo = race.traces.find((tr) => tr.key === 'egpo')!;
    const at = (tr: typeof onpo, e: number) => hitOf(tr, tr.klToNE, e);
    expect(at(onpo, 1e-6)).not.toBeNull();
    expect(entry('onpo').textContent).toContain(hitText(at(onpo, 1e-6)));
    expect(entry('onpo').textContent).toMatch(/stays ≤ ε from iteration \d+ \(\d+ queries\)/);
    expect(hitText(at(egpo, 1e-6))).toContain(`(${2 * at(egpo, 1e-6)!.t} queries)`);
    fireEvent.change(screen.getByRole('combobox', { name: 'ε' }), { target: { value: '1e-12' } });
    expect(useStore.getState().epsilon).toBe(1e-12);
    const sppo = race.traces.find((tr) => tr.key === 'sppo')!;
    expect(at(sppo, 1e-12)).toBeNull();
    expect(within(entry('sppo')).getByText('not within the budget')).toBeTruthy();
  });
});

describe('exports', () => {
  it('JSON, CSV and `run --every 1` hold the same iterations, and the JSON carries the CLI hits', async () => {
    const race = rpsRace({ solvers: ['onpo'], budget: 2000 });
    const [doc] = runDocuments({ ...race.settings, epsilon: 1e-6 }, race);
    const out = await cli(
      ...['--game', 'rps', '--solver', 'onpo', '--steps', '2000', '--every', '1'],
      ...['--epsilon', '1e-6'],
    );
    expect(JSON.parse(JSON.stringify(doc))).toEqual(out);
    const times = (doc!.trace as { t: number }[]).map((p) => p.t);
    const csvTimes = raceCsv(race)
      .trim()
      .split('\n')
      .filter((l) => /^onpo,/.test(l))
      .map((l) => Number(l.split(',')[1]));
    expect(times).toEqual(csvTimes);
    expect(times).toHaveLength(2001);
    // The race's own hit is the document's.
    expect((doc!.hit as { t: number }).t).toBe(
      hitOf(race.traces[0]!, race.traces[0]!.klToNE, 1e-6)!.t,
    );
  });

  it('the CSV starts with the facts and the hits as comment lines', () => {
    const race = rpsRace();
    const lines = raceCsv(race, 1e-6).split('\n');
    expect(lines[0]).toBe(
      '# Nash Playground race: Rock–paper–scissors · β = 0.1 · 300 iterations · engine reference (float64) · ε = 1e-6',
    );
    const onpo = race.traces.find((tr) => tr.key === 'onpo')!;
    const hit = hitOf(onpo, onpo.klToNE, 1e-6)!;
    expect(lines).toContain(`# hit,onpo,klToNE,1e-6,${hit.t},${hit.queries}`);
    expect(lines).toContain('# hit,sppo,klToNE,1e-6,,');
    const header = lines.findIndex((l) => !l.startsWith('#'));
    expect(lines[header]!.startsWith('solver,t,queries,klToNE')).toBe(true);
  });

  it('names files nash-playground_<game>_beta<β>_<chart>.<ext> and captions the figure', () => {
    expect(exportFileName({ presetId: 'rps', game: RPS, beta: 0.1 }, 'Convergence', 'svg')).toBe(
      'nash-playground_rps_beta0.1_convergence.svg',
    );
    expect(exportFileName({ presetId: 'random:12:3', game: RPS, beta: 0 }, 'race', 'csv')).toBe(
      'nash-playground_random-12-3_beta0_race.csv',
    );
    expect(
      exportFileName(
        { presetId: 'custom', game: { ...RPS, name: 'My game (v2)' }, beta: 0.05 },
        'runs',
        'json',
      ),
    ).toBe('nash-playground_my-game-v2_beta0.05_runs.json');
    expect(raceCaption(rpsRace(), 1e-8)).toBe(
      'Rock–paper–scissors · β = 0.1 · 300 iterations · engine reference (float64) · ε = 1e-8',
    );
  });

  it('PNGs are twice the device pixels', () => {
    expect(pngScale(1)).toBe(2);
    expect(pngScale(2)).toBe(4);
    expect(pngScale(NaN)).toBe(2);
  });

  it('the reference run alone finds the same hit as the race', () => {
    const r = runReference({
      game: RPS,
      solver: 'onpo',
      beta: 0.1,
      steps: 300,
      every: 7,
      epsilon: 1e-6,
    });
    const race = rpsRace({ solvers: ['onpo'] });
    expect(r.hits!.klToNE).toEqual(hitOf(race.traces[0]!, race.traces[0]!.klToNE, 1e-6));
  });
});
