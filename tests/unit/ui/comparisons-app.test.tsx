// @vitest-environment jsdom
/**
 * Games from comparisons in the app: a vote file becomes the game (P the posterior mean, pairs
 * never compared marked), the prior re-estimates it, a bad file changes nothing, and the
 * uncertainty panel shows the bootstrap's intervals, cycle and Bradley–Terry fit.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootstrapComparisonsSync } from '../../../src/comparisons/bootstrap';
import { useStore } from '../../../src/state/store';
import { MatrixEditor } from '../../../src/ui/MatrixEditor';
import { UncertaintyPanel } from '../../../src/ui/views/UncertaintyPanel';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));
afterEach(cleanup);

// A beats B 3–1 with 2 ties; B beats C 4–0; C beats A 5–1; D never played anyone but A.
const VOTES = `a,b,wins_a,wins_b,ties
A,B,3,1,2
B,C,4,0,0
C,A,5,1,0
A,D,2,2,0
`;

describe('importing votes', () => {
  it('makes the game from the counts: P = (wins + ties/2 + a)/(n + 2a), uncompared pairs at ½', () => {
    useStore.getState().importGame(VOTES, 'votes.csv');
    const { game, notice, presetId } = useStore.getState();
    expect(notice).toBeNull();
    expect(presetId).toBe('custom');
    expect(game.actions).toEqual(['A', 'B', 'C', 'D']);
    expect(game.counts).toBeDefined();
    // P(A ≻ B) = (3 + 1 + 1)/(6 + 2) = 5/8 with the default prior a = 1.
    expect(game.P[0 * 4 + 1]).toBeCloseTo(5 / 8, 15);
    expect(game.P[1 * 4 + 3]).toBe(0.5);
    render(<MatrixEditor />);
    const cell = screen.getByLabelText('P(B ≻ D)');
    expect(cell.getAttribute('data-uncompared')).toBe('true');
    expect(cell.getAttribute('title')).toBe('never compared: ½ by default');
    expect(screen.getByLabelText('P(A ≻ B)').getAttribute('data-uncompared')).toBeNull();
  });

  it('the prior re-estimates P from the same votes; a negative prior is refused', () => {
    useStore.getState().importGame(VOTES, 'votes.csv');
    expect(useStore.getState().setPrior(0)).toBe(true);
    expect(useStore.getState().game.P[1]).toBeCloseTo(4 / 6, 15);
    expect(useStore.getState().setPrior(-1)).toBe(false);
    expect(useStore.getState().fieldErrors.prior).toMatch(/must be a number ≥ 0/);
    expect(useStore.getState().game.P[1]).toBeCloseTo(4 / 6, 15);
  });

  it('a bad vote file names its row and field and leaves the current game', () => {
    const before = useStore.getState().game;
    useStore.getState().importGame('a,b,winner\nA,B,A\nA,A,A\n', 'self.csv');
    expect(useStore.getState().game).toBe(before);
    expect(useStore.getState().notice).toMatch(/self.csv was not imported — .*row 3/);
  });
});

describe('the uncertainty panel', () => {
  it('shows both equilibria with intervals, the cycle, and the Bradley–Terry fit', () => {
    useStore.getState().importGame(VOTES.split('\n').slice(0, 4).join('\n'), 'votes.csv');
    const game = useStore.getState().game;
    const data = bootstrapComparisonsSync(game, { beta: 0.1, resamples: 50, seed: 1 });
    useStore.setState({ bootstrap: { data, info: { ms: 1, engine: 'bootstrap', backend: 'x' } } });
    render(<UncertaintyPanel />);
    expect(screen.getByRole('region', { name: 'Uncertainty from the votes' })).toBeDefined();
    const bars = screen.getByRole('img', { name: /^Equilibria with bootstrap intervals/ });
    const label = bars.getAttribute('aria-label')!;
    const pct = (v: number): string => `${(100 * v).toFixed(1)} %`;
    expect(label).toContain(
      `A ${pct(data.point.nashBeta[0]!)} [${pct(data.intervals.nashBeta.lower[0]!)}, ${pct(data.intervals.nashBeta.upper[0]!)}]`,
    );
    expect(
      screen.getByText(/The majority cycle A ≻ B ≻ C ≻ A holds in \d+ % of resamples/),
    ).toBeDefined();
    expect(
      screen.getByRole('table', { name: 'Bradley–Terry fit vs Nash equilibrium on the votes' }),
    ).toBeDefined();
    expect(
      screen.getByRole('img', { name: /^Bootstrap cloud/ }).querySelectorAll('circle').length,
    ).toBe(2 * (50 + 1));
  });
});
