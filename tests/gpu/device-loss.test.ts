/** A GPU device lost mid-run: the run goes on elsewhere and the caller is told. */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../src/engine/backends';
import { createEngine } from '../../src/engine/index';
import { ENGINE_GAMES, everySolver, policyGaps, reference } from '../unit/engine-fixtures';

describe('device loss', () => {
  it('falls back to another engine with the same numbers and says why', async () => {
    expect(await useBackend('webgpu')).toBe(true);
    const engine = await createEngine('fused', { tfjsBackends: ['webgpu', 'wasm', 'cpu'] });
    const spec = everySolver(ENGINE_GAMES[1]!, 0.1, 400, 100);
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
    expect(result.backend).toBe('wasm');
    expect(Math.max(...policyGaps(result, reference(spec)))).toBeLessThan(1e-4);
  });
});
