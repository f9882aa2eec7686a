/**
 * `auto`: the fastest correct engine for this workload on this device. A short calibration runs
 * each candidate on the same batch shape (a few steps, no metrics) and the fastest wins; the
 * choice is cached per workload shape. On a software WebGPU adapter (SwiftShader) a CPU engine
 * often wins; on a real GPU the fused kernels win large batches.
 */
import { runWithFallback } from './fallback';
import type { BatchResult, BatchSpec, Engine, RunOptions } from './types';

export interface Calibration {
  key: string;
  /** Policy-steps per second of each candidate, in candidate order (0 where it failed). */
  rates: { engine: string; backend: string; rate: number }[];
  /** Index of the fastest candidate. */
  chosen: number;
}

/** Calibration budget per candidate and timing (two timings each). */
const TARGET_MS = 50;
const MAX_PROBE_STEPS = 2000;

export function workloadKey(spec: BatchSpec): string {
  const solvers = [...new Set(spec.members.map((m) => m.solver))].sort().join(',');
  // Sampled queries and inner steps change the cost per step (and the tfjs engine's read-backs).
  // reduce, not Math.max(...members): spreading 65,536 members overflows a worker's stack.
  let samples = 0;
  let inner = 0;
  for (const m of spec.members) {
    if (m.queries?.kind === 'sampled') samples = Math.max(samples, m.queries.samples);
    inner = Math.max(inner, m.params.inner ?? 0);
  }
  const extra = samples > 0 || inner > 0 ? `:n${samples}:m${inner}` : '';
  // Hitting times add work per step, and `stop` is refused by per-op tfjs: calibrate apart.
  const hit = spec.hit ? (spec.hit.stop ? ':hit-stop' : ':hit') : '';
  return `${spec.game.K}:${spec.members.length}:${solvers}${extra}${hit}`;
}

/**
 * Policy-steps per second of `run` on short probes of `spec` (no metrics, one sample): one
 * warm-up step (shader compilation, wasm load, an inner calibration), then probes of n and 2n
 * steps, n doubling until the extra n steps take TARGET_MS / 2. The rate is from that difference,
 * so what a run costs once (uploading a K = 1000 game, building the batch, a worker round trip)
 * does not count against an engine that is fast per step. The faster of two timings of each
 * length is kept (the less disturbed by GC, JIT, other processes).
 */
export async function probeRate(
  run: (probe: BatchSpec) => Promise<unknown>,
  spec: BatchSpec,
): Promise<number> {
  const probe = (steps: number): BatchSpec => ({ ...spec, steps, every: steps, metrics: false });
  const time = async (steps: number): Promise<number> => {
    const t0 = performance.now();
    await run(probe(steps));
    return performance.now() - t0;
  };
  await run(probe(1));
  // Never probe past the run itself: a slow engine on a short run is timed on short probes.
  const most = Math.max(1, Math.floor(Math.min(MAX_PROBE_STEPS, spec.steps) / 2));
  let steps = 1;
  let once = await time(steps);
  let twice = await time(2 * steps);
  while (twice - once < TARGET_MS / 2 && steps < most) {
    // The whole run bounds a step from below, should noise shrink the difference to nothing.
    const perStep = Math.max((twice - once) / steps, twice / (4 * steps), 1e-3);
    steps = Math.min(most, Math.max(2 * steps, Math.ceil(TARGET_MS / 2 / perStep)));
    once = await time(steps);
    twice = await time(2 * steps);
  }
  // A second timing for short probes only: an engine whose single steps take long is far off the
  // pace anyway, and timing it again would double what calibration costs (fused on SwiftShader).
  if (twice < 4 * TARGET_MS) {
    once = Math.min(once, await time(steps));
    twice = Math.min(twice, await time(2 * steps));
  }
  // Noise can make the difference vanish; then the whole 2n run is the (pessimistic) measure.
  const ms = twice - once > 0.05 * twice ? twice - once : twice / 2;
  return (steps * spec.members.length) / (Math.max(ms, 1e-3) / 1000);
}

export class AutoEngine implements Engine {
  readonly name = 'auto' as const;
  private readonly decisions = new Map<string, Calibration>();
  lastCalibration: Calibration | null = null;

  constructor(private readonly candidates: readonly Engine[]) {
    if (candidates.length === 0) throw new Error('auto needs at least one candidate engine');
  }

  get backend(): string {
    return 'auto';
  }

  async calibrate(spec: BatchSpec): Promise<Calibration> {
    const key = workloadKey(spec);
    const known = this.decisions.get(key);
    if (known) return known;
    const rates: Calibration['rates'] = [];
    let chosen = 0;
    for (const [index, engine] of this.candidates.entries()) {
      let rate: number;
      let backend = '?';
      try {
        rate = await probeRate(async (probe) => {
          backend = (await engine.run(probe)).backend;
        }, spec);
      } catch {
        rate = 0; // an engine that cannot run here is simply not chosen
      }
      rates.push({ engine: engine.name, backend, rate });
      if (rate > rates[chosen]!.rate) chosen = index;
    }
    const calibration = { key, rates, chosen };
    this.decisions.set(key, calibration);
    return calibration;
  }

  async run(spec: BatchSpec, options: RunOptions = {}): Promise<BatchResult> {
    const calibration = await this.calibrate(spec);
    this.lastCalibration = calibration;
    const ordered = this.candidates
      .map((engine, i) => ({ engine, rate: calibration.rates[i]!.rate }))
      .sort((a, b) => b.rate - a.rate)
      .map((c) => c.engine);
    return runWithFallback(ordered, spec, options);
  }

  dispose(): void {
    for (const c of this.candidates) c.dispose();
  }
}
