// @vitest-environment jsdom
/**
 * The page's look in components (Testing Library): the charts' skeleton before the first race,
 * the legend's isolate toggle, the Engine select and its policy, the theme toggle and what it
 * remembers, present mode's keys, and the dark palette on the lines.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildPreset } from '../../../src/core/presets';
import { SOLVER_PALETTE_DARK } from '../../../src/core/solvers/palette';
import { parseGame } from '../../../src/core/validate';
import { REFERENCE_WORK } from '../../../src/engine/choice';
import { raceSpec, type RaceSettings } from '../../../src/experiment/race';
import { useStore } from '../../../src/state/store';
import { ChartsPanel } from '../../../src/ui/panels/ChartsPanel';
import { useKeyboard } from '../../../src/ui/hooks';
import { raceEngineOf } from '../../../src/ui/raceRunner';
import { startTheme, THEME_KEY, toggleTheme } from '../../../src/ui/theme';
import { referenceRace } from '../fixtures';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));
afterEach(() => {
  cleanup();
  localStorage.clear();
  vi.unstubAllGlobals();
});

function race(over: Partial<RaceSettings> = {}) {
  const settings: RaceSettings = {
    game: parseGame(buildPreset('rps')),
    beta: 0.1,
    solvers: ['nash-mp', 'inpo', 'sppo'],
    params: {},
    budget: 50,
    ...over,
  };
  return referenceRace(settings);
}

const chart = (title: string): Element =>
  document.querySelector(`svg[role="img"][aria-label^="${title}"]`)!;

describe('the charts before and after the first race', () => {
  it('before: the same three captions over empty frames and one status line, no lone "Computing…"', () => {
    render(<ChartsPanel />);
    expect(screen.getByRole('status').textContent).toBe('Computing the first race…');
    expect(Array.from(document.querySelectorAll('figcaption'), (f) => f.textContent)).toEqual([
      'Convergence',
      'Exploitability',
      'Simplex',
    ]);
    expect(document.querySelectorAll('.chart-grid .plot')).toHaveLength(3);
  });

  it('after: at iteration 0 the whole race is drawn faintly in every chart', () => {
    useStore.setState({ race: race(), t: 0 });
    render(<ChartsPanel />);
    for (const title of ['Convergence', 'Exploitability', 'Simplex'])
      expect(chart(title).querySelectorAll('[data-ghost]'), title).toHaveLength(3);
  });
});

describe('the legend', () => {
  it('a click shows one solver alone in every chart; a second click shows all again', () => {
    useStore.setState({ race: race(), t: 50 });
    render(<ChartsPanel />);
    const inpo = screen.getByRole('button', { name: 'INPO' });
    expect(inpo.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(inpo);
    expect(inpo.getAttribute('aria-pressed')).toBe('true');
    for (const title of ['Convergence', 'Exploitability', 'Simplex']) {
      const muted = Array.from(chart(title).querySelectorAll('[data-solver][data-muted]'), (e) =>
        e.getAttribute('data-solver'),
      );
      expect(muted, title).toEqual(['nash-mp', 'sppo']);
    }
    expect(chart('Convergence').getAttribute('aria-label')).toMatch(/\. INPO [^;]+$/);
    fireEvent.click(inpo);
    expect(document.querySelectorAll('[data-muted]')).toHaveLength(0);
  });

  it('a classroom link shows the entries without buttons', () => {
    useStore.setState({ race: race(), t: 50 });
    render(<ChartsPanel classroom />);
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    // Each solver's entry: its name, then where it stays ≤ ε (the hitting time).
    const entries = Array.from(document.querySelectorAll('.legend li'), (li) => li.textContent);
    expect(
      entries.map((text) => text!.replace(/(stays ≤ ε from iteration|not within).*/, '')),
    ).toEqual([
      'Nash-MP',
      'INPO',
      'SPPO / MWU',
      'proven rate (bound)',
      // INPO's 3200/(T+1) lies above the plot for the whole run at β = 0.1.
      'INPO bound off scale',
    ]);
    expect(
      entries
        .slice(0, 3)
        .every((text) => /stays ≤ ε from iteration|not within the budget/.test(text!)),
    ).toBe(true);
  });
});

describe('the Engine select', () => {
  it('lists auto and the three engines; a choice is the experiment field `engine`', () => {
    useStore.setState({ race: race(), t: 0 });
    render(<ChartsPanel />);
    const select = screen.getByRole('combobox', { name: 'Engine' });
    expect(Array.from((select as HTMLSelectElement).options, (o) => o.text)).toEqual([
      'auto',
      'WebGPU kernels',
      'tfjs',
      'float64 reference',
    ]);
    fireEvent.change(select, { target: { value: 'fused' } });
    expect(useStore.getState().engine).toBe('fused');
  });

  it('auto keeps the app policy (reference for small races); the others are forced', () => {
    const small = raceSpec({
      game: parseGame(buildPreset('rps')),
      beta: 0.1,
      solvers: ['nash-mp'],
      params: {},
      budget: 100,
    });
    expect(raceEngineOf('auto', small)).toBe('reference');
    const big = { ...small, steps: Math.ceil(REFERENCE_WORK / 9) * 4 };
    expect(raceEngineOf('auto', big)).toBe('auto');
    for (const forced of ['fused', 'tfjs', 'reference'] as const)
      expect(raceEngineOf(forced, small)).toBe(forced);
  });
});

describe('the theme', () => {
  function system(dark: boolean): { flip(dark: boolean): void } {
    let listener: ((e: { matches: boolean }) => void) | null = null;
    vi.stubGlobal('matchMedia', () => ({
      matches: dark,
      addEventListener: (_: string, l: (e: { matches: boolean }) => void) => (listener = l),
      removeEventListener: () => (listener = null),
    }));
    return { flip: (d) => listener?.({ matches: d }) };
  }

  it("follows the system's until toggled; the toggle is remembered by the browser", () => {
    const media = system(true);
    const stop = startTheme();
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(useStore.getState().theme).toBe('dark');
    act(() => media.flip(false));
    expect(document.documentElement.dataset.theme).toBe('light');
    toggleTheme();
    expect(localStorage.getItem(THEME_KEY)).toBe('dark');
    // A stored choice wins over the system's.
    act(() => media.flip(false));
    expect(document.documentElement.dataset.theme).toBe('dark');
    stop();
  });

  it('draws the dark palette on the lines in the dark theme', () => {
    useStore.setState({ race: race({ solvers: ['mmd'] }), t: 50, theme: 'dark' });
    render(<ChartsPanel />);
    // MMD is black in the light palette: a light colour of the dark one here.
    const stroke = chart('Convergence')
      .querySelector('[data-solver="mmd"]')!
      .getAttribute('stroke');
    expect(SOLVER_PALETTE_DARK).toContain(stroke);
    expect(stroke).not.toBe('#000000');
  });
});

describe('present mode keys', () => {
  function Keys() {
    useKeyboard();
    return null;
  }

  it('P enters and leaves; Esc leaves, also from a focused field', () => {
    render(
      <>
        <Keys />
        <input aria-label="field" />
      </>,
    );
    fireEvent.keyDown(window, { key: 'p' });
    expect(useStore.getState().presenting).toBe(true);
    fireEvent.keyDown(window, { key: 'P' });
    expect(useStore.getState().presenting).toBe(false);
    fireEvent.keyDown(window, { key: 'p' });
    const field = screen.getByRole('textbox', { name: 'field' });
    // Typing a "p" into a field is typing, not presenting.
    fireEvent.keyDown(field, { key: 'p' });
    expect(useStore.getState().presenting).toBe(true);
    fireEvent.keyDown(field, { key: 'Escape' });
    expect(useStore.getState().presenting).toBe(false);
  });
});
