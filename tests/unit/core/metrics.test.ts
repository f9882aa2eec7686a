import { describe, expect, it } from 'vitest';
import { solveEquilibrium } from '../../../src/core/equilibrium';
import { computeMetrics, mnpoGapOf, regGapOf, spanOf, winRates } from '../../../src/core/metrics';
import { klFromLogs, logSumExp } from '../../../src/core/numeric';
import { RANDOM10, RPS, WRPS } from '../fixtures';

const pi = Float64Array.from([0.2, 0.5, 0.3]);
const logPi = pi.map(Math.log);

describe('metrics of §1', () => {
  it('exploitability = max_y (Pπ)_y − ½ and dualityGap = 2 × exploitability', () => {
    const m = computeMetrics(WRPS, 0.1, solveEquilibrium(WRPS, 0.1).logPolicy, logPi);
    // Pπ = (0.1 + 0.2 + 0.24, 0.12 + 0.25 + 0, 0.04 + 0.5 + 0.15) = (0.54, 0.37, 0.69)
    expect(m.exploitability).toBeCloseTo(0.69 - 0.5, 14);
    expect(m.dualityGap).toBeCloseTo(2 * (0.69 - 0.5), 14);
  });

  it('regGap equals its max–min definition (closed forms of both inner problems)', () => {
    for (const beta of [0.05, 0.3, 2]) {
      const g = winRates(WRPS, pi);
      const lmu = WRPS.logReference;
      // max_π1 π1ᵀPπ − βKL(π1‖μ) = β·log Σ μ e^{g/β}
      const best = beta * logSumExp(lmu.map((v, i) => v + g[i]! / beta));
      const klPiMu = pi.reduce((s, p, i) => s + p * (Math.log(p) - lmu[i]!), 0);
      const maxV = best + beta * klPiMu;
      // min_π2 V(π, π2) = 1 − β·log Σ μ e^{(Pπ)/β} − βKL(π‖μ), since πᵀPπ2 = 1 − π2ᵀPπ
      const minV = 1 - best - beta * klPiMu;
      expect(regGapOf(WRPS, beta, logPi)).toBeCloseTo(maxV - minV, 13);
    }
  });

  it('regGap at β = 0 is the duality gap', () => {
    expect(regGapOf(WRPS, 0, logPi)).toBeCloseTo(2 * (0.69 - 0.5), 14);
  });

  it('klToNE is KL(π*‖π) and span is the oscillation of log π − log π*', () => {
    const eq = solveEquilibrium(RPS, 0.1);
    const m = computeMetrics(RPS, 0.1, eq.logPolicy, logPi);
    const kl = eq.policy.reduce((s, q, i) => s + q * Math.log(q / pi[i]!), 0);
    expect(m.klToNE).toBeCloseTo(kl, 14);
    const d = logPi.map((v, i) => v - eq.logPolicy[i]!);
    expect(m.span).toBeCloseTo(Math.max(...d) - Math.min(...d), 14);
  });

  it('span ignores actions outside the support of a β = 0 equilibrium', () => {
    expect(spanOf([0, -Infinity], [Math.log(0.5), Math.log(0.5)])).toBe(0);
  });

  it('mnpoGap with every opponent equal to π is regGap/2; with other opponents it differs', () => {
    for (const beta of [0, 0.1, 1]) {
      const g1 = mnpoGapOf(WRPS, beta, logPi, [pi, pi]);
      expect(g1).toBeCloseTo(regGapOf(WRPS, beta, logPi) / 2, 14);
    }
    const other = Float64Array.from([0.6, 0.2, 0.2]);
    expect(
      Math.abs(mnpoGapOf(WRPS, 0.1, logPi, [pi, other]) - regGapOf(WRPS, 0.1, logPi) / 2),
    ).toBeGreaterThan(1e-4);
  });

  it('every metric is 0 at π*_β (regGap below 1e-12)', () => {
    for (const game of [RPS, WRPS, RANDOM10]) {
      const eq = solveEquilibrium(game, 0.1);
      const m = computeMetrics(game, 0.1, eq.logPolicy, eq.logPolicy);
      expect(m.regGap).toBeLessThan(1e-12);
      expect(m.klToNE).toBe(0);
      expect(m.span).toBe(0);
    }
  });

  it('klToNE is +∞ (not NaN) when the iterate misses an action the equilibrium plays', () => {
    const eq = solveEquilibrium(RPS, 0.1);
    const m = computeMetrics(RPS, 0.1, eq.logPolicy, [0, -Infinity, -Infinity]);
    expect(m.klToNE).toBe(Infinity);
    expect(m.span).toBe(Infinity);
    expect(Number.isNaN(m.regGap)).toBe(false);
  });
});

describe('klFromLogs: the one KL (metrics, hitting times, views)', () => {
  const log = (p: number[]): number[] => p.map(Math.log);
  it('is Σ p (log p − log q), with 0·log 0 = 0 and +∞ where q has a zero p does not', () => {
    expect(klFromLogs(log([0.5, 0.5]), log([0.25, 0.75]))).toBeCloseTo(
      0.5 * Math.log(2) + 0.5 * Math.log(2 / 3),
      15,
    );
    expect(klFromLogs(log([1, 0]), log([0.5, 0.5]))).toBeCloseTo(Math.log(2), 15);
    expect(klFromLogs(log([0.5, 0.5]), log([1, 0]))).toBe(Infinity);
    // A p_i that underflows counts as 0 even where q_i = 0 (an RM+ iterate's exact zero).
    expect(klFromLogs([0, -2000], [0, -Infinity])).toBe(0);
  });
  it('clamps rounding below 0 to 0, but a NaN iterate stays NaN (never a false "converged")', () => {
    const p = log([0.3, 0.7]);
    expect(klFromLogs(p, p)).toBe(0);
    expect(klFromLogs(p, [p[0]!, p[1]! + 1e-17])).toBe(0);
    expect(klFromLogs(p, [NaN, -0.5])).toBeNaN();
    expect(klFromLogs([NaN, -0.5], p)).toBeNaN();
  });
});
