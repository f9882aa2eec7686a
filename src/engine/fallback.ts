/**
 * Runs on the first engine that finishes: a lost GPU device or a backend that fails mid-run hands
 * the whole batch to the next engine, and the result says what happened (`fallback`).
 */
import type { BatchResult, BatchSpec, ConcreteEngine, Engine, RunOptions } from './types';

function isAbort(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError';
}

export async function runWithFallback(
  engines: readonly Engine[],
  spec: BatchSpec,
  options: RunOptions = {},
): Promise<BatchResult> {
  let first: { from: ConcreteEngine; reason: string } | undefined;
  let lastError: unknown;
  for (const engine of engines) {
    try {
      const result = await engine.run(spec, options);
      return first ? { ...result, fallback: first } : result;
    } catch (e) {
      if (isAbort(e)) throw e;
      lastError = e;
      first ??= {
        from: engine.name as ConcreteEngine,
        reason: e instanceof Error ? e.message : String(e),
      };
    }
  }
  throw lastError;
}

export class FallbackEngine implements Engine {
  readonly name;
  constructor(
    private readonly primary: Engine,
    private readonly fallbacks: readonly Engine[],
  ) {
    this.name = primary.name;
  }

  get backend(): string {
    return this.primary.backend;
  }

  run(spec: BatchSpec, options?: RunOptions): Promise<BatchResult> {
    return runWithFallback([this.primary, ...this.fallbacks], spec, options);
  }

  dispose(): void {
    this.primary.dispose();
    for (const f of this.fallbacks) f.dispose();
  }
}
