/**
 * Sampled queries and approximate Nash-MP on the fused WGSL kernels (Dawn + SwiftShader in Node):
 * the WGSL RNG is bit-identical to the TypeScript one, the same seed reproduces the same run,
 * and the fused runs follow the float64 reference.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { drawBits, queryKey, sampleKey, toUniform } from '../../src/core/sampling';
import { resolveParams, SOLVER_IDS } from '../../src/core/solvers';
import { useBackend } from '../../src/engine/backends';
import { FallbackEngine } from '../../src/engine/fallback';
import { FusedEngine } from '../../src/engine/fused/engine';
import { ReferenceEngine } from '../../src/engine/reference';
import { TfjsEngine } from '../../src/engine/tfjs/engine';
import { probeWGSLRandom, probeWords } from '../../src/engine/fused/rngProbe';
import { EngineError, type BatchMember, type BatchSpec } from '../../src/engine/types';
import { ENGINE_GAMES, policyGaps, reference } from '../unit/engine-fixtures';

beforeAll(async () => {
  expect(await useBackend('webgpu')).toBe(true);
});

const game = ENGINE_GAMES[1]!;

function sampledMembers(samples: number, seeds: number, steps = 1): BatchMember[] {
  const members: BatchMember[] = [];
  for (const solver of SOLVER_IDS) {
    for (let seed = 0; seed < seeds; seed++) {
      members.push({
        solver,
        params: resolveParams(solver, 0.1),
        start: game.start,
        queries: { kind: 'sampled', samples, seed: seed * 7919 + steps },
      });
    }
  }
  for (let seed = 0; seed < seeds; seed++) {
    members.push({
      solver: 'nash-mp',
      params: resolveParams('nash-mp', 0.1, { inner: 20 }),
      start: game.start,
      queries: { kind: 'sampled', samples, seed: 2 ** 32 - 1 - seed },
    });
  }
  return members;
}

describe('sampled queries on the fused kernels', () => {
  const engine = new FusedEngine();

  it('the WGSL hash and uniforms equal the TypeScript ones bit for bit', async () => {
    const n = 4096;
    const out = await probeWGSLRandom(n);
    for (let i = 0; i < n; i++) {
      const [seed, query, sample, draw] = probeWords(i);
      const bits = drawBits(sampleKey(queryKey(seed, query), sample), draw);
      expect(out[i * 3 + 1]! * 65536 + out[i * 3 + 2]!, `entry ${i}`).toBe(bits);
      expect(out[i * 3], `entry ${i}`).toBe(toUniform(bits));
    }
  });

  it('one step from the same start takes the same samples as the reference (n = 100)', async () => {
    // π₀ is the same up to float32 rounding, so every inverse-CDF draw and verdict agrees, and
    // the estimate agrees to float32 precision.
    const spec: BatchSpec = { game, members: sampledMembers(100, 16), steps: 1, every: 1 };
    const gaps = policyGaps(await engine.run(spec), reference(spec));
    for (const g of gaps) expect(g).toBeLessThan(1e-5);
  });

  it('the same seed reproduces the same bits; another seed differs', async () => {
    const members = sampledMembers(20, 2, 50);
    const spec: BatchSpec = { game, members, steps: 50, every: 25 };
    const a = await engine.run(spec);
    const b = await engine.run(spec);
    expect(Array.from(b.logPolicies)).toEqual(Array.from(a.logPolicies));
    const other = await engine.run({
      ...spec,
      members: members.map((m) => ({
        ...m,
        queries: { kind: 'sampled', samples: 20, seed: 12345 },
      })),
    });
    expect(Array.from(other.logPolicies)).not.toEqual(Array.from(a.logPolicies));
  });

  it('300 steps, n = 50: the same seed follows the reference within 1e-4 (but for rare inverse-CDF flips)', async () => {
    // 12 solver settings × 8 seeds. A float32 π can fall on the other side of an inverse-CDF
    // threshold than the float64 π; that run then takes another sample and drifts apart.
    const spec: BatchSpec = { game, members: sampledMembers(50, 8, 300), steps: 300, every: 100 };
    const gaps = policyGaps(await engine.run(spec), reference(spec));
    const apart = gaps.filter((g) => !(g < 1e-4));
    console.info(`fused vs float64, sampled: ${apart.length} of ${gaps.length} runs apart`);
    expect(apart.length).toBeLessThanOrEqual(3);
  });

  it('approximate Nash-MP with exact queries follows the reference within 1e-4', async () => {
    const members: BatchMember[] = [1, 5, 50].map((inner) => ({
      solver: 'nash-mp',
      params: resolveParams('nash-mp', 0.1, { inner }),
      start: game.start,
    }));
    const spec: BatchSpec = { game, members, steps: 500, every: 100 };
    const gaps = policyGaps(await engine.run(spec), reference(spec));
    for (const g of gaps) expect(g).toBeLessThan(1e-4);
  });

  it('256 seeds of one solver in one batch, no tensors leaked', async () => {
    const members: BatchMember[] = Array.from({ length: 256 }, (_, seed) => ({
      solver: 'nash-mp',
      params: resolveParams('nash-mp', 0.1),
      start: game.start,
      queries: { kind: 'sampled', samples: 10, seed },
    }));
    const spec: BatchSpec = { game, members, steps: 20, every: 10, metrics: false };
    await engine.run(spec);
    const before = tf.memory().numTensors;
    const result = await engine.run(spec);
    expect(tf.memory().numTensors).toBe(before);
    expect(result.B).toBe(256);
    const gaps = policyGaps(result, reference(spec));
    expect(gaps.filter((g) => !(g < 1e-4)).length).toBeLessThanOrEqual(8);
  });

  it('CLI: --engine fused gives the reference numbers for the same seed (float32 precision)', async () => {
    const args = ['run', '--game', 'weighted-rps', '--solver', 'nash-mp', '--steps', '100'];
    const flags = ['--queries', 'sampled', '--samples', '50', '--seed', '3', '--inner', '10'];
    type Doc = { params: { queries: unknown }; trace: { policy: number[] }[] };
    const parse = async (argv: string[]): Promise<Doc> => {
      const r = await main(argv);
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout) as Doc;
    };
    const ref = await parse([...args, ...flags]);
    const out = await parse([...args, ...flags, '--engine', 'fused']);
    expect(out.params.queries).toEqual({ model: 'sampled', samples: 50, seed: 3 });
    out.trace.forEach((p, s) =>
      p.policy.forEach((v, i) => expect(Math.abs(v - ref.trace[s]!.policy[i]!)).toBeLessThan(1e-4)),
    );
  });

  it('tfjs on the webgpu backend refuses sampled queries clearly, leaks nothing, and falls back', async () => {
    const spec: BatchSpec = { game, members: sampledMembers(10, 1, 5), steps: 5, every: 5 };
    const tfjs = new TfjsEngine({ backends: ['webgpu'] });
    const before = tf.memory().numTensors;
    await expect(tfjs.run(spec)).rejects.toThrow(EngineError);
    await expect(tfjs.run(spec)).rejects.toThrow(/reading π back synchronously/);
    expect(tf.memory().numTensors).toBe(before);
    const result = await new FallbackEngine(tfjs, [new ReferenceEngine()]).run(spec);
    expect(result.engine).toBe('reference');
    expect(result.fallback?.from).toBe('tfjs');
  });

  it('one batch mixes exact and sampled members, with and without inner steps (one kernel variant per group)', async () => {
    const members: BatchMember[] = [];
    for (const inner of [0, 10]) {
      for (const queries of [
        undefined,
        { kind: 'sampled', samples: 20, seed: 5 },
        { kind: 'sampled', samples: 20, seed: 6 },
      ] as const) {
        members.push({
          solver: 'nash-mp',
          params: resolveParams('nash-mp', 0.1, { inner }),
          start: game.start,
          ...(queries ? { queries } : {}),
        });
        members.push({ solver: 'mmd', params: resolveParams('mmd', 0.1), start: game.start });
      }
    }
    const spec: BatchSpec = { game, members, steps: 1, every: 1 };
    for (const g of policyGaps(await engine.run(spec), reference(spec)))
      expect(g).toBeLessThan(1e-5);
    const long: BatchSpec = { ...spec, steps: 100, every: 50 };
    const gaps = policyGaps(await engine.run(long), reference(long));
    members.forEach((m, b) => {
      if (!m.queries) expect(gaps[b]).toBeLessThan(1e-4);
    });
  });
});
