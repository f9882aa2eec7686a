/**
 * The β = 0 equilibrium of big games (issue 25): the active-set solver of src/core/activeSet.ts
 * (a certified subgame LP) against the dense simplex on random games; games whose equilibrium is
 * not unique (repeated actions) or pure (a Condorcet winner); the steepest-edge simplex against
 * Dantzig's; and solveEquilibrium above DENSE_SIMPLEX_MAX_K, up to K = 1,024.
 */
import { describe, expect, it } from 'vitest';
import { ACTIVE_SET_TOLERANCE, solveByActiveSet } from '../../../src/core/activeSet';
import {
  DENSE_SIMPLEX_MAX_K,
  solveEquilibrium,
  targetEquilibrium,
} from '../../../src/core/equilibrium';
import type { Game } from '../../../src/core/game';
import { simplexMaxLeq, simplexMaxLeqSteepestEdge } from '../../../src/core/lp';
import { exploitabilityOf } from '../../../src/core/metrics';
import { buildPreset } from '../../../src/core/presets';
import { resolveParams } from '../../../src/core/solvers';
import { isUniqueEquilibrium } from '../../../src/core/uniqueness';
import { parseGame } from '../../../src/core/validate';

const game = (spec: string): Game => parseGame(buildPreset(spec));

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

function expectEquilibrium(g: Game, policy: Float64Array): void {
  expect(policy.every((p) => p >= 0)).toBe(true);
  expect(policy.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
  expect(exploitabilityOf(g, policy)).toBeLessThanOrEqual(1e-10);
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const supportOf = (policy: Float64Array): number[] =>
  range(policy.length).filter((i) => policy[i]! > 0);

/** The game on `source`'s actions listed in `pick` (repeats allowed: an action listed twice). */
function subgame(source: Game, pick: readonly number[]): Game {
  const K = source.K;
  return parseGame({
    name: `${source.name}, ${pick.length} actions`,
    actions: pick.map((i, r) => `a${i}-${r}`),
    preference: pick.map((i) => pick.map((j) => source.P[i * K + j]!)),
  });
}

describe('active set vs the dense simplex on random games', () => {
  const cases: [number, number[]][] = [
    [64, [1, 2, 3, 4]],
    [128, [1, 2, 3]],
    [256, [1, 2]],
  ];
  for (const [K, seeds] of cases) {
    for (const seed of seeds) {
      it(`random:${K}:${seed}: the same equilibrium, certified`, () => {
        const g = game(`random:${K}:${seed}`);
        const simplex = solveEquilibrium(g, 0);
        const active = solveByActiveSet(g);
        expect(active).not.toBeNull();
        expect(active!.exploitability).toBeLessThanOrEqual(ACTIVE_SET_TOLERANCE);
        expectEquilibrium(g, active!.policy);
        expect(maxDiff(active!.policy, simplex.policy)).toBeLessThan(1e-9);
        // The subgame holds the support and not much more.
        const support = simplex.policy.filter((p) => p > 0).length;
        expect(active!.candidates).toBeGreaterThanOrEqual(support);
        expect(active!.candidates).toBeLessThan(K);
      });
    }
  }
});

describe('equilibria that are not unique or pure', () => {
  it('repeated actions: an equilibrium (not unique), with or without the dense simplex', () => {
    const base = game('random:48:5');
    const support = supportOf(solveEquilibrium(base, 0).policy);
    // Every action, then three actions of the support again.
    const g = subgame(base, [...range(base.K), ...support.slice(0, 3)]);
    const active = solveByActiveSet(g);
    expect(active).not.toBeNull();
    expectEquilibrium(g, active!.policy);
    expect(isUniqueEquilibrium(g, active!.policy)).toBe(false);
    // Above DENSE_SIMPLEX_MAX_K, through solveEquilibrium: 270 actions and 30 repeats.
    const big = game('random:270:2');
    const repeats = supportOf(solveByActiveSet(big)!.policy).slice(0, 30);
    const repeated = subgame(big, [...range(big.K), ...repeats]);
    expect(repeated.K).toBeGreaterThan(DENSE_SIMPLEX_MAX_K);
    const eq = solveEquilibrium(repeated, 0);
    expectEquilibrium(repeated, eq.policy);
    expect(eq.unique).toBe(false);
  });

  it('tied preferences (P in {¼, ½, ¾}, a degenerate LP): certified to rounding', () => {
    const base = game('random:400:3');
    const K = base.K;
    // Rounded to quarters: the subgame's simplex piles up 1e-14 of rounding, which the polish on
    // the support removes.
    const quarter = (p: number): number => 0.5 + Math.round((p - 0.5) * 4) / 4;
    const preference = Array.from({ length: K }, (_, i) =>
      Array.from({ length: K }, (_, j) =>
        i <= j ? quarter(base.P[i * K + j]!) : 1 - quarter(base.P[j * K + i]!),
      ),
    );
    const g = parseGame({ name: 'Quarters', actions: base.actions, preference });
    const active = solveByActiveSet(g);
    expect(active).not.toBeNull();
    expectEquilibrium(g, active!.policy);
    expect(active!.exploitability).toBeLessThan(5e-15);
  });

  it('a Condorcet winner: the pure equilibrium', () => {
    const transitive = game('transitive');
    expect(Array.from(solveByActiveSet(transitive)!.policy)).toEqual([0, 0, 0, 1]);
    // A random game of 300 actions in which action 17 beats every other with probability 0.6.
    const base = game('random:300:4');
    const K = base.K;
    const preference = Array.from({ length: K }, (_, i) =>
      Array.from({ length: K }, (_, j) =>
        i === j ? 0.5 : i === 17 ? 0.6 : j === 17 ? 0.4 : base.P[i * K + j]!,
      ),
    );
    const g = parseGame({ name: 'Condorcet', actions: base.actions, preference });
    const eq = solveEquilibrium(g, 0);
    expect(eq.policy[17]).toBe(1);
    expect(eq.exploitability).toBe(0);
    expect(eq.unique).toBe(true);
  });
});

describe('the steepest-edge simplex', () => {
  it('finds the dense simplex’s equilibrium in fewer pivots', () => {
    for (const seed of [1, 2, 3]) {
      const g = game(`random:96:${seed}`);
      const K = g.K;
      const M = g.P.map((p) => 2 * p + 1);
      const ones = new Float64Array(K).fill(1);
      const dantzig = simplexMaxLeq(ones, M, ones, K, K);
      const steepest = simplexMaxLeqSteepestEdge(ones, M, ones, K, K);
      expect(steepest.status).toBe('optimal');
      expect(steepest.value).toBeCloseTo(dantzig.value, 12);
      expect(maxDiff(steepest.x, dantzig.x)).toBeLessThan(1e-10);
      expect(steepest.pivots).toBeLessThan(dantzig.pivots);
    }
  });

  it('solves small LPs exactly (a textbook example, a degenerate one, an unbounded one)', () => {
    // max 3x + 5y s.t. x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18: (2, 6), value 36.
    const lp = simplexMaxLeqSteepestEdge([3, 5], [1, 0, 0, 2, 3, 2], [4, 12, 18], 3, 2);
    expect(lp.status).toBe('optimal');
    expect(Array.from(lp.x).map((v) => +v.toFixed(12))).toEqual([2, 6]);
    expect(lp.value).toBeCloseTo(36, 12);
    // Degenerate at the origin: max x + y s.t. x − y ≤ 0, −x + y ≤ 0, x + y ≤ 2.
    const degenerate = simplexMaxLeqSteepestEdge([1, 1], [1, -1, -1, 1, 1, 1], [0, 0, 2], 3, 2);
    expect(degenerate.status).toBe('optimal');
    expect(degenerate.value).toBeCloseTo(2, 12);
    expect(simplexMaxLeqSteepestEdge([1, 1], [1, -1], [1], 1, 2).status).toBe('unbounded');
  });
});

describe('solveEquilibrium above DENSE_SIMPLEX_MAX_K', () => {
  it('gives mpo its target π*₀ (K = 301): certified and unique', () => {
    const g = game('random:301:7');
    const eq = targetEquilibrium(g, 'mpo', resolveParams('mpo', 0.1));
    expect(eq.beta).toBe(0);
    expectEquilibrium(g, eq.policy);
    expect(eq.unique).toBe(true);
    expect(eq).toBe(solveEquilibrium(g, 0));
  });

  it('random:512:1 and random:1024:1: certified, unique', () => {
    for (const spec of ['random:512:1', 'random:1024:1']) {
      const g = game(spec);
      const eq = solveEquilibrium(g, 0);
      expect(eq.method).toBe('linear-program');
      expectEquilibrium(g, eq.policy);
      expect(eq.exploitability).toBeLessThanOrEqual(2e-12);
      expect(eq.unique).toBe(true);
      const support = eq.policy.filter((p) => p > 0).length;
      expect(support % 2).toBe(1); // a generic skew-symmetric game's support is odd
      expect(support).toBeGreaterThan(g.K / 3);
    }
  }, 120_000);
});
