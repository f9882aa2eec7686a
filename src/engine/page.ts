/**
 * The page's one entry to the engines: a pool of engine workers and named run scopes. Starting
 * a scope cancels the previous run of the same name, so a dragged β slider or a re-opened view
 * never queues stale work, and a result that arrives after its cancel is dropped.
 */
import { EngineClient, type ClientResult } from './client';
import { EnginePool, poolSize } from './pool';
import type { BatchSpec, EngineName } from './types';

export { chooseRaceEngine } from './choice';
export type { ClientResult } from './client';

let pool: EnginePool | null = null;
let clients: EngineClient[] = [];

/**
 * The page's worker pool, one engine worker per core (up to the pool's size), started on first
 * use. The app, the benchmark page and the e2e probes share it.
 */
export function enginePool(): EnginePool {
  if (!pool) {
    clients = Array.from({ length: poolSize(navigator.hardwareConcurrency || 1) }, () =>
      EngineClient.create(),
    );
    pool = new EnginePool(clients);
  }
  return pool;
}

/** One worker of the pool, for runs that must stay on a single worker (the benchmark's rows). */
export function firstEngineClient(): EngineClient {
  enginePool();
  return clients[0]!;
}

let threaded: EngineClient | null = null;

/**
 * One worker on the threaded wasm build with a thread per core, 2 to 8 (tfjs's build starts
 * eight pthread workers and uses no more), started on first use.
 */
export function threadedEngineClient(): EngineClient {
  threaded ??= new EngineClient(
    new Worker(new URL('./worker.ts', import.meta.url), {
      type: 'module',
      name: `nash-engine:threads=${Math.min(8, Math.max(2, navigator.hardwareConcurrency || 1))}`,
    }),
  );
  return threaded;
}

export interface ScopedRun {
  result: ClientResult;
  /** Wall time of the run, the hand-off to the worker included. */
  ms: number;
}

/** One cancellation scope: every run in it is dropped once a newer scope of its name begins. */
export class RunScope {
  private readonly controller = new AbortController();

  constructor(readonly name: string) {}

  /** For work in the scope that is not an engine batch (e.g. the comparisons bootstrap). */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get cancelled(): boolean {
    return this.controller.signal.aborted;
  }

  cancel(): void {
    this.controller.abort();
  }

  /** The run's result, or null when the scope was cancelled (even if the worker had answered). */
  async run(
    engine: EngineName,
    spec: BatchSpec,
    onProgress?: (done: number, total: number) => void,
  ): Promise<ScopedRun | null> {
    const t0 = performance.now();
    try {
      const result = await enginePool().run(engine, spec, {
        signal: this.controller.signal,
        ...(onProgress ? { onProgress } : {}),
      });
      return this.cancelled ? null : { result, ms: performance.now() - t0 };
    } catch (e) {
      if ((e as Error).name === 'AbortError' || this.cancelled) return null;
      throw e;
    }
  }
}

const scopes = new Map<string, RunScope>();

/** A fresh scope for `name`, cancelling the one before. */
export function beginScope(name: string): RunScope {
  cancelScope(name);
  const scope = new RunScope(name);
  scopes.set(name, scope);
  return scope;
}

export function cancelScope(name: string): void {
  scopes.get(name)?.cancel();
  scopes.delete(name);
}

/** Forgets a finished scope (it stays cancellable until then). */
export function endScope(scope: RunScope): void {
  if (scopes.get(scope.name) === scope) scopes.delete(scope.name);
}
