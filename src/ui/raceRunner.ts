/**
 * Computes races in the engine worker pool (auto engine) and hands them to the store. A newer
 * request cancels the one in flight, so a dragged β slider never queues stale work.
 */
import { getSolver } from '../core/solvers';
import { EngineClient } from '../engine/client';
import { EnginePool } from '../engine/pool';
import { raceFromResult, raceSpec, type Race, type RaceSettings } from '../state/race';

let pool: EnginePool | null = null;
let inFlight: AbortController | null = null;

export function getPool(): EnginePool {
  const workers = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1));
  pool ??= new EnginePool(Array.from({ length: workers }, () => EngineClient.create()));
  return pool;
}

/**
 * Small races (the usual K ≤ 12 game) finish in milliseconds on the float64 reference engine, and
 * auto's first calibration would cost more than the race; larger ones go to auto.
 */
export function engineFor(spec: {
  members: unknown[];
  game: { K: number };
  steps: number;
}): 'reference' | 'auto' {
  return spec.members.length * spec.game.K * spec.game.K * spec.steps < 5e7 ? 'reference' : 'auto';
}

export async function computeRace(settings: RaceSettings): Promise<Race | null> {
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  const spec = raceSpec(settings);
  const t0 = performance.now();
  try {
    const result = await getPool().run(engineFor(spec), spec, { signal: controller.signal });
    return raceFromResult(
      settings,
      result,
      (s) => getSolver(s).queriesPerStep,
      performance.now() - t0,
    );
  } catch (e) {
    if ((e as Error).name === 'AbortError') return null;
    throw e;
  } finally {
    if (inFlight === controller) inFlight = null;
  }
}
