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
 * Times one engine on one workload: a 1-step warm-up (shader compilation, wasm load), a 2-step
 * probe, then a run of about `targetSeconds` (the probe itself when it already took that long).
 */
export async function measure(
  run: (spec: BatchSpec) => Promise<{ engine: string; backend: string }>,
  solver: SolverId,
  size: BenchSize,
  targetSeconds = 0.4,
  maxSteps = 100_000,
): Promise<Omit<BenchRow, 'where' | 'engine'>> {
  const { K, B } = size;
  await run(benchSpec(solver, K, B, 1));
  let T = 2;
  let t0 = performance.now();
  let result = await run(benchSpec(solver, K, B, T));
  let seconds = (performance.now() - t0) / 1000;
  // Fixed costs (building the batch, the worker round trip) make short runs look slow: grow T
  // until the run takes at least half the target.
  while (seconds < targetSeconds / 2 && T < maxSteps) {
    T = Math.max(
      T * 2,
      Math.min(maxSteps, Math.round((targetSeconds * T) / Math.max(seconds, 1e-6))),
    );
    t0 = performance.now();
    result = await run(benchSpec(solver, K, B, T));
    seconds = (performance.now() - t0) / 1000;
  }
  const backend = result.engine === 'auto' ? result.backend : `${result.engine}/${result.backend}`;
  return { backend, solver, K, B, T, seconds, policyStepsPerSec: (T * B) / seconds };
}
