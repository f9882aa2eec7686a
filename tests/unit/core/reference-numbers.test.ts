/** The numbers of docs/algorithms.md §8, reproduced by the float64 reference engine. */
import { describe, expect, it } from 'vitest';
import { solveEquilibrium } from '../../../src/core/equilibrium';
import { computeMetrics } from '../../../src/core/metrics';
import { iterationsTo, maxAbsDiff, RPS, startRun, WRPS } from '../fixtures';

describe('§4 regularized equilibria (to 1e-9)', () => {
  const cases = [
    { game: RPS, beta: 0.1, expected: [0.3258672159, 0.3861744388, 0.2879583453] },
    { game: RPS, beta: 0.01, expected: [0.3308227936, 0.3394204216, 0.3297567848] },
    { game: WRPS, beta: 0.1, expected: [0.5620004996, 0.2253494551, 0.2126500453] },
    { game: WRPS, beta: 0.01, expected: [0.5665333563, 0.3158641579, 0.1176024858] },
  ];
  for (const { game, beta, expected } of cases) {
    it(`${game.name}, β = ${beta}`, () => {
      const eq = solveEquilibrium(game, beta);
      expect(maxAbsDiff(eq.policy, expected)).toBeLessThan(1e-9);
      expect(eq.regGap).toBeLessThan(1e-12);
    });
  }

  it('WRPS, β = 0: the LP gives (5/9, 1/3, 1/9) with value ½', () => {
    const eq = solveEquilibrium(WRPS, 0);
    expect(maxAbsDiff(eq.policy, [5 / 9, 1 / 3, 1 / 9])).toBeLessThan(1e-12);
    expect(eq.exploitability).toBeLessThan(1e-12);
  });

  it('RPS, β = 0: uniform', () => {
    const eq = solveEquilibrium(RPS, 0);
    expect(maxAbsDiff(eq.policy, [1 / 3, 1 / 3, 1 / 3])).toBeLessThan(1e-12);
  });
});

describe('§4 iterations until KL(π*_β‖π_t) ≤ 1e-6 from π₀ = μ (±1)', () => {
  const cases = [
    { solver: 'nash-mp', params: { eta: 2 }, beta: 0.1, rps: 18, wrps: 26 },
    { solver: 'egpo', params: { eta: 1 / 1.1 }, beta: 0.1, rps: 42, wrps: 55 },
    { solver: 'inpo', params: { schedule: 'constant', eta: 0.1 }, beta: 0.1, rps: 575, wrps: 584 },
    { solver: 'mmd', params: { eta: 0.4 }, beta: 0.1, rps: 169, wrps: 155 },
    { solver: 'nash-md', params: { schedule: 'theory' }, beta: 0.1, rps: 246, wrps: 633 },
    { solver: 'nash-mp', params: { eta: 2 }, beta: 0.01, rps: 38, wrps: 116 },
  ] as const;
  for (const c of cases) {
    it(`${c.solver} ${JSON.stringify(c.params)} at β = ${c.beta}: ${c.rps} / ${c.wrps}`, () => {
      expect(Math.abs(iterationsTo(RPS, c.solver, c.beta, c.params) - c.rps)).toBeLessThanOrEqual(
        1,
      );
      expect(Math.abs(iterationsTo(WRPS, c.solver, c.beta, c.params) - c.wrps)).toBeLessThanOrEqual(
        1,
      );
    });
  }
});

describe('§4 SPPO at β = 0 on RPS from (0.5, 0.3, 0.2)', () => {
  it('the last iterate spirals out (KL 0.070 → 0.775) while the average converges (exploitability 0.0014)', () => {
    const eq = solveEquilibrium(RPS, 0);
    const run = startRun(RPS, 'sppo', 0, { eta: 0.05 }, RPS.reference);
    const kl0 = computeMetrics(RPS, 0, eq.logPolicy, run.logPolicy).klToNE;
    const avgExpl0 = computeMetrics(
      RPS,
      0,
      eq.logPolicy,
      run.average().map(Math.log),
    ).exploitability;
    let prev = kl0;
    let rising = true;
    for (let k = 0; k < 20; k++) {
      run.advance(1000);
      const kl = computeMetrics(RPS, 0, eq.logPolicy, run.logPolicy).klToNE;
      if (kl < prev) rising = false;
      prev = kl;
    }
    const avgExpl = computeMetrics(
      RPS,
      0,
      eq.logPolicy,
      run.average().map(Math.log),
    ).exploitability;
    expect(kl0).toBeCloseTo(0.07, 3);
    expect(prev).toBeCloseTo(0.775, 3);
    expect(rising).toBe(true);
    expect(avgExpl).toBeCloseTo(0.0014, 4);
    expect(avgExpl).toBeLessThan(avgExpl0 / 50);
  });
});
