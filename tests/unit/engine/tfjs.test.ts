/** The per-op tfjs engine on Node's CPU backends against the float64 reference. */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveParams, SOLVER_IDS } from '../../../src/core/solvers';
import { useBackend } from '../../../src/engine/backends';
import { FallbackEngine } from '../../../src/engine/fallback';
import { ReferenceEngine } from '../../../src/engine/reference';
import { TfjsEngine } from '../../../src/engine/tfjs/engine';
import { FLOAT32_FLOOR, type BatchSpec } from '../../../src/engine/types';
import { averageGaps, ENGINE_GAMES, everySolver, policyGaps, reference } from '../engine-fixtures';

beforeAll(() => {
  tf.env().set('PROD', true);
});

/** Tests that run all fourteen solvers: a budget for a busy CI machine (no timing asserted). */
const ALL_SOLVERS_BUDGET_MS = 60_000;

afterAll(() => {
  tf.engine().reset();
});

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`tfjs engine on ${backend}`, () => {
    const engine = new TfjsEngine({ backends: [backend] });

    for (const game of ENGINE_GAMES) {
      it(
        `every solver on ${game.name}: within 1e-4 of float64 after 1,000 steps at β = 0.1`,
        async () => {
          const spec = everySolver(game);
          const result = await engine.run(spec);
          expect(result.engine).toBe('tfjs');
          expect(result.backend).toBe(backend);
          expect(result.precision).toBe('float32');
          const ref = reference(spec);
          expect(result.times).toEqual(ref.times);
          const gaps = policyGaps(result, ref);
          SOLVER_IDS.forEach((id, m) => expect(gaps[m], id).toBeLessThan(1e-4));
          averageGaps(result, ref).forEach((g, m) => expect(g, SOLVER_IDS[m]).toBeLessThan(1e-4));
        },
        ALL_SOLVERS_BUDGET_MS,
      );
    }
  });
}

describe('tfjs engine batching', () => {
  const engine = new TfjsEngine({ backends: ['wasm'] });

  it('a batch of starts × parameters equals one reference run per member', async () => {
    const game = ENGINE_GAMES[1]!;
    const members = [];
    for (const eta of [0.5, 1, 2]) {
      for (const start of [
        game.start,
        Float64Array.from([0.7, 0.2, 0.1]),
        Float64Array.from([0.1, 0.1, 0.8]),
      ]) {
        members.push({
          solver: 'nash-mp' as const,
          params: resolveParams('nash-mp', 0.05, { eta }),
          start,
        });
        members.push({ solver: 'inpo' as const, params: resolveParams('inpo', 0.2), start });
        members.push({
          solver: 'mnpo' as const,
          params: resolveParams('mnpo', 0.1, { players: 2 + (members.length % 3) }),
          start,
        });
      }
    }
    const spec: BatchSpec = { game, members, steps: 300, every: 100 };
    const result = await engine.run(spec);
    const gaps = policyGaps(result, reference(spec));
    expect(Math.max(...gaps)).toBeLessThan(1e-4);
  });

  it('metrics are float64 from the sampled iterates, and the float32 floor is flagged', async () => {
    const spec = {
      ...everySolver(ENGINE_GAMES[0]!, 0.1, 2000, 1000),
      members: [everySolver(ENGINE_GAMES[0]!).members[0]!],
    };
    const result = await engine.run(spec);
    const m = result.metrics!;
    expect(m.klToNE[0]).toBeGreaterThan(0.1); // the start
    expect(m.atFloor[0]).toBe(0);
    // Nash-MP converges linearly: after 2,000 steps KL is far below what float32 resolves.
    expect(m.klToNE[2]!).toBeLessThan(FLOAT32_FLOOR.klToNE);
    expect(m.atFloor[2]).toBe(1);
  });

  it('streams progress and can be cancelled', async () => {
    const spec = everySolver(ENGINE_GAMES[2]!, 0.1, 100_000, 100);
    const controller = new AbortController();
    const seen: number[] = [];
    const run = engine.run(spec, {
      signal: controller.signal,
      onProgress: (done) => {
        seen.push(done);
        if (done === 3) controller.abort();
      },
    });
    await expect(run).rejects.toThrow(/abort/i);
    expect(seen.slice(0, 3)).toEqual([1, 2, 3]);
    expect(seen.length).toBeLessThan(50);
  });

  it(
    'leaks no tensors: the count after 100 calls equals the count after 1',
    async () => {
      const spec = everySolver(ENGINE_GAMES[0]!, 0.1, 20, 5);
      await engine.run(spec);
      const after1 = tf.memory().numTensors;
      for (let k = 0; k < 99; k++) await engine.run(spec);
      expect(tf.memory().numTensors).toBe(after1);
    },
    ALL_SOLVERS_BUDGET_MS,
  );

  it('a failing backend hands the run to the reference engine and says so', async () => {
    const broken = new TfjsEngine({ backends: [] });
    const spec = everySolver(ENGINE_GAMES[0]!, 0.1, 10, 5);
    const result = await new FallbackEngine(broken, [new ReferenceEngine()]).run(spec);
    expect(result.engine).toBe('reference');
    expect(result.fallback?.from).toBe('tfjs');
    expect(result.fallback?.reason).toMatch(/no tfjs backend/);
  });

  it('useBackend reports a backend that cannot start instead of switching silently', async () => {
    expect(await useBackend('webgl')).toBe(false);
    expect(await useBackend('wasm')).toBe(true);
    expect(tf.getBackend()).toBe('wasm');
  });
});

describe('tfjs engine with sampled queries', () => {
  const engine = new TfjsEngine({ backends: ['wasm'] });
  const game = ENGINE_GAMES[1]!;
  const SEEDS = 8;
  const sampledMembers = (samples: number) => {
    const members = [];
    for (const solver of SOLVER_IDS) {
      for (let seed = 0; seed < SEEDS; seed++) {
        members.push({
          solver,
          params: resolveParams(solver, 0.1),
          start: game.start,
          queries: { kind: 'sampled' as const, samples, seed },
        });
      }
    }
    for (let seed = 0; seed < SEEDS; seed++) {
      members.push({
        solver: 'nash-mp' as const,
        params: resolveParams('nash-mp', 0.1, { inner: 20 }),
        start: game.start,
        queries: { kind: 'sampled' as const, samples, seed },
      });
    }
    return members;
  };

  it(
    'the same seed gives the reference run within 1e-4 (but for rare inverse-CDF flips)',
    async () => {
      // 12 solver settings × 8 seeds, n = 50, 300 steps on WRPS. float32 π can fall on the other
      // side of an inverse-CDF threshold than float64 π; then that run takes a different sample
      // and drifts apart. Measured: 1 of 96 runs here (inpo, seed 0, max |Δπ| ≈ 1e-3); all others
      // within 3e-7. The test allows at most 3 of 96.
      const spec: BatchSpec = { game, members: sampledMembers(50), steps: 300, every: 100 };
      const result = await engine.run(spec);
      const gaps = policyGaps(result, reference(spec));
      const apart = gaps.filter((g) => !(g < 1e-4));
      expect(apart.length).toBeLessThanOrEqual(3);
      for (const g of gaps) expect(Number.isFinite(g)).toBe(true);
    },
    ALL_SOLVERS_BUDGET_MS,
  );

  it(
    'approximate Nash-MP with exact queries matches the reference within 1e-4',
    async () => {
      const members = [1, 5, 50].map((inner) => ({
        solver: 'nash-mp' as const,
        params: resolveParams('nash-mp', 0.1, { inner }),
        start: game.start,
      }));
      const spec: BatchSpec = { game, members, steps: 500, every: 100 };
      const gaps = policyGaps(await engine.run(spec), reference(spec));
      for (const g of gaps) expect(g).toBeLessThan(1e-4);
    },
    ALL_SOLVERS_BUDGET_MS,
  );

  it(
    'leaks no tensors with sampled queries and inner steps; the same seed gives the same bits',
    async () => {
      const spec: BatchSpec = { game, members: sampledMembers(5), steps: 10, every: 5 };
      const first = await engine.run(spec);
      const before = tf.memory().numTensors;
      const second = await engine.run(spec);
      expect(tf.memory().numTensors).toBe(before);
      expect(Array.from(second.logPolicies)).toEqual(Array.from(first.logPolicies));
    },
    ALL_SOLVERS_BUDGET_MS,
  );
});
