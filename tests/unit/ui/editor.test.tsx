// @vitest-environment jsdom
/** The matrix editor as a component (Testing Library): the mirror rule and in-place errors. */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../../../src/state/store';
import { MatrixEditor } from '../../../src/ui/MatrixEditor';

const initial = useStore.getState();

beforeEach(() => useStore.setState(initial, true));
afterEach(cleanup);

describe('MatrixEditor', () => {
  it('editing P(rock ≻ paper) sets P(paper ≻ rock) to its complement and applies the game', () => {
    render(<MatrixEditor />);
    fireEvent.change(screen.getByLabelText('P(rock ≻ paper)'), { target: { value: '0.25' } });
    expect((screen.getByLabelText('P(paper ≻ rock)') as HTMLInputElement).value).toBe('0.75');
    expect(useStore.getState().presetId).toBe('custom');
    expect(useStore.getState().game.P[1]).toBeCloseTo(0.25, 15);
  });

  it('marks an invalid entry in place with the reason, and keeps the last valid game', () => {
    render(<MatrixEditor />);
    const before = useStore.getState().game;
    const cell = screen.getByLabelText('P(scissors ≻ rock)');
    fireEvent.change(cell, { target: { value: '1.7' } });
    expect(cell.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toMatch(
      /P\(scissors ≻ rock\) is 1\.7; entries must lie in \[0, 1\]/,
    );
    expect(useStore.getState().game).toBe(before);
  });

  it('renames, adds and removes actions', () => {
    render(<MatrixEditor />);
    fireEvent.change(screen.getByLabelText('Label of action 3'), { target: { value: 'shears' } });
    expect(useStore.getState().game.actions).toEqual(['rock', 'paper', 'shears']);
    fireEvent.click(screen.getByRole('button', { name: 'Add action' }));
    expect(useStore.getState().game.K).toBe(4);
    fireEvent.click(screen.getByRole('button', { name: 'Remove rock' }));
    expect(useStore.getState().game.actions).toEqual(['paper', 'shears', 'action 4']);
  });
});

describe('MatrixEditor: μ and π₀', () => {
  it('edits the start: refused until it sums to 1, then the game takes it', () => {
    render(<MatrixEditor />);
    fireEvent.change(screen.getByLabelText('π₀(rock)'), { target: { value: '0.2' } });
    expect(screen.getByRole('alert').textContent).toMatch(/start sums to/);
    fireEvent.change(screen.getByLabelText('π₀(paper)'), { target: { value: '0.3' } });
    fireEvent.change(screen.getByLabelText('π₀(scissors)'), { target: { value: '0.5' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(Array.from(useStore.getState().game.start)).toEqual([0.2, 0.3, 0.5]);
  });

  it('refuses a zero in μ with the validator reason', () => {
    render(<MatrixEditor />);
    fireEvent.change(screen.getByLabelText('μ(rock)'), { target: { value: '0' } });
    expect(screen.getByRole('alert').textContent).toMatch(/μ\(rock\) is 0/);
  });
});
