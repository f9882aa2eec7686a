/** Benchmark workloads shared by the Node and Chromium runs. */
import type { Game } from '../core/game';
import { buildPreset } from '../core/presets';
import { resolveParams, type SolverId } from '../core/solvers';
import { parseGame } from '../core/validate';
import type { BatchSpec } from '../engine/types';

export interface BenchSize {
  K: number;
  B: number;
}

/** The sizes the engine issue asks for. */
export const BENCH_SIZES: BenchSize[] = [
  { K: 3, B: 1 },
  { K: 3, B: 4096 },
  { K: 3, B: 65_536 },
  { K: 10, B: 4096 },
  { K: 64, B: 1024 },
  { K: 1000, B: 16 },
];

export const BENCH_SOLVERS: SolverId[] = ['nash-mp', 'inpo'];

export interface BenchRow {
  where: 'chromium' | 'node';
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
 * compilation, wasm load), T grows until a run takes about `targetSeconds`; then runs of T and
 * 2T steps are timed (best of three each) and differenced, so fixed per-call costs (building the
 * batch, the worker round trip, read-back) cancel: the row reports those T extra steps and their
 * seconds.
 */
export async function measure(
  run: (spec: BatchSpec) => Promise<{ engine: string; backend: string }>,
  solver: SolverId,
  size: BenchSize,
  targetSeconds = 0.4,
  maxSteps = 100_000,
): Promise<Omit<BenchRow, 'where' | 'engine'>> {
  const { K, B } = size;
  const timed = async (
    T: number,
  ): Promise<{ seconds: number; engine: string; backend: string }> => {
    const spec = benchSpec(solver, K, B, T);
    const t0 = performance.now();
    const result = await run(spec);
    return { seconds: (performance.now() - t0) / 1000, ...result };
  };
  await timed(1);
  // Grow T until the extra T steps of a 2T run (over a T run) take about the target: only that
  // difference is reported, so setup costs that dwarf a few steps (B = 65,536) cannot hide in it.
  let T = 2;
  let first = await timed(T);
  let second = await timed(2 * T);
  while (second.seconds - first.seconds < targetSeconds / 2 && 2 * T < maxSteps) {
    const perStep = Math.max((second.seconds - first.seconds) / T, second.seconds / (4 * T), 1e-7);
    T = Math.min(Math.floor(maxSteps / 2), Math.max(2 * T, Math.round(targetSeconds / perStep)));
    first = await timed(T);
    second = await timed(2 * T);
  }
  // Best of three for each length: the minimum is the least disturbed by GC, JIT and the other core.
  const best = async (steps: number, seen: number): Promise<number> => {
    let m = seen;
    for (let k = 0; k < 2; k++) m = Math.min(m, (await timed(steps)).seconds);
    return m;
  };
  const seconds = Math.max(
    (await best(2 * T, second.seconds)) - (await best(T, first.seconds)),
    1e-6,
  );
  const backend = second.engine === 'auto' ? second.backend : `${second.engine}/${second.backend}`;
  return { backend, solver, K, B, T, seconds, policyStepsPerSec: (T * B) / seconds };
}
