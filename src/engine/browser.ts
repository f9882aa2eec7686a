/**
 * Browser set-up for the tfjs backends: the wasm binaries come from Vite-served URLs (otherwise
 * the dev server answers the .wasm request with index.html), and the wasm threads.
 *
 * The threaded wasm build needs SharedArrayBuffer, so a cross-origin-isolated page (the dev and
 * preview servers send COOP/COEP; static hosts get them from coi-serviceworker.js). It used to
 * hang because the bundler minified the factory that tfjs re-evaluates in each pthread worker
 * (scripts/vite-threaded-wasm.ts); where it still does not start, backends.ts falls back to the
 * single-threaded build. The pool already runs one worker per core (up to four), so each worker
 * takes its share of the cores as threads: threads × workers = cores, and a 2-core machine runs
 * two single-threaded workers (the threaded build then stays off: it would start eight idle
 * pthread workers for nothing).
 */
import * as tf from '@tensorflow/tfjs-core';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { poolSize } from './pool';

let configured = false;

/** Wasm threads of each engine worker: its share of the cores next to the pool's other workers. */
export function wasmThreadsFor(cores: number): number {
  return Math.max(1, Math.floor(Math.max(1, cores) / poolSize(cores)));
}

/**
 * A worker named `…:threads=N` asks for N threads (the bench and the e2e test use a threaded
 * worker beside the pool to time and check the threaded build on any machine).
 */
export function threadsRequested(workerName: string | undefined): number | undefined {
  const match = /:threads=(\d+)$/.exec(workerName ?? '');
  return match ? Number(match[1]) : undefined;
}

export function configureBrowserBackends(): void {
  if (configured) return;
  configured = true;
  const cores = navigator.hardwareConcurrency || 1;
  const name = (globalThis as { name?: string }).name;
  const threads = threadsRequested(name) ?? wasmThreadsFor(cores);
  if (!globalThis.crossOriginIsolated || threads <= 1) {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  } else {
    // tfjs caps its pool at hardwareConcurrency / 2 (it assumes two hyperthreads per core); a
    // worker that asks for more threads reports enough cores for the cap to allow them.
    if (threads > Math.floor(cores / 2))
      Object.defineProperty(navigator, 'hardwareConcurrency', { value: 2 * threads });
    setThreadsCount(threads);
  }
  setWasmPaths({
    'tfjs-backend-wasm.wasm': plainWasm,
    'tfjs-backend-wasm-simd.wasm': simdWasm,
    'tfjs-backend-wasm-threaded-simd.wasm': threadedWasm,
  });
}
