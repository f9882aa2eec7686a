/** The fused WGSL kernels on a real WebGPU adapter (Dawn + SwiftShader in Node) vs float64. */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveParams, SOLVER_IDS } from '../../src/core/solvers';
import { adapterInfo, useBackend } from '../../src/engine/backends';
import { FusedEngine } from '../../src/engine/fused/engine';
import { createEngine } from '../../src/engine/index';
import type { BatchSpec } from '../../src/engine/types';
import {
  averageGaps,
  ENGINE_GAMES,
  everySolver,
  policyGaps,
  reference,
} from '../unit/engine-fixtures';

beforeAll(async () => {
  expect(await useBackend('webgpu')).toBe(true);
});

describe('fused WebGPU kernels', () => {
  const engine = new FusedEngine();

  it('run on the tfjs webgpu backend over a real adapter', async () => {
    const info = await adapterInfo();
    expect(info).not.toBeNull();
    const result = await engine.run(everySolver(ENGINE_GAMES[0]!, 0.1, 10, 10));
    expect(result.engine).toBe('fused');
    expect(result.backend).toBe('webgpu');
    expect(tf.getBackend()).toBe('webgpu');
  });

  for (const game of ENGINE_GAMES) {
    it(`every solver on ${game.name}: within 1e-4 of float64 after 1,000 steps at β = 0.1`, async () => {
      const spec = everySolver(game);
      const result = await engine.run(spec);
      const ref = reference(spec);
      const gaps = policyGaps(result, ref);
      SOLVER_IDS.forEach((id, m) => expect(gaps[m], id).toBeLessThan(1e-4));
      averageGaps(result, ref).forEach((g, m) => expect(g, SOLVER_IDS[m]).toBeLessThan(1e-4));
    });
  }

  it('β = 0 and the theory schedule at β = 0.01 stay close to float64', async () => {
    const game = ENGINE_GAMES[1]!;
    const members = [
      ...SOLVER_IDS.map((solver) => ({
        solver,
        params: resolveParams(solver, 0),
        start: game.start,
      })),
      { solver: 'inpo' as const, params: resolveParams('inpo', 0.01), start: game.start },
      { solver: 'nash-md' as const, params: resolveParams('nash-md', 0.01), start: game.start },
    ];
    const spec: BatchSpec = { game, members, steps: 300, every: 100 };
    const result = await engine.run(spec);
    expect(Math.max(...policyGaps(result, reference(spec)))).toBeLessThan(1e-4);
  });

  it('the theory schedule at β = 1e-3 (η₀ = 1000) stays finite in float32', async () => {
    // Steps of size ~1000 amplify float32 rounding: the trajectory is finite but may drift from
    // float64 by far more than 1e-4 (the per-op tfjs engine does the same), so only finiteness holds.
    const game = ENGINE_GAMES[1]!;
    const members = (['inpo', 'nash-md'] as const).map((solver) => ({
      solver,
      params: resolveParams(solver, 1e-3),
      start: game.start,
    }));
    const result = await engine.run({ game, members, steps: 300, every: 10 });
    for (const v of result.logPolicies) expect(Number.isFinite(v)).toBe(true);
  });

  it('splitting the run into many short dispatches changes nothing', async () => {
    const spec = everySolver(ENGINE_GAMES[2]!, 0.1, 200, 200);
    const long = await engine.run(spec);
    const short = await new FusedEngine({ workPerDispatch: 1 }).run(spec); // one step per dispatch
    for (let i = 0; i < long.logPolicies.length; i++)
      expect(short.logPolicies[i]).toBeCloseTo(long.logPolicies[i]!, 5);
  });

  it('a large batch (4,096 starts) matches float64 at sampled members', async () => {
    const game = ENGINE_GAMES[0]!;
    const members = Array.from({ length: 4096 }, (_, b) => {
      const a = 0.05 + (0.9 * (b % 64)) / 64;
      const c = (1 - a) * (0.1 + (0.8 * Math.floor(b / 64)) / 64);
      return {
        solver: 'nash-mp' as const,
        params: resolveParams('nash-mp', 0.1),
        start: Float64Array.from([a, c, 1 - a - c]),
      };
    });
    const spec: BatchSpec = { game, members, steps: 100, every: 100, metrics: false };
    const result = await engine.run(spec);
    const picks = [0, 1, 777, 2048, 4095];
    const ref = reference({ ...spec, members: picks.map((b) => members[b]!) });
    picks.forEach((b, r) => {
      for (let i = 0; i < 3; i++) {
        const at = (1 * 4096 + b) * 3 + i;
        expect(
          Math.abs(
            Math.exp(result.logPolicies[at]!) -
              Math.exp(ref.logPolicies[(1 * picks.length + r) * 3 + i]!),
          ),
        ).toBeLessThan(1e-4);
      }
    });
  });

  it('leaks neither tensors nor GPU memory over 100 calls', async () => {
    const spec = everySolver(ENGINE_GAMES[0]!, 0.1, 20, 5);
    await engine.run(spec);
    const after1 = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number };
    for (let k = 0; k < 99; k++) await engine.run(spec);
    const after100 = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number };
    expect(after100.numTensors).toBe(after1.numTensors);
    expect(after100.numBytesInGPU).toBe(after1.numBytesInGPU);
  });

  it('auto calibrates among reference, tfjs-wasm and fused and reports what ran', async () => {
    const auto = await createEngine('auto', {
      tfjsBackends: ['webgpu', 'wasm', 'cpu'],
      autoTfjsBackends: ['wasm'],
    });
    const spec = everySolver(ENGINE_GAMES[0]!, 0.1, 100, 100);
    const result = await auto.run(spec);
    expect(['reference', 'tfjs', 'fused']).toContain(result.engine);
    const calibration = (
      auto as unknown as { lastCalibration: { rates: { engine: string; rate: number }[] } }
    ).lastCalibration;
    expect(calibration.rates.map((r) => r.engine)).toEqual(['reference', 'tfjs', 'fused']);
    for (const r of calibration.rates) expect(r.rate).toBeGreaterThan(0);
    expect(Math.max(...policyGaps(result, reference(spec)))).toBeLessThan(1e-4);
  });
});
