// @vitest-environment jsdom
/**
 * The views on a big game (issue 25): a view computing shows its progress with a Cancel that
 * stops its run and keeps what it shows, its limits are said under it, and "Policy over time"
 * stacks the actions with the most mass and one layer of all the others.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { layeredActions, MAX_LAYERS, PolicyAreas } from '../../../src/charts/PolicyAreas';
import { useStore } from '../../../src/state/store';

const cancelScope = vi.fn();
vi.mock('../../../src/engine/page', () => ({
  beginScope: () => ({}),
  endScope: () => {},
  cancelScope: (name: string) => cancelScope(name),
  chooseRaceEngine: () => 'reference',
}));

const { ComputeCaption } = await import('../../../src/ui/views/ComputeCaption');

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));
afterEach(() => {
  cleanup();
  cancelScope.mockClear();
});

describe('a view computing', () => {
  it('shows no bar until it has progress, then its share and a Cancel that stops its run', () => {
    useStore.getState().setViewStatus('sweep', { busy: true });
    const { rerender } = render(<ComputeCaption view="sweep" info={undefined} />);
    expect(screen.queryByRole('progressbar')).toBeNull();
    useStore.getState().setViewProgress('sweep', 0.42);
    rerender(<ComputeCaption view="sweep" info={undefined} />);
    const bar = screen.getByRole('progressbar', { name: 'Computing the sweep' });
    expect((bar as HTMLProgressElement).value).toBe(0.42);
    expect(screen.getByText(/42 %/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(cancelScope).toHaveBeenCalledWith('sweep');
    expect(useStore.getState().viewBusy.sweep).toBe(false);
    expect(useStore.getState().viewProgress.sweep).toBeUndefined();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('a result clears the progress, and its limits are said under it', () => {
    const s = useStore.getState();
    s.setViewStatus('sweep', { busy: true });
    s.setViewProgress('sweep', 0.9);
    const info = { ms: 1234, engine: 'tfjs', backend: 'wasm', limit: 'K = 1,024 actions: 4 × 4' };
    s.setViewResult('sweep', { data: [], info });
    expect(useStore.getState().viewProgress).toEqual({});
    render(<ComputeCaption view="sweep" info={info} />);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByText('K = 1,024 actions: 4 × 4')).toBeTruthy();
    expect(screen.getByText('Computed in 1,234 ms by tfjs (wasm)')).toBeTruthy();
  });
});

describe('Policy over time on a big game', () => {
  const K = 20;
  // Action i holds mass proportional to (i + 1) at every row: the last actions have the most.
  const rows = 3;
  const total = (K * (K + 1)) / 2;
  const policies = Float64Array.from({ length: rows * K }, (_, j) => ((j % K) + 1) / total);
  const actions = Array.from({ length: K }, (_, i) => `a${i}`);

  it('keeps every action up to MAX_LAYERS, else the MAX_LAYERS − 1 with the most mass', () => {
    expect(layeredActions(policies.subarray(0, 3 * 12), 12)).toEqual([...Array(12).keys()]);
    expect(layeredActions(policies, K)).toEqual(
      Array.from({ length: MAX_LAYERS - 1 }, (_, i) => K - 1 - i),
    );
  });

  it('draws those actions and one layer of the others, and the legend says how many', () => {
    render(
      <PolicyAreas
        solverName="Nash-MP"
        actions={actions}
        policies={policies}
        cursor={2}
        width={400}
      />,
    );
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toHaveLength(MAX_LAYERS);
    expect(items[0]).toBe('a19');
    expect(items[MAX_LAYERS - 1]).toBe('9 other actions');
    const others = (9 * 10) / 2 / total; // actions a0 … a8
    expect(screen.getByRole('img').getAttribute('aria-label')).toContain(
      `9 other actions ${(others * 100).toFixed(1)}%`,
    );
  });
});
