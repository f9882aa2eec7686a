// @vitest-environment jsdom
/** The annotator-population builder: its draft helpers, and the component (Testing Library). */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildPreset } from '../../../src/core/presets';
import { preferenceRows } from '../../../src/core/game';
import {
  defaultPopulation,
  evaluatePopulation,
  fitPopulation,
  setGroupMode,
} from '../../../src/experiment/population';
import { useStore } from '../../../src/state/store';
import { PopulationBuilder } from '../../../src/ui/PopulationBuilder';

const initial = useStore.getState();

beforeEach(() => useStore.setState(initial, true));
afterEach(cleanup);

const CDF = ['concise', 'detailed', 'friendly'];

describe('population draft', () => {
  it('starts with the preset groups, which aggregate to the preset matrix', () => {
    const r = evaluatePopulation(defaultPopulation(3), CDF);
    expect(r.ok && r.P).toEqual(buildPreset('condorcet-annotators').preference);
  });

  it('switching scores → ranking → scores keeps the preference (strength 1.5 = the preset)', () => {
    let d = defaultPopulation(3);
    d = setGroupMode(d, 0, 'ranking');
    expect(d.groups[0]!.ranks).toEqual(['1', '2', '3']);
    d = setGroupMode(d, 1, 'ranking');
    expect(d.groups[1]!.ranks).toEqual(['3', '1', '2']);
    const r = evaluatePopulation(d, CDF);
    expect(r.ok && r.P).toEqual(buildPreset('condorcet-annotators').preference);
    expect(setGroupMode(d, 1, 'scores').groups[1]!.scores).toEqual(['0', '3', '1.5']);
  });

  it('names the group and the action of a bad rank', () => {
    const d = defaultPopulation(3);
    d.groups[2] = { ...d.groups[2]!, mode: 'ranking', ranks: ['1', '1', 'x'] };
    const r = evaluatePopulation(d, CDF);
    expect(r.ok ? [] : r.issues.map((i) => i.message)).toEqual([
      'groups[2].ranks[1] of group "casual users" ("detailed") repeats rank 1 of "concise"; each action needs its own rank',
      'groups[2].ranks[2] of group "casual users" ("friendly") is "x"; ranks are whole numbers from 1 (best) to 3',
    ]);
  });

  it('fits to a new K: new actions score 0 and rank last; removed ones drop from the end', () => {
    const d = setGroupMode(defaultPopulation(3), 1, 'ranking');
    const up = fitPopulation(d, 4);
    expect(up.groups[0]!.scores).toEqual(['3', '1.5', '0', '0']);
    expect(up.groups[1]!.ranks).toEqual(['3', '1', '2', '4']);
    const down = fitPopulation(d, 2);
    expect(down.groups[1]!.ranks).toEqual(['2', '1']);
    expect(evaluatePopulation(down, ['a', 'b']).ok).toBe(true);
  });
});

describe('PopulationBuilder', () => {
  it('shows the Condorcet cycle, and editing a weight updates it', () => {
    useStore.getState().setPreset('condorcet-annotators');
    render(<PopulationBuilder />);
    const section = screen.getByRole('region', { name: 'Annotator population' });
    expect(section.textContent).toContain(
      'Intransitive: Condorcet cycle concise ≻ detailed ≻ friendly ≻ concise',
    );
    fireEvent.change(screen.getByLabelText('Weight of experts'), { target: { value: '2' } });
    expect(section.textContent).toContain(
      'Transitive: concise ≻ detailed ≻ friendly; Condorcet winner concise',
    );
    expect(section.textContent).not.toContain('Intransitive');
    // The comparison table: the reward model piles onto concise, the β = 0 equilibrium is pure.
    const table = screen.getByRole('table', { name: 'Bradley–Terry fit vs Nash equilibrium' });
    const concise = within(table).getByRole('row', { name: /^concise/ });
    const cells = within(concise)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells[0]).toBe('0.261'); // BT score
    expect(cells[3]).toBe('1.000'); // π*₀
  });

  it('marks an invalid weight in place and disables Apply', () => {
    render(<PopulationBuilder />);
    const weight = screen.getByLabelText('Weight of students');
    fireEvent.change(weight, { target: { value: '-1' } });
    expect(weight.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toContain(
      'groups[1].weight of group "students" is -1; a population weight must be a positive finite number',
    );
    expect(
      (screen.getByRole('button', { name: 'Apply to game' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('Apply sets the game matrix (labels, μ and π₀ kept) and the preset becomes custom', () => {
    const before = useStore.getState().game; // rock–paper–scissors
    render(<PopulationBuilder />);
    fireEvent.click(screen.getByRole('button', { name: 'Apply to game' }));
    const { game, presetId } = useStore.getState();
    expect(presetId).toBe('custom');
    expect(preferenceRows(game)).toEqual(buildPreset('condorcet-annotators').preference);
    expect(game.actions).toEqual(before.actions);
    expect(Array.from(game.reference)).toEqual(Array.from(before.reference));
    expect(Array.from(game.start)).toEqual(Array.from(before.start));
    expect(screen.getByRole('region', { name: 'Annotator population' }).textContent).toContain(
      'Condorcet cycle rock ≻ paper ≻ scissors ≻ rock',
    );
  });

  it('adds and removes groups; a ranking group takes ranks per action', () => {
    render(<PopulationBuilder />);
    fireEvent.click(screen.getByRole('button', { name: 'Add group' }));
    expect(useStore.getState().population.groups).toHaveLength(4);
    expect((screen.getByLabelText('Rank of rock for group 4') as HTMLInputElement).value).toBe('1');
    fireEvent.change(screen.getByLabelText('Weight of group 4'), { target: { value: '10' } });
    // A heavy group ranking rock ≻ paper ≻ scissors makes the population transitive.
    expect(screen.getByRole('region', { name: 'Annotator population' }).textContent).toContain(
      'Transitive: rock ≻ paper ≻ scissors; Condorcet winner rock',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Remove group group 4' }));
    expect(useStore.getState().population.groups).toHaveLength(3);
  });
});
