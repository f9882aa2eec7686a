/**
 * tfjs backends: registration on demand and a checked switch. `tf.setBackend` can fall back
 * silently, so every switch is verified against `tf.getBackend()`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { BACKEND_CHAIN, type BackendName } from './backendNames';
import { EngineError } from './types';

export { BACKEND_CHAIN, type BackendName };

const loaders: Record<BackendName, () => Promise<unknown>> = {
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  wasm: () => import('@tensorflow/tfjs-backend-wasm'),
  cpu: () => import('@tensorflow/tfjs-backend-cpu'),
};

const failures = new Map<BackendName, string>();

/**
 * How long a backend may take to start. The threaded wasm build waits for its whole thread pool
 * (8 workers, each compiling the module) and never settles if one of them fails to load.
 */
export const BACKEND_START_MS = 20_000;

/** Threads of the wasm backend once it runs (1 for the plain build), else undefined. */
let wasmThreadCount: number | undefined;
let threadsNote: string | undefined;

/** Threads the tfjs wasm backend computes with, once it has started. */
export function wasmThreads(): number | undefined {
  return wasmThreadCount;
}

/** Why the threaded wasm build is not in use, where it was tried and failed. */
export function wasmThreadsFailure(): string | undefined {
  return threadsNote;
}

/** tf.setBackend, or 'timeout' when it has not settled within `ms`. */
export async function setBackendWithin(name: string, ms: number): Promise<boolean | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([tf.setBackend(name), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Registers `name` again with the same factory, so that a hung start is abandoned and the next
 * tf.setBackend starts afresh (after `prepare` changed what the factory will build).
 */
export function reregister(name: string, prepare: () => void): void {
  const factory = tf.findBackendFactory(name);
  if (!factory) throw new EngineError(`no tfjs backend named ${name} is registered`);
  tf.removeBackend(name);
  prepare();
  tf.registerBackend(name, factory, 2);
}

/**
 * Starts the wasm backend; if the threaded build does not come up in time, falls back to the
 * single-threaded one (and remembers why).
 */
async function startWasm(ms: number): Promise<boolean> {
  const threaded = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  let ok = await setBackendWithin('wasm', ms);
  if (ok === 'timeout' && threaded) {
    threadsNote = `the threaded wasm build did not start within ${ms / 1000} s; running single-threaded`;
    reregister('wasm', () => tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false));
    ok = await setBackendWithin('wasm', ms);
  }
  if (ok === 'timeout') throw new Error(`the wasm backend did not start within ${ms / 1000} s`);
  if (ok) {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasmThreadCount = wasm.getThreadsCount();
  }
  return ok;
}

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
    let ok: boolean;
    if (name === 'wasm') ok = await startWasm(BACKEND_START_MS);
    else {
      const started = await setBackendWithin(name, BACKEND_START_MS);
      if (started === 'timeout')
        throw new Error(`the ${name} backend did not start within ${BACKEND_START_MS / 1000} s`);
      ok = started;
    }
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
