/** Parameter specs reused across solver entries. */
import type { ParameterSpec } from './types';

/** Largest forward step accepted anywhere (log-space updates stay finite well beyond it). */
export const ETA_MAX = 100;
/** Largest KL strength accepted. */
export const BETA_MAX = 100;

export function etaParam(description: string, byBeta: (beta: number) => number): ParameterSpec {
  return {
    id: 'eta',
    kind: 'number',
    label: 'η',
    description,
    min: 0,
    max: ETA_MAX,
    default: byBeta,
  };
}

export const scheduleParam: ParameterSpec = {
  id: 'schedule',
  kind: 'enum',
  label: 'schedule',
  description: 'theory: η_t = 2/(β(t+2)) (needs β > 0); constant: a fixed η.',
  options: ['theory', 'constant'],
};

/** A default step that respects ηβ ≤ limit. */
export function capped(eta: number, beta: number, limit = 1): number {
  return beta > 0 ? Math.min(eta, limit / beta) : eta;
}
