/**
 * A race: every selected solver on the current game for `budget` iterations, sampled at every
 * iteration, with float64 metrics. Computed at once by an engine (fast: 11 solvers × 2,000
 * iterations at K ≤ 10 take milliseconds) and then revealed by the playback cursor.
 *
 * With sampled preference queries each solver runs `seeds` times (seeds s, s + 1, …, mod 2³²),
 * and its trace holds the median and interquartile band over the seeds; the policies are seed
 * 0's (= the CLI's `--seed s` run). Those races keep every `every`-th iteration only
 * (`raceStride`), so that what crosses the worker boundary stays under `RACE_TRANSFER_BUDGET`.
 */
import { solveEquilibrium } from '../core/equilibrium';
import type { Game } from '../core/game';
import { computeMetrics } from '../core/metrics';
import { EXACT_QUERIES, type QueryModel } from '../core/sampling';
import { getSolver, resolveParams, type SolverId, type SolverParams } from '../core/solvers';
import type { BatchResult, BatchSpec } from '../engine/types';

/** Seeds per solver for a sampled race: at least 256, so the quartiles are stable. */
export const SEED_CHOICES = [256, 512, 1024] as const;
export const DEFAULT_SEEDS = 256;
/** Bytes a race result may carry from the worker (log π, three metrics, the float32 flags). */
export const RACE_TRANSFER_BUDGET = 40e6;

export interface RaceSettings {
  game: Game;
  beta: number;
  solvers: SolverId[];
  params: Partial<Record<SolverId, SolverParams>>;
  /** Iterations to compute. */
  budget: number;
  /** Preference queries (default exact). */
  queries?: QueryModel;
  /** Seeds per solver when sampled (default 256); ignored for exact queries. */
  seeds?: number;
}

/** The lower and upper quartiles of a metric over the seeds, per sample. */
export interface Band {
  lower: Float64Array;
  upper: Float64Array;
}

export interface SolverTrace {
  solver: SolverId;
  /** Preference queries per iteration (x axis in queries). */
  queriesPerStep: number;
  /** The iteration of each sample: 0, every, 2·every, …, budget (every = 1 for exact races). */
  times: Float64Array;
  /** [sample][action] policies (sampled races: seed 0's). */
  policies: Float64Array;
  /** Per sample; sampled races: the median over the seeds. */
  klToNE: Float64Array;
  exploitability: Float64Array;
  regGap: Float64Array;
  /** 1 where a float32 engine's metric is below what float32 resolves (sampled: most seeds). */
  atFloor: Uint8Array;
  /** Sampled races: the interquartile band of each metric over the seeds. */
  bands?: { klToNE: Band; exploitability: Band; regGap: Band };
  /** Sampled races: log π of every seed, [sample][seed][action] (for the running averages). */
  seedLogPolicies?: Float64Array;
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
  /** The query model of seed 0, and the seeds per solver (1 for exact queries). */
  queries: QueryModel;
  seeds: number;
  /** Iterations between samples (1 for exact races). */
  every: number;
  /** Bytes of the engine's result (what crossed the worker boundary). */
  resultBytes: number;
}

/** The index of the last sample at or before iteration t (the playback cursor → sample). */
export function sampleIndex(trace: { times: Float64Array }, t: number): number {
  const times = trace.times;
  let lo = 0;
  let hi = times.length - 1;
  if (t >= times[hi]!) return hi;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Iterations between samples of a race: 1 for exact races; for sampled ones the smallest k such
 * that members × samples × (8K + 25) bytes (log π in float64, three float64 metrics, one flag)
 * stays within RACE_TRANSFER_BUDGET, with samples = ⌈budget/k⌉ + 1.
 */
export function raceStride(members: number, K: number, budget: number, sampled: boolean): number {
  if (!sampled) return 1;
  const perSample = members * (8 * K + 25);
  const samples = Math.max(2, Math.floor(RACE_TRANSFER_BUDGET / perSample));
  return Math.max(1, Math.ceil(budget / (samples - 1)));
}

/** Quantile p of sorted values (linear interpolation between order statistics, as d3/R-7). */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const i = Math.floor(h);
  const a = sorted[i]!;
  if (i + 1 >= n) return a;
  const b = sorted[i + 1]!;
  // ∞ − ∞ would be NaN: an infinite neighbour is the quantile.
  return b === a || !Number.isFinite(b) || !Number.isFinite(a)
    ? h === i
      ? a
      : b
    : a + (h - i) * (b - a);
}

/**
 * Median and quartiles over seeds: `value(sample, seed)` for S samples and n seeds.
 */
export function seedQuantiles(
  S: number,
  n: number,
  value: (sample: number, seed: number) => number,
): { median: Float64Array } & Band {
  const median = new Float64Array(S);
  const lower = new Float64Array(S);
  const upper = new Float64Array(S);
  const buf = new Float64Array(n);
  for (let s = 0; s < S; s++) {
    for (let i = 0; i < n; i++) buf[i] = value(s, i);
    buf.sort();
    median[s] = quantileSorted(buf, 0.5);
    lower[s] = quantileSorted(buf, 0.25);
    upper[s] = quantileSorted(buf, 0.75);
  }
  return { median, lower, upper };
}

export interface AverageMetrics {
  /** Metrics of the running average π̄_t (uniform, or linear for RM+), float64. */
  averageExploitability: Float64Array;
  averageRegGap: Float64Array;
  /**
   * Sampled races: medians above and these bands over the seeds. The running average is then
   * over the kept samples (every `race.every`-th iterate), exact when every = 1.
   */
  bands?: { averageExploitability: Band; averageRegGap: Band };
}

const averages = new WeakMap<SolverTrace, AverageMetrics>();

/**
 * The running average's metrics at every iteration, computed on first use only (the chart's
 * "running average" toggle), so that a parameter change redraws without paying for them.
 */
export function averageMetricsOf(race: Race, trace: SolverTrace): AverageMetrics {
  let m = averages.get(trace);
  if (!m) {
    m = trace.seedLogPolicies
      ? seedAverageMetrics(race, trace, trace.seedLogPolicies)
      : averageMetrics(race.settings, trace.solver, trace.policies, race.K, trace.times);
    averages.set(trace, m);
  }
  return m;
}

function seedAverageMetrics(race: Race, trace: SolverTrace, logs: Float64Array): AverageMetrics {
  const { K, seeds } = race;
  const S = trace.times.length;
  const exploit = new Float64Array(S * seeds);
  const reg = new Float64Array(S * seeds);
  const policies = new Float64Array(S * K);
  for (let i = 0; i < seeds; i++) {
    for (let s = 0; s < S; s++)
      for (let a = 0; a < K; a++) policies[s * K + a] = Math.exp(logs[(s * seeds + i) * K + a]!);
    const m = averageMetrics(race.settings, trace.solver, policies, K, trace.times);
    for (let s = 0; s < S; s++) {
      exploit[s * seeds + i] = m.averageExploitability[s]!;
      reg[s * seeds + i] = m.averageRegGap[s]!;
    }
  }
  const e = seedQuantiles(S, seeds, (s, i) => exploit[s * seeds + i]!);
  const r = seedQuantiles(S, seeds, (s, i) => reg[s * seeds + i]!);
  return {
    averageExploitability: e.median,
    averageRegGap: r.median,
    bands: {
      averageExploitability: { lower: e.lower, upper: e.upper },
      averageRegGap: { lower: r.lower, upper: r.upper },
    },
  };
}

/** Exploitability and regularized gap of the running average at every iteration. */
function averageMetrics(
  settings: RaceSettings,
  solver: SolverId,
  policies: Float64Array,
  K: number,
  /** The iteration of each sample (every iteration for exact races, every k-th when strided). */
  times: Float64Array,
) {
  const S = times.length;
  const linear = getSolver(solver).averaging === 'linear';
  const eqLog = solveEquilibrium(settings.game, settings.beta).logPolicy;
  const sum = new Float64Array(K);
  const averageExploitability = new Float64Array(S);
  const averageRegGap = new Float64Array(S);
  let weight = 0;
  for (let s = 0; s < S; s++) {
    // RM+'s linear average weighs iterate t by t + 1 (by iteration, also when samples are strided).
    const w = linear ? times[s]! + 1 : 1;
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

/** Seeds per solver: 1 for exact queries. */
export function seedsOf(settings: RaceSettings): number {
  return settings.queries?.kind === 'sampled' ? (settings.seeds ?? DEFAULT_SEEDS) : 1;
}

/**
 * The batch for a race (throws the parameter errors of the registry). Exact: one member per
 * solver. Sampled: per solver, `seeds` members identical but for queries.seed = (seed + i) >>> 0,
 * solver-major (member b·seeds + i), so member b·seeds is the CLI's `--seed s` run.
 */
export function raceSpec(settings: RaceSettings): BatchSpec {
  const queries = settings.queries ?? EXACT_QUERIES;
  const seeds = seedsOf(settings);
  const members = settings.solvers.flatMap((solver) => {
    const params = resolveParams(solver, settings.beta, settings.params[solver] ?? {});
    if (queries.kind === 'exact') return [{ solver, params, start: settings.game.start }];
    return Array.from({ length: seeds }, (_, i) => ({
      solver,
      params,
      start: settings.game.start,
      queries: { ...queries, seed: (queries.seed + i) >>> 0 },
    }));
  });
  return {
    game: settings.game,
    members,
    steps: settings.budget,
    every: raceStride(members.length, settings.game.K, settings.budget, queries.kind === 'sampled'),
  };
}

/** Bytes of a batch result's arrays. */
export function resultBytes(result: BatchResult): number {
  const m = result.metrics;
  return (
    result.logPolicies.byteLength +
    result.average.byteLength +
    (m
      ? m.klToNE.byteLength +
        m.exploitability.byteLength +
        m.regGap.byteLength +
        m.atFloor.byteLength
      : 0)
  );
}

export function raceFromResult(
  settings: RaceSettings,
  result: BatchResult,
  queries: (s: SolverId) => number,
  computeMs: number,
): Race {
  const { K, B, times } = result;
  const S = times.length;
  const seeds = seedsOf(settings);
  const timesArray = Float64Array.from(times);
  const m = result.metrics!;
  const traces = settings.solvers.map((solver, j): SolverTrace => {
    const b = j * seeds;
    const policies = new Float64Array(S * K);
    for (let s = 0; s < S; s++)
      for (let i = 0; i < K; i++)
        policies[s * K + i] = Math.exp(result.logPolicies[(s * B + b) * K + i]!);
    if (seeds > 1) {
      const at = (arr: Float64Array) => (s: number, i: number) => arr[s * B + b + i]!;
      const kl = seedQuantiles(S, seeds, at(m.klToNE));
      const ex = seedQuantiles(S, seeds, at(m.exploitability));
      const rg = seedQuantiles(S, seeds, at(m.regGap));
      const atFloor = new Uint8Array(S);
      const seedLogPolicies = new Float64Array(S * seeds * K);
      for (let s = 0; s < S; s++) {
        let floors = 0;
        for (let i = 0; i < seeds; i++) floors += m.atFloor[s * B + b + i]!;
        atFloor[s] = floors * 2 > seeds ? 1 : 0;
        seedLogPolicies.set(
          result.logPolicies.subarray((s * B + b) * K, (s * B + b + seeds) * K),
          s * seeds * K,
        );
      }
      return {
        solver,
        queriesPerStep: queries(solver),
        times: timesArray,
        policies,
        klToNE: kl.median,
        exploitability: ex.median,
        regGap: rg.median,
        atFloor,
        bands: {
          klToNE: { lower: kl.lower, upper: kl.upper },
          exploitability: { lower: ex.lower, upper: ex.upper },
          regGap: { lower: rg.lower, upper: rg.upper },
        },
        seedLogPolicies,
      };
    }
    const klToNE = new Float64Array(S);
    const exploitability = new Float64Array(S);
    const regGap = new Float64Array(S);
    const atFloor = new Uint8Array(S);
    for (let s = 0; s < S; s++) {
      klToNE[s] = m.klToNE[s * B + b]!;
      exploitability[s] = m.exploitability[s * B + b]!;
      regGap[s] = m.regGap[s * B + b]!;
      atFloor[s] = m.atFloor[s * B + b]!;
    }
    return {
      solver,
      queriesPerStep: queries(solver),
      times: timesArray,
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
    queries: settings.queries ?? EXACT_QUERIES,
    seeds,
    every: times.length > 1 ? times[1]! - times[0]! : 1,
    resultBytes: resultBytes(result),
    ...(result.fallback
      ? {
          fallback: `${result.fallback.from} failed (${result.fallback.reason}); ${result.engine} finished the run`,
        }
      : {}),
  };
}
