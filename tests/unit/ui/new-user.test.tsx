// @vitest-environment jsdom
/**
 * What a new user tripped over (one test per report, written to fail before the fix): lost work,
 * state shown wrong, fields that fought back.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { raceEntries } from '../../../src/experiment/race';
import { experimentOf } from '../../../src/state/fields';
import { decodeExperiment, encodeExperiment } from '../../../src/state/link';
import { useStore } from '../../../src/state/store';
import { GamePanel } from '../../../src/ui/GamePanel';
import { AUTOSAVE_KEY, restoreExperiment, startAutosave } from '../../../src/ui/persistence';
import { startTourLinks } from '../../../src/ui/tour/links';
import { SolverParamFields } from '../../../src/ui/SolverParamFields';
import { freshPageEachTest } from '../ui-fixtures';

const initial = freshPageEachTest();

/** Types into a field and leaves it (the value is committed on blur). */
function commit(field: HTMLElement, value: string): void {
  fireEvent.change(field, { target: { value } });
  fireEvent.blur(field);
}

describe('1. a β that conflicts with a solver’s η', () => {
  it('takes the β, names the conflict at the η field, and leaves that solver out of the race', () => {
    const s = useStore.getState();
    s.setPreset('weighted-rps');
    expect(s.setParam('egpo', 'eta', 5)).toBe(true);
    expect(useStore.getState().setBeta(1)).toBe(true);
    const after = useStore.getState();
    expect(after.beta).toBe(1);
    const { entries, refused } = raceEntries({ ...after, solvers: after.solvers });
    expect(entries.map((e) => e.solver)).not.toContain('egpo');
    expect(entries.every((e) => e.params.beta === 1)).toBe(true);
    expect(refused.egpo?.message).toMatch(/EGPO needs ηβ ≤ 1, got η = 5, β = 1/);
    render(<SolverParamFields id="egpo" />);
    const eta = screen.getByRole('spinbutton', { name: 'EGPO η' });
    expect(eta.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toMatch(/lower η to at most 1/);
    // A valid η clears it.
    commit(eta, '0.5');
    expect(useStore.getState().params.egpo).toEqual({ eta: 0.5 });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a link and the autosave of that state open again, conflict and all', () => {
    const s = useStore.getState();
    s.setParam('egpo', 'eta', 5);
    s.setBeta(1);
    const stop = startAutosave();
    act(() => useStore.getState().setField('budget', 500)); // any change autosaves
    stop();
    const saved = localStorage.getItem(AUTOSAVE_KEY)!;
    expect(saved).toBe(encodeExperiment(experimentOf(useStore.getState())));
    useStore.setState(initial, true);
    restoreExperiment();
    expect(useStore.getState()).toMatchObject({
      beta: 1,
      budget: 500,
      params: { egpo: { eta: 5 } },
    });
    expect(useStore.getState().notice).toBeNull();
  });
});

describe('2. a shared link never holds an older experiment than the page', () => {
  it('the address bar follows every change after sharing, so a reload shows the latest state', () => {
    const shared = encodeExperiment(experimentOf(useStore.getState()));
    history.replaceState(null, '', `/#s=${shared}`);
    restoreExperiment();
    const stops = [startAutosave(), startTourLinks()];
    act(() => {
      useStore.getState().setBeta(0.02);
      useStore.getState().toggleSolver('mmd');
    });
    stops.forEach((stop) => stop());
    expect(location.hash).not.toBe(`#s=${shared}`);
    const reloaded = decodeExperiment(location.hash.slice(3));
    expect(reloaded.ok && reloaded.value.beta).toBe(0.02);
    expect(reloaded.ok && reloaded.value.solvers).toContain('mmd');
  });
});

describe('3. a click on the simplex moves the start, and the π₀ fields follow', () => {
  it('the draft shows the new start, and the next matrix edit keeps it', () => {
    useStore.getState().setStart([0.2, 0.3, 0.5]);
    expect(useStore.getState().draft.start.map(Number)).toEqual([0.2, 0.3, 0.5]);
    useStore.getState().editDraft((d) => ({
      ...d,
      cells: d.cells.map((row, i) => row.map((c, j) => (i === 0 && j === 1 ? '0.1' : c))),
    }));
    useStore.getState().editDraft((d) => ({
      ...d,
      cells: d.cells.map((row, i) => row.map((c, j) => (i === 1 && j === 0 ? '0.9' : c))),
    }));
    expect(Array.from(useStore.getState().game.start)).toEqual([0.2, 0.3, 0.5]);
  });
});

describe('4. number fields keep what is being typed', () => {
  it('"12" can be typed into MNPO players; "1000" is judged as 1000; a valid value clears the error', () => {
    render(
      <>
        <SolverParamFields id="mnpo" />
        <SolverParamFields id="egpo" />
      </>,
    );
    const players = screen.getByRole('spinbutton', { name: 'MNPO players' }) as HTMLInputElement;
    fireEvent.change(players, { target: { value: '1' } });
    fireEvent.change(players, { target: { value: '12' } });
    expect(players.value).toBe('12'); // nothing rewrote it while typing
    fireEvent.blur(players);
    expect(useStore.getState().params.mnpo).toEqual({ players: 12 });
    const eta = screen.getByRole('spinbutton', { name: 'EGPO η' }) as HTMLInputElement;
    for (const typed of ['1', '10', '100', '1000'])
      fireEvent.change(eta, { target: { value: typed } });
    fireEvent.keyDown(eta, { key: 'Enter' });
    expect(eta.value).toBe('1000');
    expect(screen.getByRole('alert').textContent).toBe('η must be at most 100, got 1000');
    commit(eta, '0.5');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(useStore.getState().params.egpo).toEqual({ eta: 0.5 });
  });
});

describe('5. a parametrized preset from a link', () => {
  it('shows the random game in the picker with its K and seed, not the first preset', () => {
    expect(useStore.getState().setPreset('random:12:3')).toBe(true);
    render(<GamePanel />);
    expect((screen.getByRole('combobox', { name: 'Game' }) as HTMLSelectElement).value).toBe(
      'random',
    );
    const K = screen.getByRole('spinbutton', { name: 'Random game: number of actions' });
    expect((K as HTMLInputElement).value).toBe('12');
    commit(K, '7');
    expect(useStore.getState().presetId).toBe('random:7:3');
    expect(useStore.getState().game.K).toBe(7);
    commit(screen.getByRole('spinbutton', { name: 'Random game: number of actions' }), '1');
    expect(useStore.getState().game.K).toBe(7);
    expect(screen.getByRole('alert').textContent).toMatch(/K must be an integer in \[2, 1024\]/);
  });
});

describe('11. a sweep cell sets its grid point', () => {
  it('β and η are rounded to the 3 significant digits the map shows', () => {
    useStore.getState().applySetting('nash-mp', 1.2345678, 0.26263635276533326);
    expect(useStore.getState().beta).toBe(0.263);
    expect(useStore.getState().params['nash-mp']).toEqual({ eta: 1.23 });
  });
});

describe('12. the iteration budget is a control', () => {
  it('is checked by the field table and keeps the cursor inside it', () => {
    useStore.setState({ t: 1500 });
    expect(useStore.getState().setField('budget', 1000)).toBe(true);
    expect(useStore.getState().t).toBe(0);
    expect(useStore.getState().setField('budget', 0)).toBe(false);
    expect(useStore.getState().fieldErrors.budget).toMatch(/from 1 to 100,000/);
    expect(useStore.getState().budget).toBe(1000);
  });
});

describe('16. an import error and an edited preset', () => {
  it('picking another preset clears the import error', () => {
    useStore.getState().importGame('{oops', 'bad.json');
    expect(useStore.getState().notice).toMatch(/bad.json was not imported/);
    useStore.getState().setPreset('weighted-rps');
    expect(useStore.getState().notice).toBeNull();
  });
});
