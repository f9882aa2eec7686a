// @vitest-environment jsdom
/**
 * The comparisons path (issue 21, item 9): after a votes import the page points to the
 * uncertainty view; the simplex shows the three actions with the most equilibrium mass; an import
 * error lists every problem (up to 20) in the app and the CLI; `game --from-comparisons` names the
 * file, never its path, in the description.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { mostMassActions } from '../../../src/experiment/simplexActions';
import { useStore } from '../../../src/state/store';
import { SimplexPanel } from '../../../src/ui/panels/SimplexPanel';
import { UncertaintyLink } from '../../../src/ui/UncertaintyLink';
import { referenceRace } from '../fixtures';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));
afterEach(cleanup);
const dir = mkdtempSync(join(tmpdir(), 'nash-comparisons-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// "dud" loses to every other model; A, B, C beat each other in a cycle; D is between.
const VOTES = `a,b,wins_a,wins_b
dud,A,0,9
dud,B,0,9
dud,C,0,9
dud,D,1,8
A,B,7,3
B,C,7,3
C,A,7,3
D,A,4,6
D,B,4,6
D,C,5,5
`;

const BAD = 'a,b,winner\nx,x,x\ny,z,q\nu,v\nk,l,k\n';

describe('after a votes import', () => {
  it('a link beside the game opens the uncertainty view', () => {
    useStore.getState().importGame(VOTES, 'votes.csv');
    expect(useStore.getState().openViews).not.toContain('bootstrap');
    render(<UncertaintyLink />);
    fireEvent.click(screen.getByRole('button', { name: 'Show the bootstrap uncertainty' }));
    expect(useStore.getState().openViews).toContain('bootstrap');
  });

  it('no link for a game without votes', () => {
    render(<UncertaintyLink />);
    expect(screen.queryByRole('button', { name: /bootstrap uncertainty/ })).toBeNull();
  });

  it('the simplex shows the three actions with the most equilibrium mass, not the first three', () => {
    useStore.getState().importGame(VOTES, 'votes.csv');
    const { game, simplexActions } = useStore.getState();
    expect(game.actions[0]).toBe('dud');
    expect(simplexActions).toBeNull();
    const race = referenceRace({ game, beta: 0.1, solvers: ['nash-mp'], params: {}, budget: 20 });
    const picked = mostMassActions(race.equilibrium);
    expect(picked).not.toContain(0);
    render(<SimplexPanel race={race} cursor={0} exportable={false} />);
    const vertex = (n: number): string =>
      (screen.getByRole('combobox', { name: `Simplex vertex ${n}` }) as HTMLSelectElement).value;
    expect([vertex(1), vertex(2), vertex(3)]).toEqual(picked.map(String));
    // A pick of the user's starts from what is shown and then stays.
    useStore.setState({ race });
    useStore.getState().setSimplexAction(2, 0);
    expect(useStore.getState().simplexActions).toEqual([picked[0], picked[1], 0]);
  });

  it('ties keep the first actions (a uniform equilibrium shows actions 1, 2, 3)', () => {
    expect(mostMassActions([0.2, 0.2 + 1e-16, 0.2, 0.2 - 1e-16, 0.2])).toEqual([0, 1, 2]);
    expect(mostMassActions([0.1, 0.3, 0.05, 0.5, 0.05])).toEqual([0, 1, 3]);
  });
});

describe('import errors list every problem (up to 20)', () => {
  it('in the app', () => {
    useStore.getState().importGame(BAD, 'bad.csv');
    const notice = useStore.getState().notice!;
    expect(notice).toMatch(/^bad\.csv was not imported — bad\.csv: 3 problems:/);
    for (const row of ['row 2, b is "x"', 'row 3, winner is "q"', 'row 4 has 2 fields'])
      expect(notice).toContain(row);
    expect(notice).not.toContain('more)');
  });

  it('in the CLI, on its one error line', async () => {
    const path = join(dir, 'bad.csv');
    writeFileSync(path, BAD);
    const r = await main(['game', '--from-comparisons', path]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    for (const row of ['row 2, b is "x"', 'row 3, winner is "q"', 'row 4 has 2 fields'])
      expect(r.stderr).toContain(row);
    const many = join(dir, 'many.csv');
    writeFileSync(many, ['a,b,winner', ...Array.from({ length: 30 }, () => 'x,x,a')].join('\n'));
    const m = await main(['game', '--from-comparisons', many]);
    expect(m.stderr).toContain('20 problems (reading stops at 20)');
    expect(m.stderr.match(/row \d+, b is "x"/g)).toHaveLength(20);
  });
});

describe('game --from-comparisons', () => {
  it('writes the file name in the description, never its absolute path', async () => {
    const path = join(dir, 'votes.csv');
    writeFileSync(path, VOTES);
    const r = await main(['game', '--from-comparisons', path]);
    expect(r.code).toBe(0);
    const game = JSON.parse(r.stdout) as { description: string };
    expect(game.description).toContain('from votes.csv on');
    expect(game.description).not.toContain(dir);
  });
});
