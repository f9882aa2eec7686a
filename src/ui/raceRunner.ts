/**
 * Computes races in the engine worker pool (auto engine) and hands them to the store. A newer
 * request cancels the one in flight, so a dragged β slider never queues stale work.
 */
import type { QueryModel } from '../core/sampling';
import { getSolver, type MemberSolver } from '../core/solvers';
import { memberSolver } from '../formula/solver';
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

/** Work (multiply-adds, or sampled draws × K) below which the float64 reference runs a race. */
export const REFERENCE_WORK = 5e7;

/**
 * Small races (the usual K ≤ 12 game) finish in milliseconds on the float64 reference engine, and
 * auto's first calibration would cost more than the race; larger ones go to auto. Work per member
 * and step: K² per exact query (Pπ), samples × K per sampled one (three draws and an inverse CDF
 * over K actions per sample), plus approximate Nash-MP's inner steps, times the queries per step.
 */
export function engineFor(spec: {
  members: readonly {
    solver?: MemberSolver;
    formula?: string;
    queries?: QueryModel;
    params?: { inner?: number | null };
  }[];
  game: { K: number };
  steps: number;
}): 'reference' | 'auto' {
  const K = spec.game.K;
  let work = 0;
  for (const m of spec.members) {
    const q = m.solver ? memberSolver({ solver: m.solver, formula: m.formula }).queriesPerStep : 1;
    const perQuery = m.queries?.kind === 'sampled' ? m.queries.samples * K : K * K;
    // Approximate Nash-MP: m policy-gradient steps of ~4K operations per query.
    const inner = (m.params?.inner ?? 0) * 4 * K;
    work += spec.steps * Math.max(1, q) * (perQuery + inner);
  }
  return work < REFERENCE_WORK ? 'reference' : 'auto';
}

export async function computeRace(settings: RaceSettings): Promise<Race | null> {
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  const spec = raceSpec(settings);
  const t0 = performance.now();
  try {
    const result = await getPool().run(engineFor(spec), spec, { signal: controller.signal });
    // The worker may have answered before it saw the cancel: a newer request wins regardless.
    if (controller.signal.aborted) return null;
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
