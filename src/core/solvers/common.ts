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

/** Approximate Nash-MP: most inner policy-gradient steps per proximal step. */
export const INNER_MAX = 10_000;
/** Largest inner step α accepted. */
export const INNER_STEP_MAX = 100;
/**
 * Default inner step α: 1, lowered to 3/(1 + 2β) when β > 1. Measured (docs/sampled.md, "Sampled
 * preferences"): with the default η = 2 the inner iteration is stable while α(1 + ηβ) ≲ 4.5
 * (α = 2 diverges at β = 1 on RPS, α = 1.5 does not), and larger α converges faster at small β;
 * α = 1 reaches 1e-7…1e-14 of the exact step in 100–500 inner steps at β = 0.1.
 */
export function innerStepDefault(beta: number): number {
  return Math.min(1, 3 / (1 + 2 * beta));
}

/** Longest refresh period accepted (iterations). */
export const REFRESH_MAX = 1_000_000;

/**
 * "Refresh μ every R iterations" (μ ← π_t before the steps t = R, 2R, …): the outer loop that
 * INPO's and MNPO's iterated rounds and MPO use, which turns a solver of the regularized game into
 * one of the unregularized game. `min` is 1 for mpo (whose magnet is always refreshed).
 */
export function refreshParam(min: 0 | 1, byDefault: number): ParameterSpec {
  return {
    id: 'refresh',
    kind: 'integer',
    label: 'refresh R',
    description:
      min === 0
        ? 'Refresh μ ← π_t every R iterations (0 = never, the default); with R ≥ 1 the solver approaches the β = 0 equilibrium and is measured against it. Changes nothing at β = 0.'
        : 'Refresh the magnet ν ← π_t every R iterations.',
    min,
    max: REFRESH_MAX,
    default: byDefault,
  };
}

/**
 * mpo's magnet strength: its own parameter, not the race's β, because MPO solves the
 * unregularized game whatever β is (at β = 0 it still needs a positive pull to its magnet).
 */
export const magnetParam: ParameterSpec = {
  id: 'magnet',
  kind: 'number',
  label: 'magnet strength',
  description:
    'Strength of the pull towards the magnet ν (the β of the proximal step); independent of the race’s β. Default 0.1.',
  min: 0,
  max: BETA_MAX,
  default: () => 0.1,
};
