// @vitest-environment jsdom
/**
 * The app's sampled-query controls and the charts of a sampled race (Testing Library): refused
 * input, bands per solver, the seeds in the aria descriptions, and when the proven rates show.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildPreset } from '../../../src/core/presets';
import { parseGame } from '../../../src/core/validate';
import { type RaceSettings } from '../../../src/experiment/race';
import { useStore } from '../../../src/state/store';
import { ChartsPanel as Charts } from '../../../src/ui/panels/ChartsPanel';
import { QueryControls } from '../../../src/ui/QueryControls';
import { referenceRace } from '../fixtures';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));
afterEach(cleanup);

function raceOf(over: Partial<RaceSettings>) {
  const settings: RaceSettings = {
    game: parseGame(buildPreset('rps')),
    beta: 0.1,
    solvers: ['nash-mp', 'inpo'],
    params: {},
    budget: 40,
    ...over,
  };
  return referenceRace(settings);
}

/** Types into a number field and leaves it: the value is committed on blur. */
function commit(field: HTMLElement, value: string): void {
  fireEvent.change(field, { target: { value } });
  fireEvent.blur(field);
}

const svg = (title: string): Element =>
  document.querySelector(`[role="img"][aria-label^="${title}"]`)!;

describe('QueryControls', () => {
  it('switches to sampled, refuses bad values next to the field and keeps the model', () => {
    render(<QueryControls />);
    expect(screen.queryByLabelText('Samples per query')).toBeNull();
    fireEvent.change(screen.getByLabelText('Query model'), { target: { value: 'sampled' } });
    expect(useStore.getState().queries).toEqual({ kind: 'sampled', samples: 20, seed: 0 });
    const n = screen.getByLabelText('Samples per query') as HTMLInputElement;
    commit(n, '10001');
    expect(n.value).toBe('10001');
    expect(n.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toBe(
      'samples must be an integer in [1, 10000], got 10001; keeping samples = 20',
    );
    expect(useStore.getState().queries).toEqual({ kind: 'sampled', samples: 20, seed: 0 });
    commit(n, '7');
    expect(screen.queryByRole('alert')).toBeNull();
    commit(screen.getByLabelText('Seed'), '4294967295');
    fireEvent.change(screen.getByLabelText('Seeds'), { target: { value: '512' } });
    expect(useStore.getState()).toMatchObject({
      queries: { kind: 'sampled', samples: 7, seed: 4294967295 },
      seeds: 512,
    });
    commit(screen.getByLabelText('Seed'), '');
    expect(screen.getByRole('alert').textContent).toMatch(
      /^seed is empty; keeping seed = 4294967295/,
    );
  });
});

describe('Charts of a sampled race', () => {
  it('draw a median line and an IQR band per solver, say so, and draw no proven rates', async () => {
    const race = raceOf({ queries: { kind: 'sampled', samples: 20, seed: 3 }, seeds: 256 });
    useStore.setState({ race, t: 40 });
    render(<Charts />);
    for (const title of ['Convergence', 'Exploitability']) {
      expect(svg(title).querySelectorAll('[data-band]')).toHaveLength(2);
      expect(svg(title).querySelectorAll('[data-solver]')).toHaveLength(2);
      expect(svg(title).getAttribute('aria-label')).toMatch(
        /median and interquartile range over 256 seeds \(n = 20 comparisons per query\)/,
      );
    }
    expect(svg('Convergence').querySelectorAll('[data-overlay]')).toHaveLength(0);
    expect(document.querySelector('.legend li[data-overlay]')).toBeNull();
    expect(svg('Simplex').getAttribute('aria-label')).toMatch(/seed 3 \(first of 256\)/);
    // The running average is banded too.
    act(() => {
      useStore.getState().setField('iterate', 'average');
    });
    expect(svg('Exploitability').querySelectorAll('[data-band]')).toHaveLength(2);
  });

  it('exact races: no bands; the proven rate of Nash-MP only without inner steps', async () => {
    useStore.setState({ race: raceOf({}), t: 40 });
    const { unmount } = render(<Charts />);
    expect(svg('Convergence').querySelectorAll('[data-band]')).toHaveLength(0);
    const overlays = () =>
      Array.from(svg('Convergence').querySelectorAll('[data-overlay]'), (e) =>
        e.getAttribute('data-overlay'),
      );
    // INPO's bound 3200/(T+1) at β = 0.1 lies above the plot for the whole run (≥ 78 at T ≤ 40):
    // not drawn as a line on the top edge, but named in the legend.
    expect(overlays()).toEqual(['nash-mp']);
    // The proven rates have a legend entry of their own, after the solvers'.
    // (Each solver's entry ends with its hitting time: "stays ≤ ε …" or "not within the budget".)
    const legend = () =>
      Array.from(document.querySelectorAll('.legend li'), (li) =>
        li.textContent!.replace(/(stays ≤ ε from iteration|not within the budget).*/, ''),
      );
    expect(legend()).toEqual(['Nash-MP', 'INPO', 'proven rate (bound)', 'INPO bound off scale']);
    unmount();
    useStore.setState({ race: raceOf({ params: { 'nash-mp': { inner: 5 } } }) });
    render(<Charts />);
    expect(overlays()).toEqual([]);
    expect(legend()).toEqual(['Nash-MP', 'INPO', 'INPO bound off scale']);
  });
});
