// @vitest-environment jsdom
/**
 * Pins (issue 21, item 8): "Pin" keeps the race as thin grey lines labelled with what differs,
 * up to three, removable, for the session only (not in links), and the CSV export can include
 * them. "Reproduce" (item 7): the dialog shows and copies the CLI commands and the Python script.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { raceCsv } from '../../../src/experiment/exports';
import { csvWithPins, MAX_PINS, pinDifferences, pinLabel } from '../../../src/experiment/pins';
import type { RaceSettings } from '../../../src/experiment/race';
import { encodeExperiment } from '../../../src/state/link';
import { experimentOf } from '../../../src/state/fields';
import { useStore } from '../../../src/state/store';
import { ConvergenceChart } from '../../../src/ui/panels/ConvergenceChart';
import { PinControls } from '../../../src/ui/panels/Pins';
import { ReproduceButton } from '../../../src/ui/Reproduce';
import { referenceRace, RPS } from '../fixtures';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));
afterEach(cleanup);

const BASE: RaceSettings = {
  game: RPS,
  beta: 0.1,
  solvers: ['nash-mp', 'egpo'],
  params: {},
  budget: 60,
};

describe('what a pin says differed', () => {
  it('names the pinned values that differ from the race shown', () => {
    expect(pinLabel(BASE, { ...BASE, beta: 0.3 })).toBe('β 0.1');
    expect(pinLabel({ ...BASE, params: { 'nash-mp': { eta: 2 } } }, BASE)).toBe('η 2');
    expect(
      pinDifferences({ ...BASE, params: { 'nash-mp': { eta: 2 }, egpo: { eta: 0.5 } } }, BASE),
    ).toEqual(['Nash-MP η 2', 'EGPO η 0.5']);
    expect(pinDifferences({ ...BASE, budget: 500 }, { ...BASE, beta: 1 })).toEqual([
      'β 0.1',
      '500 iterations',
    ]);
    expect(pinLabel(BASE, { ...BASE })).toBe('same settings');
  });
});

describe('pins in the store and on the charts', () => {
  it('up to three, removable, never in the link', () => {
    const link = encodeExperiment(experimentOf(useStore.getState()));
    for (let i = 0; i < MAX_PINS + 1; i++) {
      useStore.getState().setRace(referenceRace({ ...BASE, beta: 0.1 * (i + 1) }));
      useStore.getState().pinRace();
    }
    expect(useStore.getState().pins).toHaveLength(MAX_PINS);
    expect(encodeExperiment(experimentOf(useStore.getState()))).toBe(link);
    useStore.getState().unpin(useStore.getState().pins[0]!.id);
    expect(useStore.getState().pins).toHaveLength(MAX_PINS - 1);
  });

  it('"Pin" adds a chip labelled with the difference; its × removes it', () => {
    useStore.getState().setRace(referenceRace(BASE));
    render(<PinControls />);
    fireEvent.click(screen.getByRole('button', { name: 'Pin' }));
    expect(screen.getByRole('button', { name: 'Pin' })).toHaveProperty('disabled', true);
    act(() => useStore.getState().setRace(referenceRace({ ...BASE, beta: 0.5 })));
    fireEvent.click(screen.getByRole('button', { name: 'Remove pin β 0.1' }));
    expect(useStore.getState().pins).toHaveLength(0);
  });

  it('the convergence chart draws a pinned race as grey lines with its label', () => {
    useStore.getState().setRace(referenceRace(BASE));
    useStore.getState().pinRace();
    const race = referenceRace({ ...BASE, beta: 0.4 });
    useStore.getState().setRace(race);
    const { container } = render(
      <ConvergenceChart race={race} cursor={race.budget} exportable={false} />,
    );
    const pin = container.querySelector('[data-pin]')!;
    expect(pin.querySelectorAll('path')).toHaveLength(2);
    expect(pin.querySelector('text')!.textContent).toBe('β 0.1');
    expect(pin.querySelector('path')!.getAttribute('stroke')).toBe('var(--chart-pin, #8a8f98)');
    expect(container.querySelector('svg[role="img"]')!.getAttribute('aria-label')).toContain(
      'pinned races in grey: β 0.1',
    );
  });

  it('the CSV with pins names each row’s race and keeps every column', () => {
    const current = referenceRace({ ...BASE, beta: 0.4 });
    const pinned = referenceRace({ ...BASE, solvers: ['nash-mp'], budget: 10 });
    const csv = csvWithPins(raceCsv(current), [{ label: 'β 0.1', csv: raceCsv(pinned) }]);
    const all = csv.trimEnd().split('\n');
    // The current race's caption first, then the pin's, named; then the table.
    expect(all[0]).toMatch(/^# Nash Playground race: .* β = 0\.4/);
    expect(all.some((l) => /^# pin β 0\.1: Nash Playground race: .* β = 0\.1/.test(l))).toBe(true);
    const lines = all.filter((l) => !l.startsWith('#'));
    expect(lines[0]).toBe(
      'race,solver,t,queries,klToNE,exploitability,regGap,avg_klToNE,avg_exploitability,avg_regGap,p(rock),p(paper),p(scissors)',
    );
    expect(lines.filter((l) => l.startsWith('current,'))).toHaveLength(2 * 61);
    expect(lines.filter((l) => l.startsWith('β 0.1,nash-mp,'))).toHaveLength(11);
  });
});

describe('the Reproduce dialog', () => {
  it('shows the commands and the script and copies each', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    useStore.getState().setRace(referenceRace(BASE));
    render(<ReproduceButton />);
    fireEvent.click(screen.getByRole('button', { name: 'Reproduce' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reproduce this race' });
    const commands = screen.getByLabelText('The CLI commands').textContent!;
    expect(commands).toContain('npm run -s cli -- run --game game.json --solver nash-mp');
    expect(commands).toContain('--solver egpo');
    expect(screen.getByLabelText('The Python script').textContent).toMatch(
      /^#!\/usr\/bin\/env python3/,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Copy commands' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(commands));
    fireEvent.click(screen.getByRole('button', { name: 'Copy script' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(2));
    expect(dialog).toBeTruthy();
  });
});
