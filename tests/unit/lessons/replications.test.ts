/**
 * The numbers of docs/replications.md that the lessons' tests (lessonClaims.test.ts) do not
 * cover: INPO's Theorem 4 line against its runs, MNPO's averaging. Float64 reference runs.
 */
import { describe, expect, it } from 'vitest';
import { solveEquilibrium } from '../../../src/core/equilibrium';
import { computeMetrics } from '../../../src/core/metrics';
import { buildPreset } from '../../../src/core/presets';
import { SolverRun } from '../../../src/core/run';
import { getSolver, resolveParams } from '../../../src/core/solvers';
import { parseGame } from '../../../src/core/validate';

const game = (spec: string) => parseGame(buildPreset(spec));

describe('INPO, Theorem 4 (theory schedule): the drawn line 32C²/(β²(T+1)), C = max(β, 1)', () => {
  for (const [spec, beta, ratio, logRatio] of [
    ['rps', 0.1, 1.55e-3, 5.107],
    ['rps', 1, 7.52e-3, 1.204],
    ['weighted-rps', 0.1, 3.32e-4, 3.574],
    ['weighted-rps', 1, 4.16e-3, 0.588],
  ] as const) {
    it(`${spec}, β = ${beta}: KL ≤ ${ratio} × the line up to T = 10,000; max |log π_t/μ| = ${logRatio}`, () => {
      const g = game(spec);
      const eq = solveEquilibrium(g, beta).logPolicy;
      const params = resolveParams('inpo', beta);
      expect(params.schedule).toBe('theory');
      const run = new SolverRun(g, 'inpo', params, g.start);
      const kl0 = computeMetrics(g, beta, eq, run.logPolicy).klToNE;
      let worst = 0;
      let maxLogRatio = 0;
      for (let t = 0; t <= 10_000; t++) {
        if (t > 0) run.advance(1);
        const kl = computeMetrics(g, beta, eq, run.logPolicy).klToNE;
        const line = getSolver('inpo').theory!.bound(t, { beta, eta: params.eta, kl0 })!;
        expect(line).toBeCloseTo((32 * Math.max(beta, 1) ** 2) / (beta * beta * (t + 1)), 12);
        worst = Math.max(worst, kl / line);
        run.logPolicy.forEach((v, i) => {
          maxLogRatio = Math.max(maxLogRatio, Math.abs(v - g.logReference[i]!));
        });
      }
      expect(Number(worst.toExponential(2))).toBe(ratio);
      expect(maxLogRatio.toFixed(3)).toBe(logRatio.toFixed(3));
    });
  }
});

describe('MNPO at β = 0 (3 players, η 1): the running average converges about like 1/√T', () => {
  for (const [spec, values] of [
    ['rps', ['9.41e-3', '5.66e-3', '2.73e-3', '1.30e-3']],
    ['weighted-rps', ['5.18e-3', '2.41e-3', '1.19e-3', '5.92e-4']],
  ] as const) {
    it(`${spec}: average exploitability ${values.join(', ')} at T = 1,000, 4,000, 16,000, 64,000; the last iterate at 0.5`, () => {
      const g = game(spec);
      const run = new SolverRun(g, 'mnpo', resolveParams('mnpo', 0), g.start);
      const seen: string[] = [];
      let t = 0;
      for (const T of [1000, 4000, 16_000, 64_000]) {
        run.advance(T - t);
        t = T;
        const avg = Array.from(run.average(), Math.log);
        seen.push(computeMetrics(g, 0, null, avg).exploitability.toExponential(2));
      }
      expect(seen).toEqual(values);
      // Each fourfold T roughly halves it (1/√T would be exactly half).
      for (let k = 1; k < 4; k++) {
        const r = Number(seen[k]) / Number(seen[k - 1]);
        expect(r).toBeGreaterThan(0.4);
        expect(r).toBeLessThan(0.62);
      }
      expect(computeMetrics(g, 0, null, run.logPolicy).exploitability.toFixed(2)).toBe('0.50');
    });
  }
});
