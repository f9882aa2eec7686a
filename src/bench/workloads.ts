/** Benchmark workloads shared by the Node and Chromium runs. */
import type { Game } from '../core/game';
import { buildPreset } from '../core/presets';
import { resolveParams, type SolverId } from '../core/solvers';
import { parseGame } from '../core/validate';
import type { BatchSpec } from '../engine/types';

export interface BenchSize {
  K: number;
  B: number;
  /** What the size stands for, where it is a named workload. */
  workload?: string;
}

/**
 * The bootstrap and comparison games of real preference data: about a hundred chatbots and 200
 * resamples. The real bootstrap runs one game per resample; this row times the same arithmetic
 * (200 members of a K = 100 game), which is what the engines see per step.
 */
export const BOOTSTRAP_SIZE: BenchSize = { K: 100, B: 200, workload: 'bootstrap-like' };

/** The sizes the engine issues ask for. */
export const BENCH_SIZES: BenchSize[] = [
  { K: 3, B: 1 },
  { K: 3, B: 4096 },
  { K: 3, B: 65_536 },
  { K: 10, B: 4096 },
  { K: 64, B: 1024 },
  BOOTSTRAP_SIZE,
  { K: 1000, B: 16 },
];

export const BENCH_SOLVERS: SolverId[] = ['nash-mp', 'inpo'];

export interface BenchRow {
  where: 'chromium' | 'node' | 'numpy';
  /** The engine asked for (auto included). */
  engine: string;
  /** What computed (for auto: the engine it chose, then its backend). */
  backend: string;
  solver: SolverId;
  K: number;
  B: number;
  T: number;
  seconds: number;
  policyStepsPerSec: number;
  /** auto only: the engine it ran (engine/backend). */
  chose?: string;
  /** Engine workers that ran the batch in parallel (the browser's pool shards large batches). */
  workers: number;
  /** Threads per worker (tfjs on threaded wasm; 1 otherwise). */
  threads: number;
  workload?: string;
}

/** What an engine run reports that a row records. */
export interface RunInfo {
  engine: string;
  backend: string;
  workers?: number;
  threads?: number;
}

const games = new Map<number, Game>();

function gameOf(K: number): Game {
  let g = games.get(K);
  if (!g)
    games.set(K, (g = parseGame(K === 3 ? buildPreset('rps') : buildPreset(`random:${K}:1`))));
  return g;
}

/** B members spread over the simplex (deterministic), no metrics, one sample at the end. */
export function benchSpec(solver: SolverId, K: number, B: number, T: number): BatchSpec {
  const game = gameOf(K);
  const members = Array.from({ length: B }, (_, b) => {
    const w = Float64Array.from({ length: K }, (_, i) => 1 + ((b * 7 + i * 13) % 17));
    const total = w.reduce((s, v) => s + v, 0);
    return {
      solver,
      params: resolveParams(solver, 0.1, solver === 'inpo' ? { schedule: 'constant' } : {}),
      start: w.map((v) => v / total),
    };
  });
  return { game, members, steps: T, every: T, metrics: false };
}

/**
 * Steady-state throughput of one engine on one workload. After a 1-step warm-up (shader
 * compilation, wasm load, auto's calibration), runs of T and 2T steps are timed and differenced,
 * so fixed per-call costs (building the batch, the worker round trip, read-back) cancel: the row
 * reports those T extra steps and their seconds. T grows until the difference takes about
 * `targetSeconds`, and until both runs ran the same way (a pool may shard only the longer one);
 * then each length is timed once more and the faster kept. An engine whose one extra step already
 * takes the target is timed at T = 1 without repeats, so that one slow engine cannot dominate
 * the benchmark.
 */
export async function measure(
  run: (spec: BatchSpec) => Promise<RunInfo>,
  solver: SolverId,
  size: BenchSize,
  targetSeconds = 0.2,
  maxSteps = 100_000,
): Promise<Omit<BenchRow, 'where' | 'engine'>> {
  const { K, B } = size;
  const timed = async (T: number): Promise<RunInfo & { seconds: number }> => {
    const spec = benchSpec(solver, K, B, T);
    const t0 = performance.now();
    const result = await run(spec);
    return { ...result, seconds: (performance.now() - t0) / 1000 };
  };
  await timed(1);
  const row = (T: number, seconds: number, ran: RunInfo): Omit<BenchRow, 'where' | 'engine'> => ({
    backend: `${ran.engine}/${ran.backend}`,
    solver,
    K,
    B,
    T,
    seconds: Math.max(seconds, 1e-6),
    policyStepsPerSec: (T * B) / Math.max(seconds, 1e-6),
    workers: ran.workers ?? 1,
    threads: ran.threads ?? 1,
    ...(size.workload ? { workload: size.workload } : {}),
  });
  let T = 1;
  let first = await timed(T);
  let second = await timed(2 * T);
  // Settled when the T extra steps take half the target and both runs ran the same way.
  const settled = (): boolean =>
    second.seconds - first.seconds >= targetSeconds / 2 && first.workers === second.workers;
  for (let grow = 0; !settled() && 2 * T < maxSteps && grow < 6; grow++) {
    const perStep = Math.max((second.seconds - first.seconds) / T, second.seconds / (4 * T), 1e-7);
    T = Math.min(Math.floor(maxSteps / 2), Math.max(2 * T, Math.round(targetSeconds / perStep)));
    first = await timed(T);
    second = await timed(2 * T);
  }
  let seconds = second.seconds - first.seconds;
  if (!(T === 1 && seconds >= targetSeconds)) {
    // The minimum is the least disturbed by GC, JIT and the other core.
    const again2 = await timed(2 * T);
    const again1 = await timed(T);
    const long = Math.min(second.seconds, again2.seconds);
    seconds = long - Math.min(first.seconds, again1.seconds);
    // Noise (another process taking the core) can eat the difference; then half the 2T run, fixed
    // costs included, is the honest (pessimistic) measure.
    if (seconds < targetSeconds / 4) seconds = long / 2;
  }
  return row(T, seconds, second);
}
