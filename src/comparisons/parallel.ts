/**
 * The bootstrap spread over workers: resamples [0, B) split into one contiguous shard per worker,
 * each run by `bootstrapShard` off the main thread, then combined. Resample b depends on (seed, b)
 * alone, so the result equals the single-threaded run exactly. Cancelling terminates the workers
 * (a shard is one synchronous loop that cannot read messages), so it takes effect at once.
 */
import { shardSizes } from '../engine/pool';
import type { Game } from '../core/game';
import {
  bootstrapShard,
  checkBootstrapOptions,
  combineBootstrap,
  type BootstrapOptions,
  type BootstrapShard,
  type ComparisonsBootstrap,
  type RunControl,
} from './bootstrap';

export interface BootstrapRequest {
  game: Game;
  options: BootstrapOptions;
  from: number;
  count: number;
}

export type BootstrapReply =
  | { type: 'progress'; done: number }
  | { type: 'shard'; shard: BootstrapShard }
  | { type: 'error'; name: string; message: string };

/** What a worker (or a stand-in for tests) must offer. */
export interface BootstrapWorker {
  postMessage(request: BootstrapRequest): void;
  onmessage: ((event: { data: BootstrapReply }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
  terminate(): void;
}

/** Progress messages at most this often per worker. */
const PROGRESS_EVERY_MS = 50;

/** The worker side: runs one shard, posting progress and then the shard (or the error). */
export function handleBootstrapRequest(
  request: BootstrapRequest,
  post: (reply: BootstrapReply) => void,
): void {
  try {
    let last = 0;
    const shard = bootstrapShard(request.game, request.options, request.from, request.count, {
      onProgress: (done) => {
        const now = Date.now();
        if (now - last >= PROGRESS_EVERY_MS) {
          last = now;
          post({ type: 'progress', done });
        }
      },
    });
    post({ type: 'shard', shard });
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    post({ type: 'error', name: error.name, message: error.message });
  }
}

export interface ParallelControl extends RunControl {
  /** Workers to use (at most one per resample). */
  workers: number;
  createWorker: () => BootstrapWorker;
}

/** The bootstrap on `control.workers` workers; rejects with the abort reason when cancelled. */
export function bootstrapInWorkers(
  game: Game,
  options: BootstrapOptions,
  control: ParallelControl,
): Promise<ComparisonsBootstrap> {
  const opts = checkBootstrapOptions(options);
  const { signal } = control;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const sizes = shardSizes(opts.resamples, Math.max(1, Math.floor(control.workers)));
    const started: BootstrapWorker[] = [];
    const shards: BootstrapShard[] = [];
    const done = new Array<number>(sizes.length).fill(0);
    let settled = false;
    const finish = (error: Error | null, result?: ComparisonsBootstrap): void => {
      if (settled) return;
      settled = true;
      for (const w of started) w.terminate();
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(result!);
    };
    const onAbort = (): void => finish(signal!.reason as Error);
    signal?.addEventListener('abort', onAbort);
    let from = 0;
    sizes.forEach((count, k) => {
      const worker = control.createWorker();
      started.push(worker);
      worker.onmessage = ({ data }) => {
        if (data.type === 'progress') {
          done[k] = data.done;
          control.onProgress?.(
            done.reduce((a, b) => a + b, 0),
            opts.resamples,
          );
        } else if (data.type === 'error') {
          const error = new Error(data.message);
          error.name = data.name;
          finish(error);
        } else {
          shards.push(data.shard);
          done[k] = count;
          control.onProgress?.(
            done.reduce((a, b) => a + b, 0),
            opts.resamples,
          );
          if (shards.length === sizes.length) {
            try {
              finish(null, combineBootstrap(game, opts, shards));
            } catch (e) {
              finish(e as Error);
            }
          }
        }
      };
      worker.onerror = (event) =>
        finish(new Error(`a bootstrap worker failed: ${event.message ?? 'unknown error'}`));
      worker.postMessage({ game, options: opts, from, count });
      from += count;
    });
  });
}
