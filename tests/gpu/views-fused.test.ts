/** The GPU-scale views on the fused WGSL kernels (Dawn + SwiftShader in Node) vs float64. */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../src/engine/backends';
import { FusedEngine } from '../../src/engine/fused/engine';
import {
  expectBasinsMatchReference,
  expectDipsNotCounted,
  expectPureEquilibriumHits,
  expectFieldMatchesReference,
  expectSection4Hits,
  expectSweepMatchesReference,
} from '../unit/views-fixtures';

beforeAll(async () => {
  expect(await useBackend('webgpu')).toBe(true);
});

describe('views on the fused engine equal the reference at sampled points', () => {
  const engine = new FusedEngine();

  it('flow field of every solver (4,186 starts each) within 1e-4', async () => {
    await expectFieldMatchesReference(engine);
  });

  it('hitting times tracked in the kernel: §4 within one iteration, basins within one', async () => {
    const before = tf.memory().numTensors;
    await expectSection4Hits(engine, 1);
    await expectBasinsMatchReference(engine, 200, true);
    await expectBasinsMatchReference(engine, 200, false);
    await expectPureEquilibriumHits(engine, 1);
    await expectDipsNotCounted(engine, 1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a 32 × 32 sweep of the four seed-paper solvers within 1e-4', async () => {
    await expectSweepMatchesReference(engine, ['nash-mp', 'egpo', 'inpo', 'mnpo'], 300);
    await expectSweepMatchesReference(engine, ['nash-mp', 'egpo', 'inpo', 'mnpo'], 10);
  });
});
