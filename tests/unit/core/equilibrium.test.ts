import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveEquilibrium } from '../../../src/core/equilibrium';
import { simplexMaxLeq } from '../../../src/core/lp';
import {
  computeMetrics,
  exploitabilityOf,
  logBestResponse,
  winRates,
} from '../../../src/core/metrics';
import { buildPreset } from '../../../src/core/presets';
import { parseGame } from '../../../src/core/validate';
import { maxAbsDiff, RANDOM20, RPS, WRPS } from '../fixtures';

describe('linear program', () => {
  it('solves a textbook LP: max 3x + 5y, x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18 → (2, 6), 36', () => {
    const r = simplexMaxLeq([3, 5], [1, 0, 0, 2, 3, 2], [4, 12, 18], 3, 2);
    expect(r.status).toBe('optimal');
    expect(maxAbsDiff(r.x, [2, 6])).toBeLessThan(1e-12);
    expect(r.value).toBeCloseTo(36, 12);
  });

  it('reports an unbounded LP', () => {
    expect(simplexMaxLeq([1, 1], [1, -1], [1], 1, 2).status).toBe('unbounded');
  });

  it('survives a degenerate LP (Beale-style cycling example) with Bland’s fallback', () => {
    const c = [0.75, -150, 0.02, -6];
    const A = [0.25, -60, -0.04, 9, 0.5, -90, -0.02, 3, 0, 0, 1, 0];
    const r = simplexMaxLeq(c, A, [0, 0, 1], 3, 4);
    expect(r.status).toBe('optimal');
    expect(r.value).toBeCloseTo(0.05, 12);
  });
});

describe('β = 0 equilibria', () => {
  it('transitive game: pure on the top action', () => {
    const game = parseGame(buildPreset('transitive'));
    const eq = solveEquilibrium(game, 0);
    expect(maxAbsDiff(eq.policy, [0, 0, 0, 1])).toBeLessThan(1e-12);
  });

  it('random games up to K = 60 are solved with exploitability below 1e-12 (value ½)', () => {
    for (const spec of ['random:20:7', 'random:33:2', 'random:60:11']) {
      const game = parseGame(buildPreset(spec));
      const eq = solveEquilibrium(game, 0);
      expect(eq.exploitability).toBeLessThan(1e-12);
      expect(Math.abs(eq.policy.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-12);
      expect(Math.min(...eq.policy)).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('β > 0 equilibria', () => {
  it('are fixed points π = BR_β(π) to 1e-12 and have regGap < 1e-12, down to β = 1e-4', () => {
    for (const game of [RPS, WRPS, RANDOM20]) {
      for (const beta of [10, 1, 0.1, 0.01, 1e-3, 1e-4]) {
        const eq = solveEquilibrium(game, beta);
        const br = logBestResponse(game, beta, winRates(game, eq.policy));
        expect(maxAbsDiff(br.map(Math.exp), eq.policy)).toBeLessThan(1e-12);
        expect(eq.regGap).toBeLessThan(1e-12);
        expect(eq.policy.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
      }
    }
  });

  it('approach the β = 0 equilibrium as β → 0 (WRPS)', () => {
    const e0 = solveEquilibrium(WRPS, 0).policy;
    const gaps = [0.1, 0.01, 1e-3, 1e-4].map((b) =>
      maxAbsDiff(solveEquilibrium(WRPS, b).policy, e0),
    );
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeLessThan(gaps[i - 1]!);
    expect(gaps[3]!).toBeLessThan(1e-3);
  });

  it('equal μ for large β', () => {
    expect(maxAbsDiff(solveEquilibrium(RPS, 100).policy, RPS.reference)).toBeLessThan(0.01);
  });

  it('property: random games K = 2..8, β in [1e-3, 10] solve to regGap < 1e-12', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.double({ min: -3, max: 1, noNaN: true }),
        (K, seed, logBeta) => {
          const game = parseGame(buildPreset(`random:${K}:${seed}`));
          const beta = 10 ** logBeta;
          const eq = solveEquilibrium(game, beta);
          const m = computeMetrics(game, beta, eq.logPolicy, eq.logPolicy);
          expect(m.regGap).toBeLessThan(1e-12);
          expect(m.klToNE).toBe(0);
          expect(m.span).toBe(0);
        },
      ),
      { numRuns: 60, seed: 42 },
    );
  });

  it('exploitability of π*_β is positive but small for small β', () => {
    const eq = solveEquilibrium(WRPS, 1e-3);
    expect(exploitabilityOf(WRPS, eq.policy)).toBeGreaterThan(0);
    expect(exploitabilityOf(WRPS, eq.policy)).toBeLessThan(0.01);
  });

  it('refuses β < 0 and NaN', () => {
    expect(() => solveEquilibrium(RPS, -0.1)).toThrow(/β/);
    expect(() => solveEquilibrium(RPS, NaN)).toThrow(/β/);
  });
});
