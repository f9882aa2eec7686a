/** The float64 reference engine behind the batch interface: one SolverRun per member. */
import { klFromLogs, matVecs } from '../core/numeric';
import { SolverRun } from '../core/run';
import { memberSolver } from '../formula/solver';
import { batchResult, checkBatch, sampleTimes, stopsSafely, targetLogs } from './batch';
import type { BatchResult, BatchSpec, Engine, RunOptions } from './types';

/** Longest stretch of work between yields in async runs. */
const YIELD_EVERY_MS = 30;

/**
 * From this many actions on, the members' first queries of each step (most ask at π_t itself)
 * are answered ahead in one pass over P (matVecs); below, a mat-vec is cheaper than the copies.
 */
export const SHARED_QUERY_MIN_K = 32;

export class ReferenceEngine implements Engine {
  readonly name = 'reference' as const;
  readonly backend = 'float64';
  /** Answer the members' first queries together (false: each on its own; tests compare both). */
  private readonly shareQueries: boolean;

  constructor(options: { shareQueries?: boolean } = {}) {
    this.shareQueries = options.shareQueries ?? true;
  }

  /** Async: yields to the event loop every ~30 ms, so a worker can take a cancel message. */
  async run(spec: BatchSpec, options: RunOptions = {}): Promise<BatchResult> {
    const driver = this.drive(spec, options);
    for (let step = driver.next(); ; step = driver.next()) {
      if (step.done) return step.value;
      await new Promise((r) => setTimeout(r, 0));
      options.signal?.throwIfAborted();
    }
  }

  /** The same computation without yielding (tests, the CLI). */
  runSync(spec: BatchSpec, options: RunOptions = {}): BatchResult {
    const driver = this.drive(spec, options, Infinity);
    for (let step = driver.next(); ; step = driver.next()) if (step.done) return step.value;
  }

  private *drive(
    spec: BatchSpec,
    options: RunOptions,
    sliceMs = YIELD_EVERY_MS,
  ): Generator<void, BatchResult> {
    checkBatch(spec);
    const { game, members, steps, every } = spec;
    const K = game.K;
    const B = members.length;
    const times = sampleTimes(steps, every);
    const logPolicies = new Float64Array(times.length * B * K);
    const runs = members.map(
      (m) => new SolverRun(game, memberSolver(m), m.params, m.start, m.queries),
    );
    const epsilon = spec.hit?.epsilon;
    const eqLogs = epsilon === undefined ? [] : targetLogs(game, members);
    const hitTimes = epsilon === undefined ? undefined : new Int32Array(B).fill(-1);
    // hit.stop only for members whose KL never increases (their first hit is final).
    const stops = members.map((m) => spec.hit?.stop === true && stopsSafely(m));
    // The start of the current stretch within ε, −1 while above: a rise above ε resets it.
    const check = (b: number): void => {
      // No unique target equilibrium: KL is undefined and the member never hits.
      const eq = eqLogs[b];
      if (!eq || !(klFromLogs(eq, runs[b]!.logPolicy) <= epsilon!)) hitTimes![b] = -1;
      else if (hitTimes![b]! < 0) hitTimes![b] = runs[b]!.t;
    };
    if (hitTimes) runs.forEach((_, b) => check(b));
    const stopped = (b: number): boolean => stops[b]! && hitTimes![b]! >= 0;
    // With hitting times each step is checked; without, a member advances a chunk at once.
    const advance = (b: number, n: number): void => {
      const run = runs[b]!;
      if (!hitTimes) return run.advance(n);
      if (stopped(b)) {
        run.t += n; // a stopped member stays at its hit; its clock moves on to keep samples aligned
        return;
      }
      for (let k = 0; k < n; k++) {
        run.advance(1);
        check(b);
        if (stopped(b)) {
          run.t += n - k - 1; // stopped mid-chunk: the rest of the chunk is the clock alone
          break;
        }
      }
    };
    // Members with exact queries, answered ahead together (see SHARED_QUERY_MIN_K).
    const askers =
      K >= SHARED_QUERY_MIN_K && this.shareQueries
        ? runs.flatMap((run, b) => (run.queryPoint ? [b] : []))
        : [];
    const shared = askers.length >= 2 ? sharedQueries(askers.length, K) : null;
    const stepAll = (n: number): void => {
      if (!shared) {
        runs.forEach((run, b) => advance(b, n));
        return;
      }
      for (let k = 0; k < n; k++) {
        let count = 0;
        for (const b of askers) {
          if (hitTimes && stopped(b)) continue;
          shared.points.set(runs[b]!.queryPoint!, count * K);
          shared.members[count++] = b;
        }
        if (count >= 2) {
          matVecs(game.P, shared.points, count, K, shared.answers);
          for (let c = 0; c < count; c++) runs[shared.members[c]!]!.offerQuery(shared.views[c]!);
        }
        runs.forEach((_, b) => advance(b, 1));
      }
    };
    let sliceStart = performance.now();
    let chunk = 1;
    for (const [s, t] of times.entries()) {
      options.signal?.throwIfAborted();
      // Advance every member to t in chunks, doubling the chunk while a slice has time left.
      while (runs[0]!.t < t) {
        const target = Math.min(t, runs[0]!.t + chunk);
        stepAll(target - runs[0]!.t);
        if (performance.now() - sliceStart > sliceMs) {
          yield;
          sliceStart = performance.now();
        } else chunk *= 2;
      }
      runs.forEach((run, b) => logPolicies.set(run.logPolicy, (s * B + b) * K));
      options.onProgress?.(s + 1, times.length);
    }
    const average = new Float64Array(B * K);
    runs.forEach((run, b) => average.set(run.average(), b * K));
    const failures = runs.flatMap((run, member) =>
      run.failure ? [{ member, ...run.failure }] : [],
    );
    return {
      ...batchResult(spec, 'reference', 'float64', times, logPolicies, average, hitTimes),
      ...(failures.length > 0 ? { failures } : {}),
    };
  }

  dispose(): void {}
}

/** Scratch for answering B members' queries at once: their π_t, Pπ_t, and who is in which row. */
function sharedQueries(B: number, K: number) {
  const answers = new Float64Array(B * K);
  return {
    points: new Float64Array(B * K),
    answers,
    views: Array.from({ length: B }, (_, c) => answers.subarray(c * K, (c + 1) * K)),
    members: new Int32Array(B),
  };
}
