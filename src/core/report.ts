/**
 * The JSON document of a run. One serializer for the CLI's `run` output and, later, the app's
 * JSON export, so the two always agree. JSON has no ∞ or NaN: a metric that is +∞ (an iterate
 * with no mass on an action the equilibrium plays) or undefined (KL and span when the β = 0
 * equilibrium is not unique) is written as null.
 */
import type { Equilibrium } from './equilibrium';
import type { RunHits, RunResult } from './run';
import { queryModelToJSON } from './sampling';

export interface EngineInfo {
  /** reference | tfjs | fused: the engine that actually ran (auto resolved). */
  engine: string;
  /** What actually computed: float64 for the reference engine, the tfjs backend otherwise. */
  backend: string;
  /** float32 engines only: extra fields after `backend` (precision, float32-floor times, fallback). */
  extra?: Record<string, unknown>;
}

export const REFERENCE_ENGINE: EngineInfo = { engine: 'reference', backend: 'float64' };

export function runToJSON(
  result: RunResult,
  engine: EngineInfo = REFERENCE_ENGINE,
): Record<string, unknown> {
  const p = result.params;
  const params: Record<string, unknown> = { beta: p.beta };
  if (p.schedule !== null) params.schedule = p.schedule;
  if (p.eta !== null) params.eta = p.eta;
  if (p.players !== null) params.players = p.players;
  if (p.weights !== null) params.weights = p.weights;
  if (p.inner !== null) params.inner = p.inner;
  if (p.inner !== null && p.inner > 0 && p.innerStep !== null) params.innerStep = p.innerStep;
  if (result.formula !== undefined) params.formula = result.formula;
  if (p.refresh !== null) params.refresh = p.refresh;
  if (p.magnet !== null) params.magnet = p.magnet;
  params.queries = queryModelToJSON(result.queryModel);
  params.start = Array.from(result.start);
  params.reference = Array.from(result.game.reference);
  params.every = result.every;
  return {
    game: { name: result.game.name, actions: result.game.actions },
    solver: result.solver,
    params,
    engine: engine.engine,
    backend: engine.backend,
    ...engine.extra,
    steps: result.steps,
    queries: result.queries,
    ...(result.failure ? { stopped: { ...result.failure } } : {}),
    // What the metrics measure against: π*_β, or π*₀ (beta 0) with a refresh and for mpo.
    target: { beta: result.equilibrium.beta, unique: result.equilibrium.unique },
    equilibrium: Array.from(result.equilibrium.policy),
    final: {
      policy: Array.from(result.final.policy),
      average: Array.from(result.final.average),
      metrics: { ...result.final.metrics },
      averageMetrics: { ...result.final.averageMetrics },
    },
    ...(result.hits ? hitsToJSON(result.hits) : {}),
    trace: result.trace,
  };
}

/**
 * `run --epsilon`: where the last iterate stays ≤ ε — `hit` for KL (what Tune η, basins and the
 * sweep measure), `gapHit` for the regularized gap (the app's gap chart by default; the duality
 * gap at β = 0) and `exploitabilityHit` for the exploitability; null when not within the budget.
 */
export function hitsToJSON(hits: RunHits): Record<string, unknown> {
  return { hit: hits.klToNE, gapHit: hits.regGap, exploitabilityHit: hits.exploitability };
}

export function equilibriumToJSON(eq: Equilibrium): Record<string, unknown> {
  return {
    beta: eq.beta,
    policy: Array.from(eq.policy),
    regGap: eq.regGap,
    exploitability: eq.exploitability,
    unique: eq.unique,
  };
}
