/**
 * The running average's metrics (uniform, or linear for RM+), computed on first use only: the
 * charts' "running average" choice pays for them, a parameter change does not.
 */
import { comparableLog, targetEquilibrium, type Equilibrium } from '../core/equilibrium';
import { metricsInto, metricsScratch, type Metrics } from '../core/metrics';
import { seedQuantiles, type Band } from './quantiles';
import type { Race, SolverTrace } from './race';

/** The metrics a chart can show, for the last iterate or for the running average. */
export const TRACE_METRICS = ['klToNE', 'exploitability', 'regGap'] as const;
export type TraceMetric = (typeof TRACE_METRICS)[number];

export interface AverageMetrics {
  /** Metrics of the running average π̄_t per sample (sampled races: the median over seeds). */
  values: Record<TraceMetric, Float64Array>;
  /**
   * Sampled races: the interquartile bands over the seeds. The running average is then over the
   * kept samples (every `race.every`-th iterate), exact when every = 1.
   */
  bands?: Record<TraceMetric, Band>;
}

const averages = new WeakMap<SolverTrace, AverageMetrics>();

export function averageMetricsOf(race: Race, trace: SolverTrace): AverageMetrics {
  let m = averages.get(trace);
  if (!m) {
    m = trace.seedLogPolicies
      ? seedAverageMetrics(race, trace, trace.seedLogPolicies)
      : { values: averageMetrics(race, trace, trace.policies) };
    averages.set(trace, m);
  }
  return m;
}

/** A metric of the last iterate or of the running average, with its band when sampled. */
export function traceMetric(
  race: Race,
  trace: SolverTrace,
  metric: TraceMetric,
  iterate: 'last' | 'average',
): { values: Float64Array; band?: Band | undefined } {
  if (iterate === 'last') return { values: trace[metric], band: trace.bands?.[metric] };
  const avg = averageMetricsOf(race, trace);
  return { values: avg.values[metric], band: avg.bands?.[metric] };
}

function seedAverageMetrics(race: Race, trace: SolverTrace, logs: Float64Array): AverageMetrics {
  const { K, seeds } = race;
  const S = trace.times.length;
  const perSeed = Object.fromEntries(
    TRACE_METRICS.map((k) => [k, new Float64Array(S * seeds)]),
  ) as Record<TraceMetric, Float64Array>;
  const policies = new Float64Array(S * K);
  for (let i = 0; i < seeds; i++) {
    for (let s = 0; s < S; s++)
      for (let a = 0; a < K; a++) policies[s * K + a] = Math.exp(logs[(s * seeds + i) * K + a]!);
    const m = averageMetrics(race, trace, policies);
    for (const k of TRACE_METRICS) for (let s = 0; s < S; s++) perSeed[k][s * seeds + i] = m[k][s]!;
  }
  const values = {} as Record<TraceMetric, Float64Array>;
  const bands = {} as Record<TraceMetric, Band>;
  for (const k of TRACE_METRICS) {
    const q = seedQuantiles(S, seeds, (s, i) => perSeed[k][s * seeds + i]!);
    values[k] = q.median;
    bands[k] = { lower: q.lower, upper: q.upper };
  }
  return { values, bands };
}

/** KL, exploitability and regularized gap of the running average at every sample. */
function averageMetrics(
  race: Race,
  trace: SolverTrace,
  policies: Float64Array,
): Record<TraceMetric, Float64Array> {
  const { K } = race;
  const { game } = race.settings;
  const times = trace.times;
  const S = times.length;
  const linear = trace.averaging === 'linear';
  // The trace's own target (π*₀ with a refresh and for mpo); KL only where it is unique.
  const eq = targetEquilibriumOf(race, trace);
  const eqLog = comparableLog(eq);
  const sum = new Float64Array(K);
  const logAverage = new Float64Array(K);
  const out = {
    klToNE: new Float64Array(S),
    exploitability: new Float64Array(S),
    regGap: new Float64Array(S),
  };
  const m: Metrics = { exploitability: 0, dualityGap: 0, regGap: 0, klToNE: 0, span: 0 };
  const scratch = metricsScratch(K);
  let weight = 0;
  for (let s = 0; s < S; s++) {
    // RM+'s linear average weighs iterate t by t + 1 (by iteration, also when samples are strided).
    const w = linear ? times[s]! + 1 : 1;
    weight += w;
    for (let i = 0; i < K; i++) {
      sum[i] = sum[i]! + w * policies[s * K + i]!;
      logAverage[i] = Math.log(sum[i]! / weight);
    }
    metricsInto(m, game, eq.beta, eqLog, logAverage, scratch);
    out.klToNE[s] = m.klToNE;
    out.exploitability[s] = m.exploitability;
    out.regGap[s] = m.regGap;
  }
  return out;
}

/** The equilibrium a trace is measured against (cached per game and β by the solver). */
function targetEquilibriumOf(race: Race, trace: SolverTrace): Equilibrium {
  return targetEquilibrium(race.settings.game, trace.solver, trace.params);
}
