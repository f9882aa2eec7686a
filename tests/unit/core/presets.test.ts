/** Built-in games: each is valid, moves, and has the structure its description promises. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { aggregateAnnotators } from '../../../src/core/annotators';
import { solveEquilibrium } from '../../../src/core/equilibrium';
import { entry, type Game } from '../../../src/core/game';
import { exploitabilityOf } from '../../../src/core/metrics';
import {
  buildPreset,
  CONDORCET_GROUPS,
  DEFAULT_PRESET,
  isPresetSpec,
  PRESETS,
  PresetError,
} from '../../../src/core/presets';
import { mulberry32 } from '../../../src/core/random';
import { parseGame } from '../../../src/core/validate';

const IDS = [
  'rps',
  'weighted-rps',
  'rps-dud',
  'rpsls',
  'condorcet-annotators',
  'transitive',
  'cyclic-transitive',
  'world-cup-winners',
  'random',
  'egpo-grid',
];

function game(spec: string): Game {
  return parseGame(buildPreset(spec));
}

/** max_i (P·π)_i − ½, computed here from the matrix. */
function exploitability(g: Game, pi: ArrayLike<number>): number {
  let best = -Infinity;
  for (let i = 0; i < g.K; i++) {
    let s = 0;
    for (let j = 0; j < g.K; j++) s += entry(g, i, j) * pi[j]!;
    best = Math.max(best, s);
  }
  return best - 0.5;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

function rows(g: Game): number[][] {
  return Array.from({ length: g.K }, (_, i) => Array.from(g.P.subarray(i * g.K, (i + 1) * g.K)));
}

/** True when some triple i ≻ j ≻ k ≻ i (strictly) exists. */
function hasCycle(P: number[][]): boolean {
  const K = P.length;
  for (let i = 0; i < K; i++)
    for (let j = 0; j < K; j++)
      for (let k = 0; k < K; k++)
        if (P[i]![j]! > 0.5 && P[j]![k]! > 0.5 && P[k]![i]! > 0.5) return true;
  return false;
}

const sigma = (x: number) => 1 / (1 + Math.exp(-x));

describe('every preset', () => {
  it('lists exactly the expected ids, with unique ids and a default', () => {
    expect(PRESETS.map((p) => p.id)).toEqual(IDS);
    expect(IDS).toContain(DEFAULT_PRESET);
  });

  describe.each(IDS)('%s', (id) => {
    const preset = PRESETS.find((p) => p.id === id)!;
    const json = buildPreset(id);
    const g = parseGame(json);

    it('builds a game that passes parseGame', () => {
      expect(g.K).toBeGreaterThanOrEqual(2);
      expect(g.actions).toHaveLength(g.K);
      expect(isPresetSpec(id)).toBe(true);
    });

    it('has a non-empty one-line description', () => {
      for (const d of [preset.description, json.description ?? '', g.description]) {
        expect(d.trim().length).toBeGreaterThan(0);
        expect(d).not.toMatch(/[\r\n]/);
      }
      expect(preset.name.trim().length).toBeGreaterThan(0);
      expect(json.name).not.toMatch(/[\r\n]/);
    });

    it('starts away from the β = 0 equilibrium (exploitability > 0.01)', () => {
      expect(json.start).toBeDefined();
      const e = exploitability(g, g.start);
      expect(e).toBeGreaterThan(0.01);
      expect(exploitabilityOf(g, g.start)).toBeCloseTo(e, 14);
      // …while the equilibrium itself is unexploitable.
      expect(exploitability(g, solveEquilibrium(g, 0).policy)).toBeLessThan(1e-9);
    });

    it('declares its arguments consistently', () => {
      for (const arg of preset.args) {
        expect(arg.min).toBeLessThanOrEqual(arg.default);
        expect(arg.default).toBeLessThanOrEqual(arg.max);
        if (arg.integer) expect(Number.isInteger(arg.default)).toBe(true);
      }
    });
  });
});

describe('rps', () => {
  it('has exactly the RPS matrix and a uniform β = 0 equilibrium', () => {
    const g = game('rps');
    expect(rows(g)).toEqual([
      [0.5, 0, 1],
      [1, 0.5, 0],
      [0, 1, 0.5],
    ]);
    expect(maxAbsDiff(solveEquilibrium(g, 0).policy, [1 / 3, 1 / 3, 1 / 3])).toBeLessThan(1e-12);
  });
});

describe('weighted-rps', () => {
  it('has the β = 0 equilibrium (5/9, 1/3, 1/9)', () => {
    const eq = solveEquilibrium(game('weighted-rps'), 0);
    expect(maxAbsDiff(eq.policy, [5 / 9, 1 / 3, 1 / 9])).toBeLessThan(1e-9);
  });
});

describe('rps-dud', () => {
  it('the dud is dominated: π*₀ = (⅓, ⅓, ⅓, 0), unique; π*_0.1 still plays it', () => {
    const g = game('rps-dud');
    const eq = solveEquilibrium(g, 0);
    expect(maxAbsDiff(eq.policy, [1 / 3, 1 / 3, 1 / 3, 0])).toBeLessThan(1e-12);
    expect(eq.unique).toBe(true);
    // (0.9 rock, 0.1 paper) beats the dud's row against every action.
    const P = rows(g);
    for (let j = 0; j < 4; j++)
      expect(0.9 * P[0]![j]! + 0.1 * P[1]![j]!).toBeGreaterThan(P[3]![j]!);
    expect(solveEquilibrium(g, 0.1).policy[3]!).toBeGreaterThan(0.01);
  });
});

describe('rpsls', () => {
  it('has each action beat exactly two others and lose to two', () => {
    const g = game('rpsls');
    const P = rows(g);
    expect(g.K).toBe(5);
    for (let i = 0; i < 5; i++) {
      expect(P[i]!.filter((v) => v === 1)).toHaveLength(2);
      expect(P[i]!.filter((v) => v === 0)).toHaveLength(2);
      expect(P[i]![i]).toBe(0.5);
    }
  });

  it('has a uniform β = 0 equilibrium', () => {
    const eq = solveEquilibrium(game('rpsls'), 0);
    expect(maxAbsDiff(eq.policy, new Array<number>(5).fill(0.2))).toBeLessThan(1e-12);
  });
});

describe('condorcet-annotators', () => {
  it.each(CONDORCET_GROUPS.map((g) => [g.name, g] as const))(
    'the group %s is transitive on its own',
    (_name, group) => {
      const P = aggregateAnnotators([group]);
      expect(hasCycle(P)).toBe(false);
      // Its preferences follow its Bradley–Terry scores.
      for (let i = 0; i < P.length; i++)
        for (let j = 0; j < P.length; j++)
          if (i !== j) expect(P[i]![j]! > 0.5).toBe(group.scores[i]! > group.scores[j]!);
    },
  );

  it('aggregates to a Condorcet cycle concise ≻ detailed ≻ friendly ≻ concise', () => {
    const g = game('condorcet-annotators');
    expect(g.actions).toEqual(['concise', 'detailed', 'friendly']);
    expect(entry(g, 0, 1)).toBeGreaterThan(0.5);
    expect(entry(g, 1, 2)).toBeGreaterThan(0.5);
    expect(entry(g, 2, 0)).toBeGreaterThan(0.5);
    expect(hasCycle(rows(g))).toBe(true);
  });

  it('matches a hand-computed entry', () => {
    // concise vs detailed: experts σ(3 − 1.5), students σ(0 − 3), casual users σ(1.5 − 0).
    const expected = (sigma(1.5) + sigma(-3) + sigma(1.5)) / 3;
    const P = aggregateAnnotators(CONDORCET_GROUPS);
    expect(P[0]![1]).toBeCloseTo(expected, 14);
    expect(P[1]![0]).toBe(1 - P[0]![1]!);
    expect(P[0]![1]).toBeCloseTo(0.56087, 4);
  });

  it('weights groups by population share', () => {
    const groups = [
      { name: 'a', weight: 3, scores: [1, 0] },
      { name: 'b', weight: 1, scores: [0, 2] },
    ];
    const P = aggregateAnnotators(groups);
    expect(P[0]![1]).toBeCloseTo(0.75 * sigma(1) + 0.25 * sigma(-2), 15);
    expect(P[0]![0]).toBe(0.5);
    expect(() => aggregateAnnotators([])).toThrow();
  });
});

describe('transitive', () => {
  it("has a pure β = 0 equilibrium on the top action ('great')", () => {
    const g = game('transitive');
    const top = g.actions.indexOf('great');
    expect(top).toBeGreaterThanOrEqual(0);
    const eq = solveEquilibrium(g, 0);
    expect(eq.policy[top]).toBeGreaterThan(1 - 1e-12);
    for (let i = 0; i < g.K; i++) if (i !== top) expect(eq.policy[i]).toBeLessThan(1e-12);
  });
});

describe('cyclic-transitive', () => {
  it('is exactly RPS at λ = 0', () => {
    expect(rows(game('cyclic-transitive:0'))).toEqual(rows(game('rps')));
  });

  it('is transitive at λ = 1 (a pure equilibrium)', () => {
    const g = game('cyclic-transitive:1');
    expect(hasCycle(rows(g))).toBe(false);
    const eq = solveEquilibrium(g, 0);
    expect(eq.policy[0]).toBeGreaterThan(1 - 1e-12); // rock ≻ paper ≻ scissors
  });

  it('parses its argument', () => {
    const json = buildPreset('cyclic-transitive:0.3');
    expect(json.name).toContain('0.3');
    const P = json.preference!;
    expect(P[0]![1]).toBeCloseTo(0.7 * 0 + 0.3 * sigma(1), 15);
    expect(P[0]![2]).toBeCloseTo(0.7 * 1 + 0.3 * sigma(2), 15);
    // Default λ = 0.5, with or without the colon.
    expect(buildPreset('cyclic-transitive')).toEqual(buildPreset('cyclic-transitive:0.5'));
    expect(buildPreset('cyclic-transitive:')).toEqual(buildPreset('cyclic-transitive:0.5'));
  });

  it.each(['2', '-0.1', 'abc', 'NaN', 'Infinity'])('refuses λ = %s', (raw) => {
    expect(() => buildPreset(`cyclic-transitive:${raw}`)).toThrow(PresetError);
    expect(() => buildPreset(`cyclic-transitive:${raw}`)).toThrow(/lambda/);
  });
});

describe('random', () => {
  it('is deterministic for a seed and respects K', () => {
    const a = buildPreset('random:20:7');
    expect(buildPreset('random:20:7')).toEqual(a);
    const g = parseGame(a);
    expect(g.K).toBe(20);
    expect(new Set(g.actions).size).toBe(20);
  });

  it('differs between seeds', () => {
    expect(buildPreset('random:20:8').preference).not.toEqual(
      buildPreset('random:20:7').preference,
    );
  });

  it('defaults to K = 5, seed 1', () => {
    const d = buildPreset('random');
    expect(d).toEqual(buildPreset('random:5:1'));
    expect(d.actions).toHaveLength(5);
    expect(buildPreset('random:5')).toEqual(d);
    expect(buildPreset('random::1')).toEqual(d);
  });

  it('builds valid games across K and seeds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.nat(), (K, seed) => {
        const g = game(`random:${K}:${seed}`);
        expect(g.K).toBe(K);
        for (const x of g.start) expect(x).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
  });

  it.each([
    ['random:1', 'K'],
    ['random:1025', 'K'],
    ['random:5:-1', 'seed'],
    ['random:5:1.5', 'seed'],
    ['random:2.5', 'K'],
    ['random:x', 'K'],
    ['random:5:4294967296', 'seed'],
  ])('refuses %s, naming %s', (spec, arg) => {
    let caught: unknown;
    try {
      buildPreset(spec);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(PresetError);
    const message = (caught as Error).message;
    expect(message).toContain(`${arg} must be`);
    expect(message).toContain(`'${spec.split(':').at(-1)}'`);
    expect((caught as Error).name).toBe('PresetError');
  });

  it('refuses too many arguments, naming the ones it takes', () => {
    expect(() => buildPreset('random:5:1:3')).toThrow(PresetError);
    expect(() => buildPreset('random:5:1:3')).toThrow(/at most 2 arguments \(K, seed\)/);
  });

  it('refuses arguments to a preset that takes none', () => {
    expect(() => buildPreset('rps:3')).toThrow(PresetError);
    expect(() => buildPreset('rps:3')).toThrow(/'rps' takes no arguments/);
  });
});

describe('unknown presets', () => {
  it('throws PresetError listing the known ids', () => {
    let caught: unknown;
    try {
      buildPreset('rock-paper');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(PresetError);
    const message = (caught as Error).message;
    expect(message).toContain("'rock-paper'");
    for (const id of IDS) expect(message).toContain(id);
    expect(isPresetSpec('rock-paper')).toBe(false);
    expect(isPresetSpec('random:3:4')).toBe(true);
  });
});

describe('mulberry32', () => {
  it('is deterministic and in [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 33), max: 2 ** 33 }), (seed) => {
        const a = mulberry32(seed);
        const b = mulberry32(seed);
        for (let n = 0; n < 50; n++) {
          const x = a();
          expect(b()).toBe(x);
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('gives different streams for different seeds and a spread of values', () => {
    const a = Array.from({ length: 8 }, mulberry32(1));
    const b = Array.from({ length: 8 }, mulberry32(2));
    expect(a).not.toEqual(b);
    const r = mulberry32(42);
    let sum = 0;
    const n = 10_000;
    for (let i = 0; i < n; i++) sum += r();
    expect(sum / n).toBeGreaterThan(0.48);
    expect(sum / n).toBeLessThan(0.52);
  });
});
