/**
 * The EGPO authors' noise as query models (`pairs`, `pairs-binary`): the uniform action draw, the
 * estimator's mean and variance (docs/algorithms.md §9), reproducible runs on every CPU engine and
 * in custom formulas, the CLI flags and links.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { matVec } from '../../../src/core/numeric';
import { buildPreset } from '../../../src/core/presets';
import { runReference, SolverRun } from '../../../src/core/run';
import {
  checkQueryModel,
  drawBits,
  estimatePairs,
  estimateWinRates,
  queryVariance,
  toUniform,
  uniformAction,
  type QueryModel,
} from '../../../src/core/sampling';
import { resolveParams, SOLVER_IDS } from '../../../src/core/solvers';
import { parseGame } from '../../../src/core/validate';
import { TfjsEngine } from '../../../src/engine/tfjs/engine';
import type { BatchMember, BatchSpec } from '../../../src/engine/types';
import { compileFormula, resolveCustomParams } from '../../../src/formula/solver';
import { BUILTIN_FORMULAS } from '../../../src/formula/builtins';
import { ENGINE_GAMES, policyGaps, reference } from '../engine-fixtures';
import { WRPS } from '../fixtures';

beforeAll(() => {
  tf.env().set('PROD', true);
});
afterAll(() => {
  tf.engine().reset();
});

/** A 5-action game and a policy with entries of 1e-9: where importance weights blow up. */
const GAME = parseGame(buildPreset('random:5:11'));
const TINY = Float64Array.from([0.6 - 2e-9, 0.25, 0.15, 1e-9, 1e-9]);

describe('uniformAction', () => {
  it('is ⌊u·K⌋ for the 24-bit uniform u, for K up to 1024', () => {
    for (const K of [1, 2, 3, 7, 10, 100, 1000, 1024]) {
      let wrong = 0;
      for (let i = 0; i < 5000; i++) {
        const bits = drawBits(i * 2654435761, K);
        if (uniformAction(bits, K) !== Math.floor(toUniform(bits) * K)) wrong++;
      }
      expect(wrong).toBe(0);
      // The extremes of the 24-bit grid.
      expect(uniformAction(0, K)).toBe(0);
      expect(uniformAction(0xffffffff, K)).toBe(K - 1);
    }
  });
});

/** Mean and variance per action of Q independent queries of one model. */
function moments(model: QueryModel & { kind: 'pairs' | 'pairs-binary' | 'sampled' }, Q: number) {
  const K = GAME.K;
  const sum = new Float64Array(K);
  const sq = new Float64Array(K);
  const g = new Float64Array(K);
  for (let q = 0; q < Q; q++) {
    if (model.kind === 'sampled')
      estimateWinRates(GAME.P, TINY, K, model.samples, model.seed, q, g);
    else
      estimatePairs(
        GAME.P,
        TINY,
        K,
        model.samples,
        model.seed,
        q,
        model.kind === 'pairs-binary',
        g,
      );
    for (let a = 0; a < K; a++) {
      sum[a] = sum[a]! + g[a]!;
      sq[a] = sq[a]! + g[a]! * g[a]!;
    }
  }
  const mean = sum.map((s) => s / Q);
  const variance = sq.map((s, a) => ((s / Q - mean[a]! ** 2) * Q) / (Q - 1));
  return { mean, variance };
}

describe('the pairs estimators', () => {
  const exact = matVec(GAME.P, TINY, GAME.K, new Float64Array(GAME.K));
  for (const kind of ['pairs', 'pairs-binary'] as const) {
    it(`${kind}: unbiased for Pπ, with the variance of queryVariance, also where π_a = 1e-9`, () => {
      const model = { kind, samples: 10, seed: 5 };
      const Q = 40_000;
      const { mean, variance } = moments(model, Q);
      const predicted = queryVariance(GAME.P, TINY, GAME.K, model);
      for (let a = 0; a < GAME.K; a++) {
        // Within 4.5 standard errors of the mean; the sample variance within 5 % (its relative
        // standard error is ≈ √(2/Q) ≈ 0.7 % for near-Gaussian estimates).
        expect(Math.abs(mean[a]! - exact[a]!)).toBeLessThan(4.5 * Math.sqrt(predicted[a]! / Q));
        expect(variance[a]! / predicted[a]!).toBeGreaterThan(0.95);
        expect(variance[a]! / predicted[a]!).toBeLessThan(1.05);
        // Bounded without π: at most (K − 1)/(2n) + 1/(4n) per action.
        expect(predicted[a]!).toBeLessThan((GAME.K - 1) / 20 + 1 / 40);
      }
    });
  }

  it('sampled (importance weights): variance 1/(4nπ_a) − (g_a − ½)²/n, 2.5e7 on the 1e-9 actions', () => {
    const model = { kind: 'sampled' as const, samples: 10, seed: 5 };
    const predicted = queryVariance(GAME.P, TINY, GAME.K, model);
    for (let a = 0; a < GAME.K; a++)
      expect(predicted[a]).toBeCloseTo(
        (1 / (4 * TINY[a]!) - (exact[a]! - 0.5) ** 2) / model.samples,
        6,
      );
    expect(predicted[3]).toBeGreaterThan(2e7);
    // Checked against the draws where the actions are drawn often enough to see it.
    const { variance } = moments(model, 40_000);
    for (const a of [0, 1, 2]) {
      expect(variance[a]! / predicted[a]!).toBeGreaterThan(0.93);
      expect(variance[a]! / predicted[a]!).toBeLessThan(1.07);
    }
  });

  it('pairs-binary is noisier than pairs: the verdicts add their Bernoulli variance', () => {
    const entries = queryVariance(GAME.P, TINY, GAME.K, { kind: 'pairs', samples: 10, seed: 0 });
    const verdicts = queryVariance(GAME.P, TINY, GAME.K, {
      kind: 'pairs-binary',
      samples: 10,
      seed: 0,
    });
    for (let a = 0; a < GAME.K; a++) expect(verdicts[a]!).toBeGreaterThan(entries[a]!);
  });
});

describe('runs with pairs queries', () => {
  const pairs = (kind: 'pairs' | 'pairs-binary', seed: number, samples = 20): QueryModel => ({
    kind,
    samples,
    seed,
  });

  it('checkQueryModel accepts both kinds and keeps the limits of n and the seed', () => {
    expect(checkQueryModel({ kind: 'pairs', samples: 3, seed: 4 })).toEqual(pairs('pairs', 4, 3));
    expect(checkQueryModel({ kind: 'pairs-binary', samples: 1, seed: 0 })).toEqual(
      pairs('pairs-binary', 0, 1),
    );
    expect(() => checkQueryModel({ kind: 'pairs', samples: 0, seed: 0 })).toThrow(/samples/);
    expect(() => checkQueryModel({ kind: 'pairs-binary', samples: 5, seed: -1 })).toThrow(/seed/);
  });

  it('every solver: the same seed reproduces the run bit for bit, another seed differs', () => {
    for (const solver of SOLVER_IDS) {
      for (const kind of ['pairs', 'pairs-binary'] as const) {
        const spec = { game: WRPS, solver, beta: 0.1, steps: 30 } as const;
        const a = runReference({ ...spec, queries: pairs(kind, 9) });
        const b = runReference({ ...spec, queries: pairs(kind, 9) });
        const c = runReference({ ...spec, queries: pairs(kind, 10) });
        expect(Array.from(b.final.logPolicy)).toEqual(Array.from(a.final.logPolicy));
        expect(Array.from(c.final.logPolicy)).not.toEqual(Array.from(a.final.logPolicy));
        // −∞ is a zero probability (fictitious play, RM+); NaN would be a broken step.
        for (const v of a.final.logPolicy) expect(Number.isNaN(v)).toBe(false);
      }
    }
  });

  it("a custom formula's P·x takes the same draws as the registry solver (same query order)", () => {
    for (const kind of ['pairs', 'pairs-binary'] as const) {
      for (const { solver, formula } of BUILTIN_FORMULAS.filter((b) =>
        ['egpo', 'nash-mp', 'inpo'].includes(b.solver),
      )) {
        const params = resolveParams(
          solver,
          0.1,
          solver === 'inpo' && !formula.includes('t + 2') ? { schedule: 'constant' } : {},
        );
        if (solver === 'inpo' && formula.includes('t + 2')) continue;
        const builtIn = new SolverRun(WRPS, solver, params, WRPS.start, pairs(kind, 3));
        const custom = new SolverRun(
          WRPS,
          compileFormula(formula),
          resolveCustomParams(0.1, { eta: params.eta! }),
          WRPS.start,
          pairs(kind, 3),
        );
        builtIn.advance(200);
        custom.advance(200);
        for (let i = 0; i < WRPS.K; i++)
          expect(custom.logPolicy[i]).toBeCloseTo(builtIn.logPolicy[i]!, 12);
      }
    }
  });

  it('the tfjs engine (wasm) takes the same draws as the reference: within 1e-4 but for rare inverse-CDF flips', async () => {
    const game = ENGINE_GAMES[2]!; // random:10:3
    const members: BatchMember[] = [];
    for (const solver of SOLVER_IDS)
      for (const kind of ['pairs', 'pairs-binary'] as const)
        for (let seed = 0; seed < 3; seed++)
          members.push({
            solver,
            params: resolveParams(solver, 0.1),
            start: game.start,
            queries: pairs(kind, seed, 30),
          });
    const spec: BatchSpec = { game, members, steps: 200, every: 100 };
    const engine = new TfjsEngine({ backends: ['wasm'] });
    const first = await engine.run(spec);
    const before = tf.memory().numTensors;
    const second = await engine.run(spec);
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(second.logPolicies)).toEqual(Array.from(first.logPolicies));
    const gaps = policyGaps(first, reference(spec));
    console.info(
      `tfjs vs float64, pairs: ${gaps.filter((g) => !(g < 1e-4)).length} of ${gaps.length} runs apart`,
    );
    const apart = gaps.filter((g) => !(g < 1e-4));
    expect(apart.length).toBeLessThanOrEqual(Math.ceil(members.length / 20));
  }, 300_000);
});

describe('CLI --queries pairs|pairs-binary', () => {
  const ARGS = ['run', '--game', 'weighted-rps', '--solver', 'egpo', '--steps', '50'];
  it('reports the model and runs the reference numbers of that seed', async () => {
    for (const kind of ['pairs', 'pairs-binary'] as const) {
      const r = await main([...ARGS, '--queries', kind, '--samples', '30', '--seed', '4']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout) as {
        params: { queries: unknown };
        queries: number;
        final: { policy: number[] };
      };
      expect(doc.params.queries).toEqual({ model: kind, samples: 30, seed: 4 });
      expect(doc.queries).toBe(100);
      const ref = runReference({
        game: parseGame(buildPreset('weighted-rps')),
        solver: 'egpo',
        beta: 0.1,
        steps: 50,
        queries: { kind, samples: 30, seed: 4 },
      });
      doc.final.policy.forEach((p, i) =>
        expect(p).toBeCloseTo(Math.exp(ref.final.logPolicy[i]!), 12),
      );
    }
  });

  it('refuses what is out of range, in one line', async () => {
    const r = await main([...ARGS, '--queries', 'pairs', '--samples', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: [^\n]*samples must be an integer in \[1, 10000\][^\n]*\n$/);
  });
});
