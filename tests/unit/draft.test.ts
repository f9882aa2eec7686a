/** The matrix editor's rules, on the draft functions and through the store. */
import { beforeEach, describe, expect, it } from 'vitest';
import { buildPreset } from '../../src/core/presets';
import { parseGame } from '../../src/core/validate';
import {
  addAction,
  applyDraft,
  draftOf,
  editCell,
  editLabel,
  removeAction,
} from '../../src/state/draft';
import { useStore } from '../../src/state/store';

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
    expect(Array.from(game.start)).toEqual([0.25, 0.25, 0.25, 0.25]);
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
    expect(after.draft.issues[0]!.message).toMatch(/preference\[0\]\[2\] must be a number/);
    after.editDraft((d) => editCell(d, 0, 2, '0.9'));
    expect(useStore.getState().draft.issues).toEqual([]);
    expect(useStore.getState().game.P[2]).toBeCloseTo(0.9, 15);
  });
});
