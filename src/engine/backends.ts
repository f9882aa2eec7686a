/**
 * tfjs backends: registration on demand and a checked switch. `tf.setBackend` can fall back
 * silently, so every switch is verified against `tf.getBackend()`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { EngineError } from './types';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** The order the tfjs engine tries backends in: GPU first, then CPU. */
export const BACKEND_CHAIN: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

const loaders: Record<BackendName, () => Promise<unknown>> = {
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  wasm: () => import('@tensorflow/tfjs-backend-wasm'),
  cpu: () => import('@tensorflow/tfjs-backend-cpu'),
};

const failures = new Map<BackendName, string>();

/** Why a backend could not start (for notices), if it failed. */
export function backendFailure(name: BackendName): string | undefined {
  return failures.get(name);
}

/** Makes `name` the active tfjs backend; false (and a recorded reason) when it cannot start. */
export async function useBackend(name: BackendName): Promise<boolean> {
  if (tf.getBackend() === name) return true;
  if (failures.has(name)) return false;
  try {
    await loaders[name]();
    if (name === 'webgpu' && typeof navigator !== 'undefined' && !('gpu' in navigator)) {
      failures.set(name, 'this browser has no WebGPU (navigator.gpu is missing)');
      return false;
    }
    const ok = await tf.setBackend(name);
    await tf.ready();
    if (!ok || tf.getBackend() !== name) {
      failures.set(name, `tfjs could not initialize the ${name} backend`);
      return false;
    }
    return true;
  } catch (e) {
    failures.set(name, (e as Error).message);
    return false;
  }
}

export async function requireBackend(name: BackendName): Promise<void> {
  if (!(await useBackend(name)))
    throw new EngineError(`the ${name} backend is unavailable: ${failures.get(name)}`);
}

/** The first backend of `chain` that starts. */
export async function firstAvailable(
  chain: readonly BackendName[] = BACKEND_CHAIN,
): Promise<BackendName> {
  for (const name of chain) if (await useBackend(name)) return name;
  throw new EngineError(`no tfjs backend could start (tried ${chain.join(', ')})`);
}

export { adapterInfo } from './adapter';
