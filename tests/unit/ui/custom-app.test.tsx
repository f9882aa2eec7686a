// @vitest-environment jsdom
/**
 * Custom solvers in the app: the card checks a rule while it is typed and races it when the field
 * is left; several race at once beside the built-ins; they travel in links; a hostile rule from a
 * link is refused; a rule that blows up stops, named, while the others race on.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import LZString from 'lz-string';
import { buildPreset } from '../../../src/core/presets';
import { parseGame } from '../../../src/core/validate';
import type { RaceSettings } from '../../../src/experiment/race';
import { DEFAULT_EXPERIMENT, experimentOf, experimentToJson } from '../../../src/state/fields';
import { decodeExperiment, encodeExperiment } from '../../../src/state/link';
import { useStore } from '../../../src/state/store';
import { ChartsPanel } from '../../../src/ui/panels/ChartsPanel';
import { CustomSolvers } from '../../../src/ui/CustomSolvers';
import { referenceRace } from '../fixtures';

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));
afterEach(cleanup);

describe('the Custom solver card', () => {
  it('checks the rule while typing (positioned), races it on leaving the field, shows it typeset', async () => {
    render(<CustomSolvers />);
    fireEvent.click(screen.getByRole('button', { name: 'Add custom solver' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add custom solver' }));
    expect(useStore.getState().custom.map((c) => c.id)).toEqual(['c1', 'c2']);
    const formula = screen.getByRole('textbox', { name: 'Custom 1 formula' });
    fireEvent.change(formula, { target: { value: 'next = logpi + eta * P·foo' } });
    const issue = screen.getByRole('alert');
    expect(issue.textContent).toMatch(/^formula 1:24: unknown name 'foo'/);
    fireEvent.blur(formula);
    expect(useStore.getState().custom[0]!.formula).toBe('next = logpi + eta * P·pi');
    const extragradient =
      'half = logpi + eta * P·pi; next = (1 - eta * beta) * logpi + eta * beta * logmu + eta * P·softmax(half)';
    fireEvent.change(formula, { target: { value: extragradient } });
    expect(screen.queryByRole('alert')).toBeNull();
    // KaTeX loads with the first card, after it is drawn.
    expect(
      (await screen.findByRole('img', { name: 'Custom 1 rule, typeset' })).querySelector('.katex'),
    ).not.toBeNull();
    fireEvent.blur(formula);
    expect(useStore.getState().custom[0]!.formula).toBe(extragradient);
    const eta = screen.getByRole('spinbutton', { name: 'Custom 1 η' });
    fireEvent.change(eta, { target: { value: '500' } });
    fireEvent.blur(eta);
    expect(useStore.getState().customErrors.c1).toMatch(/η must be a number in \(0, 100\]/);
    expect(useStore.getState().custom[0]!.eta).toBe(0.1);
    fireEvent.click(screen.getByRole('button', { name: 'Remove Custom 2' }));
    expect(useStore.getState().custom.map((c) => c.id)).toEqual(['c1']);
  });
});

describe('custom solvers in links', () => {
  it('travel whole, and a hostile rule from a link is refused with its position', () => {
    useStore.getState().addCustomSolver();
    useStore.getState().editCustomSolver('c1', {
      formula: 'aux m = logpi; m = 0.5 * m + 0.5 * logpi; next = m + eta * P·pi',
      eta: 0.3,
    });
    const link = encodeExperiment(experimentOf(useStore.getState()));
    const back = decodeExperiment(link);
    expect(back.ok && back.value.custom).toEqual(useStore.getState().custom);
    const hostile = (formula: string): string => {
      const json = experimentToJson(DEFAULT_EXPERIMENT);
      json.custom = [{ id: 'c1', name: 'x', formula, eta: 0.1, color: '#112233' }];
      return `v1.${LZString.compressToEncodedURIComponent(JSON.stringify({ v: 1, ...json }))}`;
    };
    for (const [formula, message] of [
      ['next = constructor', /1:8: unknown name 'constructor'/],
      ['next = __proto__ + P·pi', /unknown name '__proto__'/],
      ['</script><img src=x onerror=alert(1)>', /formula 1:1/],
      ['next = ' + '('.repeat(1000) + 'logpi' + ')'.repeat(1000), /nest|deep|long/],
    ] as const) {
      const d = decodeExperiment(hostile(formula));
      expect(d.ok).toBe(false);
      if (!d.ok) expect(d.error).toMatch(message);
    }
  });
});

describe('a custom solver in the race', () => {
  const game = parseGame(buildPreset('rps'));
  function race(custom: RaceSettings['custom']) {
    const settings: RaceSettings = {
      game,
      beta: 0.1,
      solvers: ['nash-mp'],
      params: {},
      budget: 50,
      custom,
    };
    return referenceRace(settings);
  }

  it('races beside the built-ins with its own name and colour; MWU as a rule equals SPPO', () => {
    const r = race([
      {
        id: 'c1',
        name: 'My MWU',
        formula: 'next = logpi + eta * P·pi',
        eta: 0.1,
        color: '#332288',
      },
    ]);
    expect(r.traces.map((t) => [t.key, t.name, t.color])).toEqual([
      ['nash-mp', 'Nash-MP', r.traces[0]!.color],
      ['c1', 'My MWU', '#332288'],
    ]);
    const builtin = referenceRace({ game, beta: 0.1, solvers: ['sppo'], params: {}, budget: 50 })
      .traces[0]!;
    const mine = r.traces[1]!;
    for (let i = 0; i < mine.policies.length; i++)
      expect(Math.abs(mine.policies[i]! - builtin.policies[i]!)).toBeLessThan(1e-12);
  });

  it('a rule that produces ∞ stops at its first bad step, named in the legend; the others race on', () => {
    const r = race([
      {
        id: 'c1',
        name: 'Blows up',
        formula: 'x = exp(exp(exp(t))); next = logpi + x',
        eta: 0.1,
        color: '#882255',
      },
    ]);
    const stopped = r.traces.find((t) => t.key === 'c1')!;
    expect(stopped.stopped).toMatchObject({ step: 'x', value: 'infinite' });
    expect(r.traces[0]!.klToNE[50]!).toBeLessThan(1e-6);
    useStore.setState({ race: r, t: 50 });
    render(<ChartsPanel />);
    expect(screen.getByRole('note').textContent).toMatch(/stopped at t = \d+: step “x” gave ∞/);
  });
});
