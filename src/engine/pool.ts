/**
 * A pool of engine workers: a large batch is split into contiguous shards of members, one per
 * worker, run in parallel and merged back in member order. On a CPU-bound device this uses every
 * core (the tfjs wasm build runs single-threaded; its threaded build hangs on isolated pages).
 */
import type { ClientResult, ClientRunOptions, EngineClient } from './client';
import type { BatchMetrics, BatchSpec, EngineName } from './types';

/** Below this much work per run (members × K² × steps) one worker is faster than the hand-off. */
export const MIN_SHARDED_WORK = 1 << 20;

export function shardSizes(members: number, shards: number): number[] {
  const n = Math.max(1, Math.min(shards, members));
  return Array.from({ length: n }, (_, i) => Math.floor(members / n) + (i < members % n ? 1 : 0));
}

/** Concatenates per-shard results along the member axis. */
export function mergeResults(parts: ClientResult[]): ClientResult {
  if (parts.length === 1) return parts[0]!;
  const first = parts[0]!;
  const { K, times } = first;
  const S = times.length;
  const B = parts.reduce((s, p) => s + p.B, 0);
  const logPolicies = new Float64Array(S * B * K);
  const average = new Float64Array(B * K);
  const targetBeta = new Float64Array(B);
  const refresh = new Int32Array(B);
  const hitTimes = first.hitTimes ? new Int32Array(B) : undefined;
  const metrics: BatchMetrics | undefined = first.metrics
    ? {
        exploitability: new Float64Array(S * B),
        regGap: new Float64Array(S * B),
        klToNE: new Float64Array(S * B),
        atFloor: new Uint8Array(S * B),
        targets: new Float64Array(B * K),
      }
    : undefined;
  let offset = 0;
  for (const p of parts) {
    for (let s = 0; s < S; s++) {
      logPolicies.set(p.logPolicies.subarray(s * p.B * K, (s + 1) * p.B * K), (s * B + offset) * K);
      if (metrics && p.metrics) {
        for (const key of ['exploitability', 'regGap', 'klToNE', 'atFloor'] as const) {
          (metrics[key] as Float64Array | Uint8Array).set(
            p.metrics[key].subarray(s * p.B, (s + 1) * p.B),
            s * B + offset,
          );
        }
      }
    }
    average.set(p.average, offset * K);
    targetBeta.set(p.targetBeta, offset);
    refresh.set(p.refresh, offset);
    if (metrics && p.metrics) metrics.targets.set(p.metrics.targets, offset * K);
    if (hitTimes && p.hitTimes) hitTimes.set(p.hitTimes, offset);
    offset += p.B;
  }
  const backends = [...new Set(parts.map((p) => p.backend))];
  const fallback = parts.find((p) => p.fallback)?.fallback;
  // Custom members that stopped: shard-local member indices become batch indices.
  let base = 0;
  const failures = parts.flatMap((p) => {
    const shifted = (p.failures ?? []).map((f) => ({ ...f, member: f.member + base }));
    base += p.B;
    return shifted;
  });
  return {
    ...first,
    // Shards calibrate alone and may disagree; the first shard's engine names the run.
    backend: backends.join('+'),
    B,
    logPolicies,
    average,
    targetBeta,
    refresh,
    ...(hitTimes ? { hitTimes } : {}),
    ...(metrics ? { metrics } : {}),
    ...(fallback ? { fallback } : {}),
    ...(failures.length > 0 ? { failures } : { failures: undefined }),
  };
}

export class EnginePool {
  constructor(private readonly clients: readonly EngineClient[]) {
    if (clients.length === 0) throw new Error('an engine pool needs at least one worker');
  }

  get size(): number {
    return this.clients.length;
  }

  run(engine: EngineName, spec: BatchSpec, options: ClientRunOptions = {}): Promise<ClientResult> {
    const work = spec.members.length * spec.game.K * spec.game.K * Math.max(1, spec.steps);
    // The GPU kernels already use the whole device; CPU engines gain from every core.
    if (this.clients.length === 1 || engine === 'fused' || work < MIN_SHARDED_WORK) {
      return this.clients[0]!.run(engine, spec, options);
    }
    const sizes = shardSizes(spec.members.length, this.clients.length);
    let start = 0;
    const progress = new Array<number>(sizes.length).fill(0);
    const runs = sizes.map((n, i) => {
      const members = spec.members.slice(start, (start += n));
      return this.clients[i]!.run(
        engine,
        { ...spec, members },
        {
          ...options,
          onProgress: (done, total) => {
            progress[i] = done;
            options.onProgress?.(Math.min(...progress), total);
          },
        },
      );
    });
    return Promise.all(runs).then(mergeResults);
  }

  terminate(): void {
    for (const c of this.clients) c.terminate();
  }
}
