/**
 * A pool of engine workers: a large batch is split into contiguous shards of members, one per
 * worker, run in parallel and merged back in member order, so CPU engines use every core.
 *
 * Whether sharding pays is measured, per engine and workload shape (K, members, solvers): the
 * first large run of a shape probes one worker with the whole batch and then every worker with a
 * shard (the same probes auto uses to pick an engine, see probeCost: what a run costs once and
 * per step), and each run takes the plan with the least predicted time for its steps. The probes
 * run while this device is as loaded as it is, so a busy machine or an engine that already uses
 * every core (threaded wasm, the GPU) is measured as it is, not assumed. Where auto picks the
 * float64 engine for the whole batch, the shards run on it directly (see ShardPlan.shardEngine).
 */
import { costRate, predictMs, probeCost, workloadKey, type RunCost } from './auto';
import type { ClientResult, ClientRunOptions, EngineClient } from './client';
import type { BatchMetrics, BatchSpec, EngineName } from './types';

/** Engine workers a page runs: one per core, at most four (each holds its own engines). */
export function poolSize(cores: number): number {
  return Math.max(1, Math.min(4, Math.floor(cores) || 1));
}

/**
 * Below this much work per run (members × K² × steps multiply-adds, ~0.1 s on one core) a run
 * stays on one worker without probing: the probes (~0.2 s, once per shape) and the hand-off would
 * cost more than a second core saves. It sits above the race runner's REFERENCE_WORK, so the
 * small races of the app never pay for a plan.
 */
export const MIN_SHARDED_WORK = 2 ** 26;

/** Sharding must beat one worker by this factor to be chosen (merging and memory cost extra). */
export const SHARD_MARGIN = 1.1;

/** How a workload shape runs on the pool, from the probes. */
export interface ShardPlan {
  key: string;
  /**
   * Each plan probed: policy-steps per second of its steps and the fixed cost of a run
   * (rate 0 where it failed).
   */
  rates: { workers: number; rate: number; fixedMs: number }[];
  /** Workers the last run of the shape ran on. */
  workers: number;
  /**
   * The engine the shards run on: `auto` asked of the pool, but `reference` where auto chose the
   * float64 engine for the whole batch. The float64 engine is the same code in every worker, so a
   * shard needs no calibration of its own; calibrating auto again for the shard's shape meant
   * warming every candidate a second time (tfjs on a software WebGL adapter: ~6 s a shape).
   */
  shardEngine: EngineName;
}

export function shardSizes(members: number, shards: number): number[] {
  const n = Math.max(1, Math.min(shards, members));
  return Array.from({ length: n }, (_, i) => Math.floor(members / n) + (i < members % n ? 1 : 0));
}

/** Concatenates per-shard results along the member axis. */
export function mergeResults(parts: ClientResult[]): ClientResult {
  if (parts.length === 1) return { ...parts[0]!, workers: 1 };
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
  const threads = parts.reduce((most, p) => Math.max(most, p.threads ?? 0), 0);
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
    ...(threads > 0 ? { threads } : {}),
    workers: parts.length,
  };
}

/** One plan's probe: its workers, what a run costs on it (null where it failed), its engine. */
interface Probed {
  workers: number;
  cost: RunCost | null;
  shardEngine: EngineName;
}

export interface PoolOptions {
  /** How a plan is timed (default probeCost; tests count instead of timing). */
  cost?: (run: (probe: BatchSpec) => Promise<ClientResult>, spec: BatchSpec) => Promise<RunCost>;
}

export class EnginePool {
  private readonly plans = new Map<string, Promise<Probed[]>>();
  private readonly cost: NonNullable<PoolOptions['cost']>;
  /** The plan of the last run that was large enough to have one. */
  lastPlan: ShardPlan | null = null;

  constructor(
    private readonly clients: readonly EngineClient[],
    options: PoolOptions = {},
  ) {
    if (clients.length === 0) throw new Error('an engine pool needs at least one worker');
    this.cost = options.cost ?? probeCost;
  }

  get size(): number {
    return this.clients.length;
  }

  async run(
    engine: EngineName,
    spec: BatchSpec,
    options: ClientRunOptions = {},
  ): Promise<ClientResult> {
    const work = spec.members.length * spec.game.K * spec.game.K * Math.max(1, spec.steps);
    // The GPU kernels already use the whole device.
    if (this.clients.length === 1 || engine === 'fused' || work < MIN_SHARDED_WORK)
      return this.single(engine, spec, options);
    const plan = await this.plan(engine, spec, options);
    this.lastPlan = plan;
    options.signal?.throwIfAborted();
    return plan.workers > 1
      ? this.runSharded(plan.shardEngine, spec, options, plan.workers)
      : this.single(engine, spec, options);
  }

  /** The plan for this run: the probed costs of the shape (probed once) and the workers chosen. */
  async plan(
    engine: EngineName,
    spec: BatchSpec,
    options: ClientRunOptions = {},
  ): Promise<ShardPlan> {
    const key = `${engine}:${options.backends?.join(',') ?? ''}:${workloadKey(spec)}`;
    let costs = this.plans.get(key);
    if (!costs) {
      const probeOptions = options.backends ? { backends: options.backends } : {};
      const n = Math.min(this.clients.length, spec.members.length);
      costs = (async () => {
        const out: Probed[] = [];
        let shardEngine = engine;
        for (const workers of n > 1 ? [1, n] : [1]) {
          let cost: RunCost | null = null;
          try {
            cost = await this.cost(async (probe) => {
              if (workers > 1) return this.runSharded(shardEngine, probe, probeOptions, workers);
              const result = await this.single(engine, probe, probeOptions);
              if (engine === 'auto' && result.engine === 'reference') shardEngine = 'reference';
              return result;
            }, spec);
          } catch {
            // a plan that fails in a probe is not chosen; the real run reports the error
          }
          out.push({ workers, cost, shardEngine });
        }
        return out;
      })();
      this.plans.set(key, costs);
    }
    const probed = await costs;
    const ms = (c: RunCost | null): number => (c ? predictMs(c, spec.steps) : Infinity);
    const best = probed.reduce((a, b) => (ms(b.cost) * SHARD_MARGIN < ms(a.cost) ? b : a));
    return {
      key,
      rates: probed.map(({ workers, cost }) => ({
        workers,
        rate: cost ? costRate(cost, spec.members.length) : 0,
        fixedMs: cost?.fixedMs ?? 0,
      })),
      workers: best.workers,
      shardEngine: best.shardEngine,
    };
  }

  private single(
    engine: EngineName,
    spec: BatchSpec,
    options: ClientRunOptions,
  ): Promise<ClientResult> {
    return this.clients[0]!.run(engine, spec, options).then((r) => ({ ...r, workers: 1 }));
  }

  /** Runs `spec` split over the first `workers` workers, whatever the plan says. */
  runSharded(
    engine: EngineName,
    spec: BatchSpec,
    options: ClientRunOptions = {},
    workers = this.clients.length,
  ): Promise<ClientResult> {
    const sizes = shardSizes(spec.members.length, Math.min(workers, this.clients.length));
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
