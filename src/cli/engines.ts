/**
 * Engines for the CLI in Node: `tfjs` on wasm (cpu as fallback), `fused` on a WebGPU adapter
 * from the npm package `webgpu`, `auto` among what is available. Loaded only when asked for, so
 * the reference path starts fast.
 */
import type { Engine, EngineName } from '../engine/types';
import { UsageError } from './args';

export async function nodeEngine(name: Exclude<EngineName, 'reference'>): Promise<Engine> {
  const tf = await import('@tensorflow/tfjs-core');
  // tfjs prints a banner suggesting tfjs-node (which does not install here) on first use.
  tf.env().set('PROD', true);
  const { installNodeWebGPU } = await import('../engine/node');
  const { createEngine } = await import('../engine/index');
  const { useBackend, backendFailure } = await import('../engine/backends');
  let gpu = false;
  if (name === 'fused' || name === 'auto') {
    const reason = await installNodeWebGPU();
    gpu = reason === null && (await useBackend('webgpu'));
    if (name === 'fused' && !gpu) {
      throw new UsageError(
        `engine 'fused' needs WebGPU, which is unavailable here: ${reason ?? backendFailure('webgpu') ?? 'unknown reason'}`,
      );
    }
  }
  return createEngine(name, {
    tfjsBackends: gpu ? ['webgpu', 'wasm', 'cpu'] : ['wasm', 'cpu'],
    autoTfjsBackends: ['wasm'],
  });
}
