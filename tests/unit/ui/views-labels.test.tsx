// @vitest-environment jsdom
/**
 * The views say what their numbers mean: iterations after which KL *stays* ≤ ε. The fair race's
 * table counts the defaults the same way as the tuning (a dip below ε is not "reached").
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RaceSettings } from '../../../src/experiment/race';
import { useStore } from '../../../src/state/store';
import { ManyRunsPanel as ViewsPanel } from '../../../src/ui/views/ManyRunsPanel';
import { referenceRace, RPS } from '../fixtures';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));
afterEach(cleanup);

function raceOf(params: RaceSettings['params']) {
  const settings: RaceSettings = {
    game: RPS,
    beta: 0.1,
    solvers: ['nash-mp', 'nash-md'],
    params,
    budget: 400,
  };
  return referenceRace(settings);
}

describe('fair race table', () => {
  it('counts the defaults until KL stays ≤ 1e-6: a Nash-MD dip at 213 is not within budget', async () => {
    // Nash-MD with a constant η = 0.2 dips under 1e-6 at t = 213 and ends at 2.3e-5.
    const defaults = raceOf({ 'nash-md': { eta: 0.2, schedule: 'constant' } });
    const md = defaults.traces.find((t) => t.solver === 'nash-md')!;
    expect(Array.from(md.klToNE).findIndex((v) => v <= 1e-6)).toBe(213);
    useStore.setState({
      openViews: ['fair'],
      fair: {
        data: {
          tuned: [
            {
              solver: 'nash-mp',
              key: 'nash-mp',
              name: 'Nash-MP',
              eta: 7.7,
              hit: 7,
              finalKL: 1e-17,
              tried: 64,
            },
            {
              solver: 'nash-md',
              key: 'nash-md',
              name: 'Nash-MD',
              eta: 0.29,
              hit: -1,
              finalKL: 6.5e-5,
              tried: 51,
            },
          ],
          defaults,
          tunedRace: defaults,
        },
        info: { ms: 1, engine: 'reference', backend: 'float64' },
      },
    });
    render(<ViewsPanel />);
    const table = screen.getByRole('table', { name: 'Tuned steps' });
    expect(table.querySelector('thead')!.textContent).toContain('iterations until KL stays ≤ 1e-6');
    const rows = Array.from(table.querySelectorAll('tbody tr'), (tr) =>
      Array.from(tr.querySelectorAll('td'), (td) => td.textContent),
    );
    expect(table.querySelector('thead')!.textContent).toContain('best constant η');
    // Neither Nash-MD setting stays within ε, and the default ends lower: it keeps the default.
    expect(rows).toEqual([
      ['Nash-MP', '7.70', '7', 'η = 2', '18', 'η 7.70'],
      [
        'Nash-MD',
        '0.290',
        'not within budget',
        'η = 0.2',
        'not within budget',
        'the default (η = 0.2): no constant η is faster',
      ],
    ]);
    expect(
      document.querySelector('svg[aria-label^="Best constant η"]')!.getAttribute('aria-label'),
    ).toMatch(/best constant η \(after which KL stays ≤ 1e-6 soonest\)/);
  });
});
