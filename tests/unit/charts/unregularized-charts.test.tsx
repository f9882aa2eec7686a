// @vitest-environment jsdom
/**
 * The unregularized game on the charts: refreshed runs and mpo are measured against π*₀, their
 * refreshes are marked, and no π*_β rate is drawn for them.
 */
import { cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildPreset } from '../../../src/core/presets';
import { parseGame } from '../../../src/core/validate';
import { type RaceSettings } from '../../../src/experiment/race';
import { useStore } from '../../../src/state/store';
import { ChartsPanel } from '../../../src/ui/panels/ChartsPanel';
import { referenceRace } from '../fixtures';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));
afterEach(cleanup);

function race(over: Partial<RaceSettings>) {
  const settings: RaceSettings = {
    game: parseGame(buildPreset('weighted-rps')),
    beta: 0.1,
    solvers: ['inpo', 'nash-mp'],
    params: {},
    budget: 300,
    ...over,
  };
  return referenceRace(settings);
}

const convergence = (): Element =>
  document.querySelector('[role="img"][aria-label^="Convergence"]')!;

describe('Convergence chart on the unregularized game', () => {
  it('marks each refresh, names both targets, and draws no π*_β rate for a refreshed run', () => {
    useStore.setState({ race: race({ params: { inpo: { eta: 1, refresh: 100 } } }), t: 300 });
    render(<ChartsPanel />);
    const label = convergence().getAttribute('aria-label')!;
    expect(label).toMatch(
      /^Convergence: KL\(π\* \(π\*₀ for refreshed runs and mpo, π\*_β for the others\)‖π_t\)/,
    );
    expect(label).toContain('marks: INPO refreshes every 100');
    expect(convergence().querySelectorAll('[data-mark="inpo"]')).toHaveLength(3);
    const overlays = Array.from(convergence().querySelectorAll('[data-overlay]'), (e) =>
      e.getAttribute('data-overlay'),
    );
    expect(overlays).toEqual(['nash-mp']);
  });

  it('at β = 0 KL is to π*₀ for every run', () => {
    useStore.setState({ race: race({ beta: 0, solvers: ['nash-mp', 'sppo'] }), t: 300 });
    render(<ChartsPanel />);
    expect(convergence().getAttribute('aria-label')).toMatch(/^Convergence: KL\(π\*₀‖π_t\)/);
    expect(convergence().querySelectorAll('[data-mark]')).toHaveLength(0);
  });
});

describe('every chart means something at β = 0', () => {
  it('a unique π*₀ is named; the gap chart says it shows the duality gap', () => {
    useStore.setState({ race: race({ beta: 0, solvers: ['nash-mp', 'sppo'] }), t: 300 });
    render(<ChartsPanel />);
    expect(convergence().getAttribute('aria-label')).toContain(
      '(π*₀ is the unique β = 0 equilibrium)',
    );
    const gap = document.querySelector('[role="img"][aria-label^="Exploitability"]')!;
    expect(gap.getAttribute('aria-label')).toMatch(
      /^Exploitability: duality gap \(the regularized/,
    );
    expect(gap.querySelector('.axis-label:last-of-type')?.textContent).toBe('duality gap (β = 0)');
  });

  it('several β = 0 equilibria: no KL line, and the chart says why instead of standing empty', () => {
    // Rock, paper and two identical scissors: every split of the scissors' third is an equilibrium.
    const twin = parseGame({
      name: 'twin scissors',
      actions: ['rock', 'paper', 'scissors', 'scissors 2'],
      preference: [
        [0.5, 0, 1, 1],
        [1, 0.5, 0, 0],
        [0, 1, 0.5, 0.5],
        [0, 1, 0.5, 0.5],
      ],
    });
    useStore.setState({ race: race({ game: twin, beta: 0, solvers: ['nash-mp'] }), t: 300 });
    render(<ChartsPanel />);
    expect(convergence().getAttribute('aria-label')).toContain(
      'not drawn: this game has more than one β = 0 equilibrium',
    );
    expect(convergence().querySelector('.empty-note')?.textContent).toMatch(
      /^KL\(π\*₀ ‖ π_t\) not drawn/,
    );
    // The exploitability is drawn all the same.
    const gap = document.querySelector('[role="img"][aria-label^="Exploitability"]')!;
    expect(gap.getAttribute('aria-label')).toMatch(
      /Nash-MP \d\.\d\de[-+]\d+, (stays ≤ 1e-6 from iteration|not within the budget)/,
    );
  });
});
