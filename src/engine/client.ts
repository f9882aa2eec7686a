/**
 * The page's side of the engine worker: `run` returns a promise for the result, streams progress,
 * and honours an AbortSignal by asking the worker to cancel.
 */
import type { BackendName } from './backends';
import type { CandidateRate, RunRequest, WorkerMessage, WorkerRequest } from './protocol';
import type { BatchResult, BatchSpec, EngineName } from './types';

export interface ClientRunOptions {
  signal?: AbortSignal;
  /** tfjs engine only: backends to try, in order. */
  backends?: BackendName[];
  onProgress?: (done: number, total: number) => void;
}

export interface ClientResult extends BatchResult {
  calibration?: CandidateRate[];
}

interface Pending {
  resolve(result: ClientResult): void;
  reject(error: Error): void;
  onProgress?: (done: number, total: number) => void;
}

export class EngineClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => this.receive(event.data);
    worker.onerror = (event) => {
      const error = new Error(`engine worker failed: ${event.message}`);
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
  }

  /** A worker built by Vite from src/engine/worker.ts. */
  static create(): EngineClient {
    return new EngineClient(
      new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'nash-engine' }),
    );
  }

  run(engine: EngineName, spec: BatchSpec, options: ClientRunOptions = {}): Promise<ClientResult> {
    const id = this.nextId++;
    return new Promise<ClientResult>((resolve, reject) => {
      if (options.signal?.aborted)
        return reject(new DOMException('The run was cancelled', 'AbortError'));
      this.pending.set(id, {
        resolve,
        reject,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
      options.signal?.addEventListener('abort', () => this.send({ type: 'cancel', id }), {
        once: true,
      });
      const request: RunRequest = {
        type: 'run',
        id,
        engine,
        spec,
        ...(options.backends ? { backends: options.backends } : {}),
      };
      this.send(request);
    });
  }

  terminate(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error('engine worker terminated'));
    this.pending.clear();
  }

  private send(message: WorkerRequest): void {
    this.worker.postMessage(message);
  }

  private receive(message: WorkerMessage): void {
    const p = this.pending.get(message.id);
    if (!p) return;
    if (message.type === 'progress') {
      p.onProgress?.(message.done, message.total);
      return;
    }
    this.pending.delete(message.id);
    if (message.type === 'result')
      p.resolve(
        message.calibration
          ? { ...message.result, calibration: message.calibration }
          : message.result,
      );
    else {
      const error =
        message.name === 'AbortError'
          ? new DOMException(message.message, 'AbortError')
          : new Error(message.message);
      p.reject(error);
    }
  }
}
