/**
 * `auto`: the fastest correct engine for this workload on this device. A short calibration times
 * each candidate on the same batch shape (probes of n and 2n steps, no metrics) and fits what a
 * run costs once and what each step costs; every run then goes to the candidate whose predicted
 * time for its number of steps is least (a one-step flow field favours low fixed costs, a long
 * race a fast step). The costs are cached per workload shape. On a software WebGPU adapter
 * (SwiftShader) a CPU engine often wins; on a real GPU the fused kernels win large batches.
 */
import { exclusiveTfjs } from './tfjsLock';
import { runWithFallback } from './fallback';
import type { BatchResult, BatchSpec, Engine, RunOptions } from './types';

/** What a run of a workload shape costs on one engine (or one pool plan). */
export interface RunCost {
  /** Milliseconds a run costs whatever its length (set-up, transfers, read-back). */
  fixedMs: number;
  /** Milliseconds per step of the whole batch. */
  stepMs: number;
}

export interface Calibration {
  key: string;
  /**
   * Per candidate, in candidate order: policy-steps per second of the steps alone (0 where it
   * failed) and the fixed cost of a run.
   */
  rates: { engine: string; backend: string; rate: number; fixedMs: number }[];
  /** Index of the candidate the last run went to. */
  chosen: number;
}

/** Marginal work each probe pair aims at, and the longest probe. */
const TARGET_MS = 50;
const MAX_PROBE_STEPS = 2000;

/** See AutoEngine.candidateCosts. */
const BOUND_STEPS = 100;

/** Predicted milliseconds of a run of `steps` steps. */
export function predictMs(cost: RunCost, steps: number): number {
  return cost.fixedMs + steps * cost.stepMs;
}

export function workloadKey(spec: BatchSpec): string {
  // A custom rule's cost depends on its text: each distinct formula is its own workload.
  const solvers = [
    ...new Set(spec.members.map((m) => (m.solver === 'custom' ? `custom:${m.formula}` : m.solver))),
  ]
    .sort()
    .join(',');
  // Sampled queries and inner steps change the cost per step (and the tfjs engine's read-backs).
  // reduce, not Math.max(...members): spreading 65,536 members overflows a worker's stack.
  // The query models draw differently per sample (sampled: two inverse CDFs; pairs: one).
  let samples = 0;
  let inner = 0;
  const kinds = new Set<string>();
  for (const m of spec.members) {
    if (m.queries && m.queries.kind !== 'exact') {
      samples = Math.max(samples, m.queries.samples);
      kinds.add(m.queries.kind);
    }
    inner = Math.max(inner, m.params.inner ?? 0);
  }
  const noise = [...kinds].sort().join('+');
  const extra =
    samples > 0 || inner > 0
      ? `:n${samples}:m${inner}${noise && noise !== 'sampled' ? `:${noise}` : ''}`
      : '';
  // Hitting times add work per step, and `stop` is refused by per-op tfjs: calibrate apart.
  const hit = spec.hit ? (spec.hit.stop ? ':hit-stop' : ':hit') : '';
  // A reference refresh gives tfjs per-member magnets and unfolded pulls: calibrate apart too.
  const refresh = spec.members.some((m) => (m.params.refresh ?? 0) > 0) ? ':refresh' : '';
  return `${spec.game.K}:${spec.members.length}:${solvers}${extra}${hit}${refresh}`;
}

/**
 * What `run` costs on `spec`'s shape: one warm-up step (shader compilation, wasm load, an inner
 * calibration), then probes of n and 2n steps, n growing until the extra n steps take
 * TARGET_MS / 2 (however short the run at hand: the costs are cached for every later run of the
 * shape). The step cost is the difference over n, so what a run costs once does not count
 * against an engine that is fast per step; the fixed cost is what is left of the n-step run.
 * Short probes are timed twice and the faster kept (the less disturbed by GC, JIT and other
 * processes); an engine whose steps are slow is timed once (it is far off the pace anyway).
 */
export async function probeCost(
  run: (probe: BatchSpec) => Promise<unknown>,
  spec: BatchSpec,
  /** A one-step run slower than this (ms) ends the probes: it cannot win (see AutoEngine). */
  bound = Infinity,
): Promise<RunCost> {
  // No metrics and no β = 0 LP: a probe times the steps (the LP alone takes seconds at K = 1,024).
  const probe = (steps: number): BatchSpec => ({
    ...spec,
    steps,
    every: steps,
    metrics: false,
    nash: false,
  });
  const time = async (steps: number): Promise<number> => {
    const t0 = performance.now();
    await run(probe(steps));
    return performance.now() - t0;
  };
  await run(probe(1));
  const most = Math.floor(MAX_PROBE_STEPS / 2);
  let steps = 1;
  let once = await time(steps);
  if (once > bound) return { fixedMs: 0, stepMs: once };
  let twice = await time(2 * steps);
  // The extra steps must also stand out against what the n-step run costs once: with 65,536
  // members that fixed cost (building, cloning, reading back) is large and noisy.
  while ((twice - once < TARGET_MS / 2 || twice - once < once / 4) && steps < most) {
    // The whole run bounds a step from below, should noise shrink the difference to nothing.
    const perStep = Math.max((twice - once) / steps, twice / (8 * steps), 1e-3);
    steps = Math.min(most, Math.max(2 * steps, Math.ceil(TARGET_MS / 2 / perStep)));
    once = await time(steps);
    twice = await time(2 * steps);
  }
  if (twice < 4 * TARGET_MS) {
    once = Math.min(once, await time(steps));
    twice = Math.min(twice, await time(2 * steps));
  }
  // Noise can make the difference vanish; then the whole 2n run is the (pessimistic) step cost.
  const stepMs = (twice - once > 0.05 * twice ? twice - once : twice / 2) / steps;
  return { fixedMs: Math.max(0, once - steps * stepMs), stepMs: Math.max(stepMs, 1e-6) };
}

/** Policy-steps per second of a cost's steps. */
export function costRate(cost: RunCost, members: number): number {
  return members / (cost.stepMs / 1000);
}

export class AutoEngine implements Engine {
  readonly name = 'auto' as const;
  private readonly costs = new Map<string, Promise<(RunCost | null)[]>>();
  private readonly backends = new Map<string, string[]>();
  lastCalibration: Calibration | null = null;

  private readonly cost: typeof probeCost;

  constructor(
    private readonly candidates: readonly Engine[],
    /** How a candidate is timed (default probeCost; tests count instead of timing). */
    options: { cost?: typeof probeCost } = {},
  ) {
    if (candidates.length === 0) throw new Error('auto needs at least one candidate engine');
    this.cost = options.cost ?? probeCost;
  }

  get backend(): string {
    return 'auto';
  }

  /** Each candidate's costs on this shape (null where it failed), probed once per shape. */
  private candidateCosts(spec: BatchSpec): Promise<(RunCost | null)[]> {
    const key = workloadKey(spec);
    let costs = this.costs.get(key);
    if (!costs) {
      const backends = this.candidates.map(() => '?');
      this.backends.set(key, backends);
      // The whole calibration holds tfjs: its probes are timed without waiting for another run
      // of this worker on tfjs, and no such run switches the backend under them.
      costs = exclusiveTfjs(async () => {
        const out: (RunCost | null)[] = [];
        // A candidate whose one-step run costs more than a hundred steps of the best so far is
        // not probed further (fused on a software adapter at K = 1000 takes ~0.5 s a step).
        let bound = Infinity;
        for (const [index, engine] of this.candidates.entries()) {
          try {
            const cost = await this.cost(
              async (probe) => {
                backends[index] = (await engine.run(probe, { tfjsHeld: true })).backend;
              },
              spec,
              bound,
            );
            out.push(cost);
            bound = Math.min(bound, predictMs(cost, BOUND_STEPS));
          } catch {
            out.push(null); // an engine that cannot run here is simply not chosen
          }
        }
        return out;
      });
      this.costs.set(key, costs);
    }
    return costs;
  }

  /** The candidates' costs on this shape and the one this run goes to. */
  async calibrate(spec: BatchSpec): Promise<Calibration> {
    const key = workloadKey(spec);
    const costs = await this.candidateCosts(spec);
    const backends = this.backends.get(key)!;
    let chosen = 0;
    costs.forEach((c, i) => {
      const best = costs[chosen];
      if (c && (!best || predictMs(c, spec.steps) < predictMs(best, spec.steps))) chosen = i;
    });
    return {
      key,
      rates: this.candidates.map((engine, i) => ({
        engine: engine.name,
        backend: backends[i]!,
        rate: costs[i] ? costRate(costs[i]!, spec.members.length) : 0,
        fixedMs: costs[i]?.fixedMs ?? 0,
      })),
      chosen,
    };
  }

  async run(spec: BatchSpec, options: RunOptions = {}): Promise<BatchResult> {
    const calibration = await this.calibrate(spec);
    this.lastCalibration = calibration;
    const costs = await this.candidateCosts(spec);
    const predicted = (i: number): number =>
      costs[i] ? predictMs(costs[i]!, spec.steps) : Infinity;
    const ordered = this.candidates
      .map((engine, i) => ({ engine, ms: predicted(i) }))
      .sort((a, b) => a.ms - b.ms)
      .map((c) => c.engine);
    return runWithFallback(ordered, spec, options);
  }

  dispose(): void {
    for (const c of this.candidates) c.dispose();
  }
}
