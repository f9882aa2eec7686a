/** The float64 reference engine behind the batch interface: one SolverRun per member. */
import { SolverRun } from '../core/run';
import { checkBatch, computeBatchMetrics, sampleTimes } from './batch';
import type { BatchResult, BatchSpec, Engine, RunOptions } from './types';

export class ReferenceEngine implements Engine {
  readonly name = 'reference' as const;
  readonly backend = 'float64';

  async run(spec: BatchSpec, options: RunOptions = {}): Promise<BatchResult> {
    return this.runSync(spec, options);
  }

  runSync(spec: BatchSpec, options: RunOptions = {}): BatchResult {
    checkBatch(spec);
    const { game, members, steps, every } = spec;
    const K = game.K;
    const B = members.length;
    const times = sampleTimes(steps, every);
    const logPolicies = new Float64Array(times.length * B * K);
    const runs = members.map((m) => new SolverRun(game, m.solver, m.params, m.start));
    times.forEach((t, s) => {
      options.signal?.throwIfAborted();
      runs.forEach((run, b) => {
        run.advance(t - run.t);
        logPolicies.set(run.logPolicy, (s * B + b) * K);
      });
      options.onProgress?.(s + 1, times.length);
    });
    const average = new Float64Array(B * K);
    runs.forEach((run, b) => average.set(run.average(), b * K));
    return {
      engine: 'reference',
      backend: 'float64',
      precision: 'float64',
      K,
      B,
      steps,
      times,
      logPolicies,
      average,
      ...(spec.metrics === false
        ? {}
        : { metrics: computeBatchMetrics(spec, logPolicies, times.length, false) }),
    };
  }

  dispose(): void {}
}
