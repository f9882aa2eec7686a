// @vitest-environment jsdom
/**
 * The smaller points of issue 21 (item 10): a sweep-cell click does not recompute the sweep, the
 * basins colour bar ends at the budget, "every 2nd iteration", messages name solvers as the page
 * does, and the editor shows a cut row label whole.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { iterationScale } from '../../../src/charts/BasinMap';
import { buildPreset } from '../../../src/core/presets';
import { resolveParams } from '../../../src/core/solvers';
import { ordinal } from '../../../src/core/text';
import { parseGame } from '../../../src/core/validate';
import { simplexLattice } from '../../../src/experiment/views/lattice';
import { useStore } from '../../../src/state/store';
import { sweepKey } from '../../../src/experiment/views/sweep';
import { MatrixEditor } from '../../../src/ui/MatrixEditor';
import { RaceActions } from '../../../src/ui/Playback';
import { referenceRace } from '../fixtures';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));
afterEach(cleanup);

describe('a sweep-cell click', () => {
  it('sets η, the schedule and β without changing what the sweep depends on', () => {
    const store = useStore.getState();
    store.setParam('mnpo', 'players', 4);
    const key = (): string => sweepKey(useStore.getState().params, useStore.getState().custom);
    const before = key();
    useStore.getState().applySetting('nash-md', 0.05, 0.2);
    useStore.getState().applySetting('mnpo', 0.5, 0.3);
    expect(useStore.getState().params['nash-md']).toEqual({ eta: 0.05, schedule: 'constant' });
    expect(useStore.getState().beta).toBe(0.3);
    expect(key()).toBe(before);
    // What the sweep does depend on still changes it.
    useStore.getState().setParam('mnpo', 'players', 3);
    expect(key()).not.toBe(before);
  });

  it('on a custom rule changes its η only, not the sweep', () => {
    useStore.getState().addCustomSolver();
    const id = useStore.getState().custom[0]!.id;
    const key = (): string => sweepKey(useStore.getState().params, useStore.getState().custom);
    const before = key();
    useStore.getState().applyCustomSetting(id, 0.02, 0.05);
    expect(useStore.getState().custom[0]!.eta).toBe(0.02);
    expect(key()).toBe(before);
  });
});

describe('the basins colour bar', () => {
  it('ends at the budget however late the hits are', () => {
    const lattice = simplexLattice(4);
    const map = (hits: number[]) => ({ hits: Int32Array.from(hits), lattice }) as never;
    for (const hits of [
      [1900, 2000, 1950],
      [2000, 2000],
      [1500, -1],
    ]) {
      const [lo, hi] = iterationScale([map(hits)], 2000).domain();
      expect(hi).toBeLessThanOrEqual(2000);
      expect(lo).toBeLessThan(hi!);
    }
    expect(iterationScale([map([-1, -1])], 2000).domain()).toEqual([1, 2000]);
  });
});

describe('wording', () => {
  it('says "every 2nd iteration" of a sampled race', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 102, 111].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '102nd',
      '111th',
    ]);
    const race = referenceRace({
      game: parseGame(buildPreset('rps')),
      beta: 0.1,
      solvers: ['sppo'],
      params: {},
      budget: 10,
    });
    useStore.setState({ race: { ...race, seeds: 256, every: 2 } });
    render(<RaceActions />);
    expect(
      screen.getByTitle('The engine and backend that computed this race').textContent,
    ).toContain('every 2nd iteration kept');
  });

  it('names solvers as the page does', () => {
    expect(() => resolveParams('egpo', 1, { eta: 5 })).toThrow(/^EGPO needs ηβ ≤ 1/);
    expect(() => resolveParams('sppo', 0.1, { refresh: 3 })).toThrow(
      /^SPPO \/ MWU has no parameter 'refresh'/,
    );
    expect(() => resolveParams('nash-md', 0, { schedule: 'theory' })).toThrow(
      /^Nash-MD: the theory/,
    );
    expect(() => resolveParams('inpo', 0.1, { eta: 0.1, schedule: 'theory' })).toThrow(
      /^INPO: η is set/,
    );
  });
});

describe('the editor at K ≥ 5', () => {
  it('shows each row label whole on hover (title), as the column headers do', () => {
    useStore.getState().setPreset('rpsls');
    render(<MatrixEditor />);
    const labels = screen.getAllByRole('textbox', { name: /^Label of action/ });
    expect(labels).toHaveLength(5);
    for (const label of labels)
      expect(label.getAttribute('title')).toBe((label as HTMLInputElement).value);
  });
});
