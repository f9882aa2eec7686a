/**
 * A GPU device lost during a run on the fused engine's tiled path (K ≥ 192), which drives the
 * device directly: the run must not hang on the lost queue, and goes on elsewhere.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { buildPreset } from '../../src/core/presets';
import { resolveParams } from '../../src/core/solvers';
import { parseGame } from '../../src/core/validate';
import { useBackend } from '../../src/engine/backends';
import { TILED_MIN_K } from '../../src/engine/fused/tiled';
import { createEngine } from '../../src/engine/index';
import type { BatchSpec } from '../../src/engine/types';
import { policyGaps, reference } from '../unit/engine-fixtures';

describe('device loss on the tiled path', () => {
  it('falls back to another engine with the same numbers and says why', async () => {
    expect(await useBackend('webgpu')).toBe(true);
    const K = TILED_MIN_K;
    const game = parseGame(buildPreset(`random:${K}:3`));
    const members = (['inpo', 'nash-mp'] as const).map((solver) => ({
      solver,
      params: resolveParams(solver, 0.1),
      start: game.start,
    }));
    const spec: BatchSpec = { game, members, steps: 300, every: 50, metrics: false };
    const engine = await createEngine('fused', { tfjsBackends: ['webgpu', 'wasm', 'cpu'] });
    let destroyed = false;
    const result = await engine.run(spec, {
      onProgress: (done) => {
        if (done === 2 && !destroyed) {
          destroyed = true;
          (tf.backend() as unknown as { device: GPUDevice }).device.destroy();
        }
      },
    });
    expect(destroyed).toBe(true);
    expect(result.fallback?.from).toBe('fused');
    expect(result.fallback?.reason).toMatch(/lost/i);
    expect(result.engine).toBe('tfjs');
    expect(Math.max(...policyGaps(result, reference(spec)))).toBeLessThan(1e-4);
  });
});
