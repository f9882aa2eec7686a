/// <reference lib="webworker" />
/**
 * The engine worker: runs batches off the main thread so the page never blocks. One engine
 * instance per engine name is kept (auto keeps its calibrations); runs are cancellable by id.
 */
import { configureBrowserBackends } from './browser';
import { createEngine } from './index';
import type { AutoEngine } from './auto';
import type { BackendName } from './backends';
import type { WorkerMessage, WorkerRequest } from './protocol';
import type { Engine, EngineName } from './types';

declare const self: DedicatedWorkerGlobalScope;

configureBrowserBackends();
const engines = new Map<string, Promise<Engine>>();
const running = new Map<number, AbortController>();
/** Progress messages of a run are at least this far apart. */
const PROGRESS_EVERY_MS = 100;

function post(message: WorkerMessage): void {
  self.postMessage(message);
}

function engineNamed(name: EngineName, backends?: BackendName[]): Promise<Engine> {
  const key = `${name}:${backends?.join(',') ?? ''}`;
  let engine = engines.get(key);
  if (!engine)
    engines.set(
      key,
      (engine = createEngine(name, {
        ...(backends ? { tfjsBackends: backends } : {}),
        autoSkipsSoftwareGpu: true,
      })),
    );
  return engine;
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === 'cancel') {
    running.get(request.id)?.abort();
    return;
  }
  const controller = new AbortController();
  running.set(request.id, controller);
  let lastProgress = performance.now();
  try {
    const engine = await engineNamed(request.engine, request.backends);
    const result = await engine.run(request.spec, {
      signal: controller.signal,
      onProgress: (done, total) => {
        // One message per sample would flood the page (a race has 2,001 samples): the first
        // few, then at most one every PROGRESS_EVERY_MS, and the last.
        const now = performance.now();
        if (done > 10 && done < total && now - lastProgress < PROGRESS_EVERY_MS) return;
        lastProgress = now;
        post({ type: 'progress', id: request.id, done, total });
      },
    });
    const calibration =
      engine.name === 'auto' ? (engine as AutoEngine).lastCalibration?.rates : undefined;
    post({ type: 'result', id: request.id, result, ...(calibration ? { calibration } : {}) });
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    post({ type: 'error', id: request.id, name: error.name, message: error.message });
  } finally {
    running.delete(request.id);
  }
};
