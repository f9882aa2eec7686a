/**
 * A pool of engine workers: a large batch is split into contiguous shards of members, one per
 * worker, run in parallel and merged back in member order, so CPU engines use every core.
 *
 * Whether sharding pays is measured, per engine and workload shape (K, members, solvers): the
 * first large run of a shape probes one worker with the whole batch and then every worker with a
 * shard (the same probes auto uses to pick an engine, see probeCost: what a run costs once and
 * per step), and each run takes the plan with the least predicted time for its steps. The probes
 * run while this device is as loaded as it is, so a busy machine or an engine that already uses
 * every core (threaded wasm, the GPU) is measured as it is, not assumed. A run asked of `auto` is
 * probed and run on the concrete engine auto picks for it (see ConcreteChoice).
 */
import { costRate, predictMs, probeCost, workloadKey, type RunCost } from './auto';
import { BACKEND_CHAIN, type BackendName } from './backendNames';
import type { ClientResult, ClientRunOptions, EngineClient } from './client';
import type { CandidateRate } from './protocol';
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
  /** The engine the plan's runs go to (see ConcreteChoice), and its tfjs backend if any. */
  engine: EngineName;
  backends?: BackendName[];
}

/**
 * What `auto` picks for a run, as a concrete engine: the pool probes and runs a plan on it.
 * Probing the plans on `auto` itself would time whatever auto picks for the short probes (a low
 * fixed cost), not the engine of the real run, and every shard would calibrate auto again for its
 * own shape: warming each candidate a second time (tfjs on a software WebGL adapter: ~6 s a shape;
 * a 6,072-member sweep map in Chromium took 19 s that way, 7 s on the concrete engine).
 */
export interface ConcreteChoice {
  engine: EngineName;
  backends?: BackendName[];
}

/**
 * The candidate of auto's calibration with the least predicted time for `steps` steps of
 * `members` members, as an engine the pool can ask for by name; null where there is none (no
 * calibration, or a candidate the pool does not shard, such as the fused kernels).
 */
export function concreteChoice(
  calibration: readonly CandidateRate[] | undefined,
  members: number,
  steps: number,
): ConcreteChoice | null {
  let best: CandidateRate | null = null;
  let bestMs = Infinity;
  for (const c of calibration ?? []) {
    if (!(c.rate > 0)) continue;
    const ms = predictMs({ fixedMs: c.fixedMs, stepMs: (members / c.rate) * 1000 }, steps);
    if (ms < bestMs) [best, bestMs] = [c, ms];
  }
  if (best?.engine === 'reference') return { engine: 'reference' };
  if (best?.engine === 'tfjs' && (BACKEND_CHAIN as readonly string[]).includes(best.backend))
    return { engine: 'tfjs', backends: [best.backend as BackendName] };
  return null;
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
  const finalKL = first.finalKL ? new Float64Array(B) : undefined;
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
    if (finalKL && p.finalKL) finalKL.set(p.finalKL, offset);
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
    ...(finalKL ? { finalKL } : {}),
    ...(metrics ? { metrics } : {}),
    ...(fallback ? { fallback } : {}),
    ...(failures.length > 0 ? { failures } : { failures: undefined }),
    ...(threads > 0 ? { threads } : {}),
    workers: parts.length,
  };
}

/** One plan's probe: its workers and what a run costs on it (null where it failed). */
interface Probed {
  workers: number;
  cost: RunCost | null;
}

export interface PoolOptions {
  /** How a plan is timed (default probeCost; tests count instead of timing). */
  cost?: (run: (probe: BatchSpec) => Promise<ClientResult>, spec: BatchSpec) => Promise<RunCost>;
}

export class EnginePool {
  private readonly plans = new Map<string, Promise<{ choice: ConcreteChoice; probed: Probed[] }>>();
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
    const planned = plan.backends ? { ...options, backends: plan.backends } : options;
    return plan.workers > 1
      ? this.runSharded(plan.engine, spec, planned, plan.workers)
      : this.single(plan.engine, spec, planned);
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
      const asked: ConcreteChoice = {
        engine,
        ...(options.backends ? { backends: options.backends } : {}),
      };
      const n = Math.min(this.clients.length, spec.members.length);
      costs = (async () => {
        const choice =
          engine === 'auto' ? ((await this.autoChoice(spec, options)) ?? asked) : asked;
        const on = choice.backends ? { backends: choice.backends } : {};
        const out: Probed[] = [];
        for (const workers of n > 1 ? [1, n] : [1]) {
          let cost: RunCost | null = null;
          try {
            cost = await this.cost(
              (probe) =>
                workers === 1
                  ? this.single(choice.engine, probe, on)
                  : this.runSharded(choice.engine, probe, on, workers),
              spec,
            );
          } catch {
            // a plan that fails in a probe is not chosen; the real run reports the error
          }
          out.push({ workers, cost });
        }
        return { choice, probed: out };
      })();
      this.plans.set(key, costs);
    }
    const { choice, probed } = await costs;
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
      ...choice,
    };
  }

  /**
   * The concrete engine auto picks for `spec` (its calibration, from one untimed step on the first
   * worker), or null where it reports none.
   */
  private async autoChoice(
    spec: BatchSpec,
    options: ClientRunOptions,
  ): Promise<ConcreteChoice | null> {
    try {
      const warm = await this.single(
        'auto',
        { ...spec, steps: 1, every: 1, metrics: false, nash: false },
        options.backends ? { backends: options.backends } : {},
      );
      return concreteChoice(warm.calibration, spec.members.length, spec.steps);
    } catch {
      return null;
    }
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
      // The β = 0 LP once, on the first shard (mergeResults keeps the first shard's).
      return this.clients[i]!.run(
        engine,
        { ...spec, members, ...(i > 0 ? { nash: false } : {}) },
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
