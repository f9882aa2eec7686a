/**
 * A race: every selected solver on the current game for `budget` iterations, sampled at every
 * iteration, with float64 metrics. Computed at once by an engine (fast: 11 solvers × 2,000
 * iterations at K ≤ 10 take milliseconds) and then revealed by the playback cursor.
 */
import { solveEquilibrium } from '../core/equilibrium';
import type { Game } from '../core/game';
import { computeMetrics } from '../core/metrics';
import { getSolver, resolveParams, type SolverId, type SolverParams } from '../core/solvers';
import type { BatchResult, BatchSpec } from '../engine/types';

export interface RaceSettings {
  game: Game;
  beta: number;
  solvers: SolverId[];
  params: Partial<Record<SolverId, SolverParams>>;
  /** Iterations to compute. */
  budget: number;
}

export interface SolverTrace {
  solver: SolverId;
  /** Preference queries per iteration (x axis in queries). */
  queriesPerStep: number;
  /** [t][action] policies, t = 0 … budget. */
  policies: Float64Array;
  klToNE: Float64Array;
  exploitability: Float64Array;
  regGap: Float64Array;
  /** 1 where a float32 engine's metric is below what float32 resolves. */
  atFloor: Uint8Array;
}

export interface Race {
  settings: RaceSettings;
  K: number;
  budget: number;
  engine: string;
  backend: string;
  /** π*_β and the β = 0 equilibrium. */
  equilibrium: Float64Array;
  nash: Float64Array;
  traces: SolverTrace[];
  computeMs: number;
  fallback?: string;
}

export interface AverageMetrics {
  /** Metrics of the running average π̄_t (uniform, or linear for RM+), float64. */
  averageExploitability: Float64Array;
  averageRegGap: Float64Array;
}

const averages = new WeakMap<SolverTrace, AverageMetrics>();

/**
 * The running average's metrics at every iteration, computed on first use only (the chart's
 * "running average" toggle), so that a parameter change redraws without paying for them.
 */
export function averageMetricsOf(race: Race, trace: SolverTrace): AverageMetrics {
  let m = averages.get(trace);
  if (!m) {
    m = averageMetrics(race.settings, trace.solver, trace.policies, race.K, trace.klToNE.length);
    averages.set(trace, m);
  }
  return m;
}

/** Exploitability and regularized gap of the running average at every iteration. */
function averageMetrics(
  settings: RaceSettings,
  solver: SolverId,
  policies: Float64Array,
  K: number,
  S: number,
) {
  const linear = getSolver(solver).averaging === 'linear';
  const eqLog = solveEquilibrium(settings.game, settings.beta).logPolicy;
  const sum = new Float64Array(K);
  const averageExploitability = new Float64Array(S);
  const averageRegGap = new Float64Array(S);
  let weight = 0;
  for (let s = 0; s < S; s++) {
    const w = linear ? s + 1 : 1;
    weight += w;
    for (let i = 0; i < K; i++) sum[i] = sum[i]! + w * policies[s * K + i]!;
    const m = computeMetrics(
      settings.game,
      settings.beta,
      eqLog,
      Array.from(sum, (v) => Math.log(v / weight)),
    );
    averageExploitability[s] = m.exploitability;
    averageRegGap[s] = m.regGap;
  }
  return { averageExploitability, averageRegGap };
}

/** The batch for a race (throws the parameter errors of the registry). */
export function raceSpec(settings: RaceSettings): BatchSpec {
  return {
    game: settings.game,
    members: settings.solvers.map((solver) => ({
      solver,
      params: resolveParams(solver, settings.beta, settings.params[solver] ?? {}),
      start: settings.game.start,
    })),
    steps: settings.budget,
    every: 1,
  };
}

export function raceFromResult(
  settings: RaceSettings,
  result: BatchResult,
  queries: (s: SolverId) => number,
  computeMs: number,
): Race {
  const { K, B, times } = result;
  const S = times.length;
  const traces = settings.solvers.map((solver, b): SolverTrace => {
    const policies = new Float64Array(S * K);
    const klToNE = new Float64Array(S);
    const exploitability = new Float64Array(S);
    const regGap = new Float64Array(S);
    const atFloor = new Uint8Array(S);
    for (let s = 0; s < S; s++) {
      for (let i = 0; i < K; i++)
        policies[s * K + i] = Math.exp(result.logPolicies[(s * B + b) * K + i]!);
      const m = result.metrics!;
      klToNE[s] = m.klToNE[s * B + b]!;
      exploitability[s] = m.exploitability[s * B + b]!;
      regGap[s] = m.regGap[s * B + b]!;
      atFloor[s] = m.atFloor[s * B + b]!;
    }
    return {
      solver,
      queriesPerStep: queries(solver),
      policies,
      klToNE,
      exploitability,
      regGap,
      atFloor,
    };
  });
  return {
    settings,
    K,
    budget: settings.budget,
    engine: result.engine,
    backend: result.backend,
    equilibrium: solveEquilibrium(settings.game, settings.beta).policy,
    nash: solveEquilibrium(settings.game, 0).policy,
    traces,
    computeMs,
    ...(result.fallback
      ? {
          fallback: `${result.fallback.from} failed (${result.fallback.reason}); ${result.engine} finished the run`,
        }
      : {}),
  };
}
