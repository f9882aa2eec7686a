// @vitest-environment jsdom
/**
 * The page while a big game computes (issue 25): the skeleton's status line shows the progress and
 * the time left, Cancel stops the run and keeps the race shown, and an experiment too big for a
 * link is refused with a message instead of a multi-megabyte address.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildPreset } from '../../../src/core/presets';
import { parseGame } from '../../../src/core/validate';
import { MAX_LINK_LENGTH } from '../../../src/state/link';
import { useStore } from '../../../src/state/store';
import { ChartsSkeleton } from '../../../src/ui/panels/ChartsSkeleton';
import { linkRefusal } from '../../../src/ui/persistence';
import { referenceRace } from '../fixtures';

const cancelScope = vi.fn();
vi.mock('../../../src/engine/page', () => ({
  beginScope: () => ({}),
  endScope: () => {},
  cancelScope: (name: string) => cancelScope(name),
  chooseRaceEngine: () => 'reference',
}));

const { Playback } = await import('../../../src/ui/Playback');

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));
afterEach(() => {
  cleanup();
  cancelScope.mockClear();
});

describe('a race computing', () => {
  it('the skeleton says how far it is and how long is left', () => {
    useStore.setState({ computing: true, progress: { fraction: 0.12, secondsLeft: 29.2 } });
    render(<ChartsSkeleton charts={['convergence']} />);
    expect(screen.getByRole('status').textContent).toBe(
      'Computing the first race… 12 %, about 30 s left',
    );
  });

  it('Cancel stops the run in flight and keeps the race shown', () => {
    const race = referenceRace({
      game: parseGame(buildPreset('rps')),
      beta: 0.1,
      solvers: ['nash-mp'],
      params: {},
      budget: 20,
    });
    useStore.setState({ race, computing: true, progress: { fraction: 0.3, secondsLeft: null } });
    render(<Playback />);
    expect(screen.getByRole('progressbar', { name: 'Computing the race' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(cancelScope).toHaveBeenCalledWith('race');
    const s = useStore.getState();
    expect(s.race).toBe(race);
    expect(s.computing).toBe(false);
    expect(s.progress).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });
});

describe('links of big experiments', () => {
  it('are refused with a message above MAX_LINK_LENGTH', () => {
    expect(linkRefusal('v1.short')).toBeNull();
    expect(linkRefusal('x'.repeat(MAX_LINK_LENGTH))).toBeNull();
    expect(linkRefusal('x'.repeat(MAX_LINK_LENGTH + 1))).toMatch(
      /too big for a link \(65,537 characters; at most 65,536\)/,
    );
  });
});
