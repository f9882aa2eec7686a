// @vitest-environment jsdom
/**
 * The authors' noise in the app: the query-model select offers `pairs` and `pairs-binary`, n and
 * the seed carry over between noisy models, links carry the model, and a pairs race runs its
 * seeds with a band.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildPreset } from '../../../src/core/presets';
import { parseGame } from '../../../src/core/validate';
import { DEFAULT_EXPERIMENT, experimentToJson, type Experiment } from '../../../src/state/fields';
import { decodeExperiment, encodeExperiment } from '../../../src/state/link';
import { useStore } from '../../../src/state/store';
import { seedsNote } from '../../../src/ui/panels/series';
import { QueryControls } from '../../../src/ui/QueryControls';
import { referenceRace } from '../fixtures';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));
afterEach(cleanup);

describe('the query-model select', () => {
  it('offers the four models; n and the seed carry over between the noisy ones', () => {
    render(<QueryControls />);
    const select = screen.getByLabelText('Query model') as HTMLSelectElement;
    expect(Array.from(select.options, (o) => o.value)).toEqual([
      'exact',
      'sampled',
      'pairs',
      'pairs-binary',
    ]);
    fireEvent.change(select, { target: { value: 'pairs' } });
    expect(useStore.getState().queries).toEqual({ kind: 'pairs', samples: 20, seed: 0 });
    const n = screen.getByLabelText('Samples per query');
    fireEvent.change(n, { target: { value: '100' } });
    fireEvent.blur(n);
    expect(useStore.getState().queries).toEqual({ kind: 'pairs', samples: 100, seed: 0 });
    fireEvent.change(select, { target: { value: 'pairs-binary' } });
    expect(useStore.getState().queries).toEqual({ kind: 'pairs-binary', samples: 100, seed: 0 });
    fireEvent.change(select, { target: { value: 'exact' } });
    expect(screen.queryByLabelText('Samples per query')).toBeNull();
  });
});

describe('links', () => {
  it('carry pairs and pairs-binary with n, the seed and the seeds per solver', () => {
    for (const kind of ['pairs', 'pairs-binary'] as const) {
      const e: Experiment = {
        ...DEFAULT_EXPERIMENT,
        queries: { kind, samples: 100, seed: 2018011309 },
        seeds: 512,
      };
      expect(experimentToJson(e)).toMatchObject({
        queries: { kind, samples: 100, seed: 2018011309 },
        seeds: 512,
      });
      const back = decodeExperiment(encodeExperiment(e));
      if (!back.ok) throw new Error(back.error);
      expect(back.value.queries).toEqual(e.queries);
      expect(back.value.seeds).toBe(512);
    }
  });
});

describe('a pairs race', () => {
  it('runs its seeds, draws bands and names the model', () => {
    const race = referenceRace({
      game: parseGame(buildPreset('rps')),
      beta: 0.1,
      solvers: ['egpo', 'inpo'],
      params: {},
      budget: 40,
      queries: { kind: 'pairs', samples: 20, seed: 3 },
      seeds: 256,
    });
    expect(race.seeds).toBe(256);
    for (const tr of race.traces) expect(tr.bands).toBeTruthy();
    expect(seedsNote(race)).toBe(
      '; median and interquartile range over 256 seeds (pairs queries, n = 20 samples per query)',
    );
  });
});
