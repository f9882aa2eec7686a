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
  // A custom rule's cost depends on its text: each distinct formula is its own workload.
  const solvers = [
    ...new Set(spec.members.map((m) => (m.solver === 'custom' ? `custom:${m.formula}` : m.solver))),
  ]
    .sort()
    .join(',');
  // Sampled queries and inner steps change the cost per step (and the tfjs engine's read-backs).
  const samples = Math.max(
    0,
    ...spec.members.map((m) => (m.queries?.kind === 'sampled' ? m.queries.samples : 0)),
  );
  const inner = Math.max(0, ...spec.members.map((m) => m.params.inner ?? 0));
  const extra = samples > 0 || inner > 0 ? `:n${samples}:m${inner}` : '';
  // Hitting times add work per step, and `stop` is refused by per-op tfjs: calibrate apart.
  const hit = spec.hit ? (spec.hit.stop ? ':hit-stop' : ':hit') : '';
  // A reference refresh gives tfjs per-member magnets and unfolded pulls: calibrate apart too.
  const refresh = spec.members.some((m) => (m.params.refresh ?? 0) > 0) ? ':refresh' : '';
  return `${spec.game.K}:${spec.members.length}:${solvers}${extra}${hit}${refresh}`;
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
        const probe = (steps: number): BatchSpec => ({
          ...spec,
          steps,
          every: steps,
          metrics: false,
        });
        backend = (await engine.run(probe(1))).backend; // warm-up: compile shaders, load wasm
        let steps = 2;
        let ms = 0;
        for (;;) {
          const t0 = performance.now();
          await engine.run(probe(steps));
          ms = performance.now() - t0;
          if (ms >= TARGET_MS || steps >= MAX_PROBE_STEPS || steps >= spec.steps) break;
          steps = Math.min(
            MAX_PROBE_STEPS,
            steps * Math.max(2, Math.ceil(TARGET_MS / Math.max(ms, 0.5))),
          );
        }
        // A second timing of the same length: the faster one is the less disturbed (GC, JIT).
        const t1 = performance.now();
        await engine.run(probe(steps));
        ms = Math.min(ms, performance.now() - t1);
        rate = (steps * spec.members.length) / (Math.max(ms, 1e-3) / 1000);
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
