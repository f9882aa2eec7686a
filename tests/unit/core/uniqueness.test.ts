/**
 * Uniqueness of the β = 0 equilibrium (src/core/uniqueness.ts: strict complementarity and one
 * rank test) against the direct method: the range of every x_i over the equilibrium set, by two
 * linear programs per action.
 */
import { describe, expect, it } from 'vitest';
import { solveEquilibrium } from '../../../src/core/equilibrium';
import type { Game } from '../../../src/core/game';
import { simplexMaxLeq } from '../../../src/core/lp';
import { buildPreset, PRESETS } from '../../../src/core/presets';
import { mulberry32 } from '../../../src/core/random';
import { isUniqueEquilibrium, rank } from '../../../src/core/uniqueness';
import { parseGame } from '../../../src/core/validate';

/**
 * The oracle. With w = x/2 the equilibrium set is the optimal face {w ≥ 0 : Mw ≤ 1, 1ᵀw = ½} of
 * max 1ᵀw s.t. Mw ≤ 1, M = 2P + 1. Maximizing 1ᵀw ± ε·w_i stays on the face for small ε; a
 * solution with 1ᵀw = ½ is then the extreme of ±w_i over the face. Unique iff every range is
 * (numerically) a point.
 */
function uniqueByRanges(game: Game): boolean {
  const K = game.K;
  const M = Float64Array.from(game.P, (p) => 2 * p + 1);
  const b = new Float64Array(K).fill(1);
  for (let i = 0; i < K; i++) {
    const extremes: number[] = [];
    for (const sign of [1, -1]) {
      for (let eps = 1e-2; eps >= 1e-10; eps /= 10) {
        const c = new Float64Array(K).fill(1);
        c[i] = 1 + sign * eps;
        const r = simplexMaxLeq(c, M, b, K, K);
        const total = r.x.reduce((s, v) => s + v, 0);
        if (r.status === 'optimal' && total >= 0.5 - 1e-12) {
          extremes.push(2 * r.x[i]!);
          break;
        }
      }
    }
    if (extremes.length < 2) throw new Error('no certificate');
    if (Math.abs(extremes[0]! - extremes[1]!) > 1e-7) return false;
  }
  return true;
}

const fromPayoff = (A: number[][]): Game =>
  parseGame({ name: 'g', actions: A.map((_, i) => `a${i}`), payoff: A });

describe('uniqueness of π*₀', () => {
  it('every preset has a unique β = 0 equilibrium (both methods agree)', () => {
    for (const p of PRESETS) {
      const g = parseGame(buildPreset(p.id));
      expect(isUniqueEquilibrium(g, solveEquilibrium(g, 0).policy), p.id).toBe(true);
      expect(uniqueByRanges(g), p.id).toBe(true);
    }
  });

  it('hand-checked cases: duplicated action, a tie line, a null game', () => {
    // Two copies of rock: any split of ⅓ between them is an equilibrium.
    const twoRocks = fromPayoff([
      [0, 0, -1, 1],
      [0, 0, -1, 1],
      [1, 1, 0, -1],
      [-1, -1, 1, 0],
    ]);
    // Every row of A·x vanishes along x* + s(−5/6, −1/3, 1/6, 1): a segment of equilibria.
    const line = fromPayoff([
      [0, -1, 1, -0.5],
      [1, 0, -1, 1],
      [-1, 1, 0, -0.5],
      [0.5, -1, 0.5, 0],
    ]);
    const zero = fromPayoff([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    for (const g of [twoRocks, line, zero]) {
      expect(isUniqueEquilibrium(g, solveEquilibrium(g, 0).policy)).toBe(false);
      expect(uniqueByRanges(g)).toBe(false);
    }
    const s = 0.1;
    const x = [1 / 3 - (5 / 6) * s, 1 / 3 - s / 3, 1 / 3 + s / 6, s];
    for (let i = 0; i < 4; i++) {
      let v = 0;
      for (let j = 0; j < 4; j++) v += line.P[i * 4 + j]! * x[j]!;
      expect(v).toBeCloseTo(0.5, 14);
    }
  });

  it('agrees with the ranges on 300 random games with ties (entries in {−1, −½, 0, ½, 1})', () => {
    const rand = mulberry32(13);
    let unique = 0;
    for (let n = 0; n < 300; n++) {
      const K = 2 + Math.floor(rand() * 4);
      const A = Array.from({ length: K }, () => new Array<number>(K).fill(0));
      for (let i = 0; i < K; i++)
        for (let j = i + 1; j < K; j++) {
          const v = [-1, -0.5, 0, 0.5, 1][Math.floor(rand() * 5)]!;
          A[i]![j] = v;
          A[j]![i] = -v;
        }
      const g = fromPayoff(A);
      const u = isUniqueEquilibrium(g, solveEquilibrium(g, 0).policy);
      expect(u, JSON.stringify(A)).toBe(uniqueByRanges(g));
      if (u) unique++;
    }
    // Both kinds occur often enough for the agreement to mean something.
    expect(unique).toBeGreaterThan(50);
    expect(unique).toBeLessThan(250);
  });

  it('rank: full, deficient and empty', () => {
    expect(rank(Float64Array.from([1, 2, 2, 4]), 2, 2)).toBe(1);
    expect(rank(Float64Array.from([1, 2, 3, 4, 1, 1]), 3, 2)).toBe(2);
    expect(rank(new Float64Array(6), 3, 2)).toBe(0);
  });
});
