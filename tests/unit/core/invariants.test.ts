/**
 * Invariants that must hold for every solver, game and parameter inside the documented ranges:
 * iterates are distributions, metrics are ≥ 0, and nothing turns into NaN or ±∞ (log space).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveEquilibrium } from '../../../src/core/equilibrium';
import type { Game } from '../../../src/core/game';
import { computeMetrics } from '../../../src/core/metrics';
import { buildPreset } from '../../../src/core/presets';
import { SolverRun } from '../../../src/core/run';
import {
  ETA_MAX,
  getSolver,
  resolveParams,
  SOLVER_IDS,
  type SolverId,
  type SolverParams,
} from '../../../src/core/solvers';
import { parseGame } from '../../../src/core/validate';
import { RANDOM20, RPS, WRPS } from '../fixtures';

/** The largest η a solver accepts at this β. */
function largestEta(solver: SolverId, beta: number): number {
  const limit = getSolver(solver).maxEtaBeta;
  return limit !== undefined && beta > 0 ? Math.min(ETA_MAX, limit / beta) : ETA_MAX;
}

function hasEta(solver: SolverId): boolean {
  return getSolver(solver).parameters.some((p) => p.id === 'eta');
}

function checkIterate(
  game: Game,
  solver: SolverId,
  beta: number,
  run: SolverRun,
  eqLog: Float64Array,
): void {
  const pi = run.policy();
  const total = pi.reduce((s, v) => s + v, 0);
  expect(Math.abs(total - 1)).toBeLessThan(1e-12);
  for (const v of pi) expect(v >= 0 && v <= 1).toBe(true);
  for (const v of run.logPolicy) {
    expect(Number.isNaN(v)).toBe(false);
    expect(v).toBeLessThanOrEqual(1e-12);
    // RM+ plays exact zeros (log 0 = −∞); every log-space solver keeps log π finite.
    if (solver !== 'rm-plus') expect(Number.isFinite(v)).toBe(true);
  }
  const avg = run.average();
  expect(Math.abs(avg.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-12);
  const m = computeMetrics(game, beta, eqLog, run.logPolicy);
  for (const [key, value] of Object.entries(m)) {
    expect(Number.isNaN(value), key).toBe(false);
    expect(value, key).toBeGreaterThanOrEqual(0);
    const mayBeInfinite = solver === 'rm-plus' && (key === 'klToNE' || key === 'span');
    if (!mayBeInfinite) expect(Number.isFinite(value), `${key} = ${value}`).toBe(true);
  }
}

describe('extremes inside the documented ranges', () => {
  const nearZeroStart = Float64Array.from([1 - 2e-300, 1e-300, 1e-300]);
  for (const beta of [0, 1e-4, 0.1, 100]) {
    it(`β = ${beta}: every solver, largest η and a start near the boundary, 1,000 steps`, () => {
      for (const game of [RPS, WRPS]) {
        const eq = solveEquilibrium(game, beta);
        for (const solver of SOLVER_IDS) {
          const params: SolverParams = hasEta(solver) ? { eta: largestEta(solver, beta) } : {};
          const run = new SolverRun(
            game,
            solver,
            resolveParams(solver, beta, params),
            nearZeroStart,
          );
          for (let k = 0; k < 10; k++) {
            run.advance(100);
            checkIterate(game, solver, beta, run, eq.logPolicy);
          }
        }
      }
    });
  }

  it('the theory schedule at β = 1e-4 (first step η₀ = 10⁴) stays finite', () => {
    const eq = solveEquilibrium(RANDOM20, 1e-4);
    for (const solver of ['inpo', 'nash-md'] as const) {
      const run = new SolverRun(
        RANDOM20,
        solver,
        resolveParams(solver, 1e-4, { schedule: 'theory' }),
        RANDOM20.start,
      );
      run.advance(500);
      checkIterate(RANDOM20, solver, 1e-4, run, eq.logPolicy);
    }
  });
});

describe('property: every iterate is a distribution and every metric is ≥ 0', () => {
  it('random games, solvers, β, η and starts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.constantFrom(...SOLVER_IDS),
        fc.oneof(
          fc.constant(0),
          fc.double({ min: -4, max: 1, noNaN: true }).map((e) => 10 ** e),
        ),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.double({ min: -300, max: 0, noNaN: true }), { minLength: 6, maxLength: 6 }),
        (K, seed, solver, beta, etaFraction, logWeights) => {
          const game = parseGame(buildPreset(`random:${K}:${seed}`));
          const weights = logWeights.slice(0, K).map((e) => 10 ** e);
          const total = weights.reduce((s, w) => s + w, 0);
          const start = Float64Array.from(weights, (w) => w / total);
          fc.pre(start.every((v) => v > 0));
          // η log-uniform in [1e-3, largest allowed].
          const hi = largestEta(solver, beta);
          const eta = 1e-3 * (hi / 1e-3) ** etaFraction;
          const schedule = getSolver(solver).parameters.some((p) => p.id === 'schedule')
            ? { schedule: 'constant' as const }
            : {};
          const params: SolverParams = hasEta(solver) ? { eta, ...schedule } : {};
          const eq = solveEquilibrium(game, beta);
          const run = new SolverRun(game, solver, resolveParams(solver, beta, params), start);
          for (let k = 0; k < 5; k++) {
            run.advance(10);
            checkIterate(game, solver, beta, run, eq.logPolicy);
          }
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});
