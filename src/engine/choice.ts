/**
 * Which engine a race runs on, next to `auto` (which picks among the batched engines by
 * measuring). A small race (the usual K ≤ 12 game) finishes in milliseconds on the float64
 * reference, and auto's first calibration would cost more than the race itself.
 */
import { memberSolver } from '../formula/solver';
import type { BatchSpec } from './types';

/** Work (multiply-adds, or sampled draws × K) below which the float64 reference runs a race. */
export const REFERENCE_WORK = 5e7;

/**
 * Work per member and step: K² per exact query (Pπ), samples × K per sampled one (three draws and
 * an inverse CDF over K actions per sample), plus approximate Nash-MP's inner steps, times the
 * queries per step.
 */
export function batchWork(spec: Pick<BatchSpec, 'members' | 'game' | 'steps'>): number {
  const K = spec.game.K;
  let work = 0;
  for (const m of spec.members) {
    const q = memberSolver(m).queriesPerStep;
    const perQuery = m.queries && m.queries.kind !== 'exact' ? m.queries.samples * K : K * K;
    // Approximate Nash-MP: m policy-gradient steps of ~4K operations per query.
    const inner = (m.params.inner ?? 0) * 4 * K;
    work += spec.steps * Math.max(1, q) * (perQuery + inner);
  }
  return work;
}

/** The float64 reference for small races, auto (measured) for the rest. */
export function chooseRaceEngine(
  spec: Pick<BatchSpec, 'members' | 'game' | 'steps'>,
): 'reference' | 'auto' {
  return batchWork(spec) < REFERENCE_WORK ? 'reference' : 'auto';
}
