/**
 * The views' limits on big games (src/experiment/views/limits.ts): small games run exactly what
 * the settings ask; above the work budget a view runs a smaller grid, then fewer iterations, says
 * so, and samples often enough for its progress bar to move.
 */
import { describe, expect, it } from 'vitest';
import { klFromLogs } from '../../../src/core/numeric';
import { targetLogs } from '../../../src/engine/batch';
import { ReferenceEngine } from '../../../src/engine/reference';
import type { BatchResult, BatchSpec } from '../../../src/engine/types';
import { directNewtonMinBeta } from '../../../src/core/equilibrium';
import {
  limitNote,
  SWEEP_BETA_MIN,
  upOneDigit,
  sweepLimit,
  tuneLimit,
  VIEW_MAX_WORK,
  VIEW_MIN_STEPS,
  viewWork,
} from '../../../src/experiment/views/limits';
import { SWEEP_BETA, sweepAxes, sweepPlan, sweepView } from '../../../src/experiment/views/sweep';
import type { EngineScope, ViewContext } from '../../../src/experiment/views/types';
import type { Game } from '../../../src/core/game';
import { WRPS } from '../fixtures';

describe('sweepLimit', () => {
  it('leaves small games as the settings ask: 32 × 32, the β = 0 row, the whole budget', () => {
    for (const K of [3, 10]) {
      expect(sweepLimit(K, 5, 2000)).toEqual({
        size: 32,
        zeroRow: true,
        betaMin: 1e-3,
        steps: 2000,
        every: 2000,
        limited: false,
      });
    }
  });

  it('shrinks the grid first, then the iterations, keeping the work within the budget', () => {
    expect(sweepLimit(64, 5, 2000)).toMatchObject({ size: 8, steps: 2000, zeroRow: true });
    const at256 = sweepLimit(256, 5, 2000);
    expect(at256).toMatchObject({ size: 4, zeroRow: true, limited: true });
    expect(at256.steps).toBe(1520);
    const at1024 = sweepLimit(1024, 5, 2000);
    expect(at1024).toMatchObject({ size: 4, zeroRow: true, steps: 90, every: 9, betaMin: 0.02 });
    expect(sweepLimit(512, 5, 2000).betaMin).toBe(0.04);
    expect(at256.betaMin).toBe(SWEEP_BETA[0]);
    for (const [K, limit] of [
      [64, sweepLimit(64, 5, 2000)],
      [256, at256],
      [1024, at1024],
    ] as const) {
      const cells = 5 * limit.size * (limit.size + (limit.zeroRow ? 1 : 0));
      expect(viewWork(K, cells, limit.steps)).toBeLessThanOrEqual(VIEW_MAX_WORK);
      // About ten samples, so the engines report progress as they go.
      expect(Math.ceil(limit.steps / limit.every)).toBeGreaterThanOrEqual(10);
    }
  });

  it('starts a big game’s β axis where π*_β is solved by Newton directly', () => {
    expect(SWEEP_BETA_MIN).toBe(SWEEP_BETA[0]);
    // directNewton's own rule: ln(1e10) / ln(1 + 2β) ≤ 2K/3 exactly at the threshold.
    for (const K of [512, 1024, 4096]) {
      const beta = directNewtonMinBeta(K);
      expect(Math.log(1e10) / Math.log1p(2 * beta)).toBeCloseTo((2 * K) / 3, 6);
    }
    expect([0.01715, 0.02, 0.0351, 0.1, 0.00123].map(upOneDigit)).toEqual([
      0.02, 0.02, 0.04, 0.1, 0.002,
    ]);
  });

  it('never runs fewer than VIEW_MIN_STEPS iterations (or the budget, if smaller)', () => {
    expect(sweepLimit(4096, 6, 2000).steps).toBe(VIEW_MIN_STEPS);
    expect(sweepLimit(4096, 6, 20).steps).toBe(20);
  });
});

describe('tuneLimit', () => {
  it('tries 64 steps at the whole budget on small games, fewer steps and iterations on big ones', () => {
    expect(tuneLimit(3, 5, 2000)).toEqual({ points: 64, steps: 2000, every: 2000, limited: false });
    expect(tuneLimit(256, 5, 2000)).toMatchObject({ points: 8, steps: 2000, limited: true });
    const at1024 = tuneLimit(1024, 5, 2000);
    expect(at1024).toMatchObject({ points: 8, steps: 190, limited: true });
    expect(viewWork(1024, 5 * (8 + 2), at1024.steps)).toBeLessThanOrEqual(VIEW_MAX_WORK);
  });
});

describe('limitNote', () => {
  it('says nothing when nothing is limited, and what is smaller when something is', () => {
    expect(limitNote(3, 2000, sweepLimit(3, 5, 2000))).toBeNull();
    expect(
      limitNote(1024, 2000, sweepLimit(1024, 5, 2000), ['4 × 4 settings instead of 32 × 32']),
    ).toBe(
      'K = 1,024 actions: 4 × 4 settings instead of 32 × 32, 90 of the 2,000 iterations, to finish in about a minute without a GPU.',
    );
  });
});

/** A K-action game with a random P (only its shape matters to the planned batch). */
function bigGame(K: number): Game {
  const P = new Float64Array(K * K);
  for (let i = 0; i < K; i++)
    for (let j = 0; j < K; j++) P[i * K + j] = i === j ? 0.5 : i < j ? 0.3 : 0.7;
  return {
    ...WRPS,
    K,
    actions: Array.from({ length: K }, (_, i) => `a${i}`),
    P,
    start: new Float64Array(K).fill(1 / K),
  } as Game;
}

describe('the sweep view on a 1,024-action game', () => {
  it('plans the limited grid, reports progress and says what it limited', async () => {
    const specs: BatchSpec[] = [];
    const fractions: number[] = [];
    const scope: EngineScope = {
      signal: new AbortController().signal,
      cancelled: false,
      async run(_engine, spec, onProgress) {
        specs.push(spec);
        onProgress?.(5, 11);
        const B = spec.members.length;
        const result = {
          B,
          K: spec.game.K,
          steps: spec.steps,
          times: [0, spec.steps],
          hitTimes: new Int32Array(B).fill(-1),
          finalKL: new Float64Array(B).fill(0.5),
        } as unknown as BatchResult;
        return { result, ms: 1 };
      },
    };
    const ctx: ViewContext = {
      game: bigGame(1024),
      beta: 0.1,
      solvers: ['nash-mp', 'inpo', 'egpo', 'mnpo', 'onpo'],
      params: {},
      budget: 2000,
      custom: [],
      open: ['sweep'],
      basinEpsilon: 1e-6,
      epsilon: 1e-6,
    };
    const out = await sweepView.compute(ctx, {
      scope,
      workers: 1,
      progress: (f) => fractions.push(f),
    });
    expect(specs).toHaveLength(1);
    const spec = specs[0]!;
    expect(spec.steps).toBe(90);
    expect(spec.every).toBe(9);
    expect(spec.members.length).toBeLessThanOrEqual(5 * 4 * 5);
    // A row at β = 0 (the active set solves it in seconds), the others from 0.02.
    expect(spec.members.every((m) => m.params.beta === 0 || m.params.beta >= 0.02)).toBe(true);
    expect(spec.members.some((m) => m.params.beta === 0)).toBe(true);
    expect(fractions).toEqual([5 / 11]);
    expect(out!.data[0]!.axes.etas).toHaveLength(4);
    expect(out!.data[0]!.steps).toBe(90);
    expect(out!.info.limit).toMatch(
      /^K = 1,024 actions: 4 × 4 settings instead of 32 × 32, β from 0.02 /,
    );
  });
});

describe('the engines return each member’s final KL with the hitting times', () => {
  it('equals KL(π* ‖ π_T) solved on the page', async () => {
    const plan = sweepPlan(WRPS, ['nash-mp', 'inpo'], {}, 200, 1e-6, sweepAxes(4));
    const result = await new ReferenceEngine().run(plan.spec);
    const eqs = targetLogs(WRPS, plan.spec.members);
    const last = result.times.length - 1;
    const expected = eqs.map((eq, b) =>
      eq
        ? klFromLogs(
            eq,
            result.logPolicies.subarray((last * result.B + b) * 3, (last * result.B + b + 1) * 3),
          )
        : NaN,
    );
    expect(Array.from(result.finalKL!)).toEqual(expected);
  });
});
