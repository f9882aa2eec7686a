/** The matrix editor's rules, on the draft functions and through the store. */
import { beforeEach, describe, expect, it } from 'vitest';
import { buildPreset } from '../../../src/core/presets';
import { parseGame } from '../../../src/core/validate';
import {
  addAction,
  applyDraft,
  draftOf,
  editCell,
  editLabel,
  removeAction,
} from '../../../src/experiment/draft';
import { useStore } from '../../../src/state/store';

const rps = parseGame(buildPreset('rps'));
const initial = useStore.getState();

beforeEach(() => {
  useStore.setState(initial, true);
});

describe('draft', () => {
  it('editing P[i][j] sets P[j][i] = 1 − P[i][j]', () => {
    const d = editCell(draftOf(rps), 0, 1, '0.3');
    expect(d.cells[0]![1]).toBe('0.3');
    expect(d.cells[1]![0]).toBe('0.7');
    const applied = applyDraft(d, rps);
    expect(applied.issues).toEqual([]);
    expect(applied.game!.P[1]).toBeCloseTo(0.3, 15);
    expect(applied.game!.P[3]).toBeCloseTo(0.7, 15);
  });

  it('a non-number or an out-of-range value is an issue at that cell, and no game comes out', () => {
    for (const text of ['abc', '', '1.5', '-0.2', '0x1']) {
      const applied = applyDraft(editCell(draftOf(rps), 2, 0, text), rps);
      expect(applied.game).toBeNull();
      expect(applied.issues[0]!.path).toMatch(/^preference\[(2\]\[0|0\]\[2)\]$/);
    }
  });

  it('labels must be distinct and non-empty', () => {
    expect(applyDraft(editLabel(draftOf(rps), 1, 'rock'), rps).issues[0]!.path).toBe('actions[1]');
    expect(applyDraft(editLabel(draftOf(rps), 2, ' '), rps).issues[0]!.path).toBe('actions[2]');
    expect(applyDraft(editLabel(draftOf(rps), 2, 'shears'), rps).game!.actions).toEqual([
      'rock',
      'paper',
      'shears',
    ]);
  });

  it('adds a tying action (up to 12) and removes actions (down to 2)', () => {
    let d = draftOf(rps);
    d = addAction(d);
    expect(d.actions).toEqual(['rock', 'paper', 'scissors', 'action 4']);
    const game = applyDraft(d, rps).game!;
    expect(game.K).toBe(4);
    // The new action takes 1/(K+1); the others keep their proportions (a start away from the
    // equilibrium stays away from it).
    expect(Array.from(game.start)).toEqual([0.45, 0.225, 0.075, 0.25]);
    const removed = applyDraft(removeAction(draftOf(rps), 0), rps).game!;
    expect(Array.from(removed.start).map((v) => +v.toFixed(12))).toEqual([0.75, 0.25]);
    for (let k = 0; k < 20; k++) d = addAction(d);
    expect(d.actions).toHaveLength(12);
    for (let k = 0; k < 20; k++) d = removeAction(d, 0);
    expect(d.actions).toHaveLength(2);
    expect(applyDraft(d, rps).issues).toEqual([]);
  });
});

describe('store: editing keeps the last valid game', () => {
  it('a valid edit becomes the game (custom), an invalid one only shows the issue', () => {
    const store = useStore.getState();
    store.editDraft((d) => editCell(d, 0, 1, '0.25'));
    const edited = useStore.getState();
    expect(edited.presetId).toBe('custom');
    expect(edited.game.P[1]).toBeCloseTo(0.25, 15);
    edited.editDraft((d) => editCell(d, 0, 2, 'oops'));
    const after = useStore.getState();
    expect(after.game).toBe(edited.game);
    // Named as the field is: P(rock ≻ scissors), not preference[0][2].
    expect(after.draft.issues[0]!.path).toBe('preference[0][2]');
    expect(after.draft.issues[0]!.message).toMatch(/^P\(rock ≻ scissors\) must be a number/);
    expect(after.game.name).toBe('Rock–paper–scissors (edited)');
    expect(after.game.description).toBe('Edited from the preset “Rock–paper–scissors”.');
    after.editDraft((d) => editCell(d, 0, 2, '0.9'));
    expect(useStore.getState().draft.issues).toEqual([]);
    expect(useStore.getState().game.P[2]).toBeCloseTo(0.9, 15);
  });
});
