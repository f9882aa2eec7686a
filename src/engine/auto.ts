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
 * warm-up step (shader compilation, wasm load, an inner calibration), then probes that double
 * until one takes TARGET_MS, timed twice; the faster timing is the less disturbed (GC, JIT).
 */
export async function probeRate(
  run: (probe: BatchSpec) => Promise<unknown>,
  spec: BatchSpec,
): Promise<number> {
  const probe = (steps: number): BatchSpec => ({ ...spec, steps, every: steps, metrics: false });
  await run(probe(1));
  let steps = 2;
  let ms: number;
  for (;;) {
    const t0 = performance.now();
    await run(probe(steps));
    ms = performance.now() - t0;
    if (ms >= TARGET_MS || steps >= MAX_PROBE_STEPS || steps >= spec.steps) break;
    steps = Math.min(
      MAX_PROBE_STEPS,
      steps * Math.max(2, Math.ceil(TARGET_MS / Math.max(ms, 0.5))),
    );
  }
  const t1 = performance.now();
  await run(probe(steps));
  ms = Math.min(ms, performance.now() - t1);
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
