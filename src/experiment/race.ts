/**
 * A race: every selected solver on the current game for `budget` iterations, sampled at every
 * iteration (games above FULL_RESOLUTION_MAX_K actions: about RACE_POINTS samples), with float64
 * metrics. Computed at once by an engine (fast: 11 solvers × 2,000 iterations at K ≤ 10 take
 * milliseconds) and then revealed by the playback cursor.
 *
 * With sampled preference queries each solver runs `seeds` times (seeds s, s + 1, …, mod 2³²),
 * and its trace holds the median and interquartile band over the seeds; the policies are seed
 * 0's (= the CLI's `--seed s` run). Those races keep every `every`-th iteration only
 * (`raceStride`), so that what crosses the worker boundary stays under `RACE_TRANSFER_BUDGET`.
 */
import { solveEquilibrium } from '../core/equilibrium';
import { EXACT_QUERIES, type QueryModel } from '../core/sampling';
import {
  getSolver,
  type MemberSolver,
  type ResolvedParams,
  type SolverId,
  type StepFailure,
  type TheoryRate,
} from '../core/solvers';
import type { BatchMember, BatchResult, BatchSpec } from '../engine/types';
import { CUSTOM_DASH, type CustomSolverSpec } from '../formula/custom';
import { memberSolver } from '../formula/solver';
import { contestantsOf, type RunInputs } from './inputs';
import { seedQuantiles, type Band } from './quantiles';
import { subjectParams } from './views/subject';

export type { Band };

/**
 * Seeds per solver for a noisy race. 256 (the default) and up give stable quartiles; 32 and 64
 * are for class, where a race must answer within seconds (the tour's sampled chapter races 32):
 * their medians are rougher, their bands wider, but the shape of each line is already there.
 */
export const SEED_CHOICES = [32, 64, 256, 512, 1024] as const;
export const DEFAULT_SEEDS = 256;
/** Bytes a race result may carry from the worker (log π, three metrics, the float32 flags). */
export const RACE_TRANSFER_BUDGET = 40e6;

/** A race's inputs: the page's run inputs (src/experiment/inputs.ts). */
export type RaceSettings = RunInputs;

/**
 * One contestant of a race: a registry solver or a custom one, with what the charts need to draw
 * it (name, colour, dash) so that nothing downstream has to look it up again.
 */
export interface RaceEntry {
  /** Unique in the race: the registry id, or the custom solver's id ('c1', …). */
  key: string;
  solver: MemberSolver;
  /** A custom solver's rule. */
  formula?: string;
  params: ResolvedParams;
  name: string;
  color: string;
  dash: string;
  queriesPerStep: number;
  averaging: 'uniform' | 'linear';
  /** The proven rate, for registry solvers that have one. */
  theory?: TheoryRate;
}

export interface SolverTrace extends Omit<RaceEntry, 'params' | 'formula'> {
  /** The parameters that ran (defaults applied), as the engine received them. */
  params: ResolvedParams;
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
  /** A custom rule that produced NaN or ∞ (first seed): where it stopped; the others ran on. */
  stopped?: StepFailure;
  /**
   * What this solver's metrics measure against (from the engine): π*_β of the race's β, or π*₀
   * (targetBeta 0) for a solver with a reference refresh and for mpo.
   */
  target: Float64Array;
  targetBeta: number;
  /** Refresh period R (0 = none): the reference moves before t = R, 2R, … (chart marks). */
  refresh: number;
  /**
   * Exact races that keep every `every`-th iteration only (games above FULL_RESOLUTION_MAX_K
   * actions): the exact first iteration from which KL(π*‖π_t) ≤ KL_HIT_EPSILON holds to the end,
   * checked by the engine after every step (−1: not within the budget). The kept samples alone
   * would place it up to `every` − 1 iterations late.
   */
  klHitTime?: number;
}

export interface Race {
  settings: RaceSettings;
  K: number;
  budget: number;
  engine: string;
  backend: string;
  /** π*_β (what KL is measured against, from the engine) and the β = 0 equilibrium. */
  equilibrium: Float64Array;
  nash: Float64Array;
  traces: SolverTrace[];
  /** Selected solvers left out of this race (by key), and why (e.g. an η that this β refuses). */
  refused: Record<string, { name: string; message: string }>;
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
 * Exact races on games up to this many actions keep every iteration (their hitting times are
 * exact to the iteration); larger games keep about RACE_POINTS samples (see raceStride).
 */
export const FULL_RESOLUTION_MAX_K = 64;
/** Samples an exact race on a big game keeps per solver: what a chart line draws (≈ 500). */
export const RACE_POINTS = 500;
/**
 * The largest game whose race also solves the β = 0 equilibrium (`Race.nash`, an LP): ~0.3 s at
 * K = 256 with the dense simplex, ~2 s of CPU at K = 1,024 with the certified subgame LP of
 * src/core/activeSet.ts (the dense simplex took minutes there). That is every game a preset or
 * file can hold; a larger race would leave `nash` NaN (the β control then says nothing about
 * uniqueness; solvers that measure against π*₀ still solve it).
 */
export const RACE_NASH_MAX_K = 1024;
/** The ε of a thinned race's exact KL hitting time (`SolverTrace.klHitTime`). */
export const KL_HIT_EPSILON = 1e-6;

/**
 * Iterations between samples of a race. Exact races: 1 up to FULL_RESOLUTION_MAX_K actions, else
 * ⌈budget / RACE_POINTS⌉ — the metrics cost K² per sample and member, as much as a step, and a
 * 1,024-action race of 2,001 samples would carry ~100 MB of log π; the charts draw no more
 * points than that anyway. Sampled races: the smallest k such that members × samples × (8K + 25)
 * bytes (log π in float64, three float64 metrics, one flag) stays within RACE_TRANSFER_BUDGET,
 * with samples = ⌈budget/k⌉ + 1.
 */
export function raceStride(members: number, K: number, budget: number, sampled: boolean): number {
  if (!sampled)
    return K <= FULL_RESOLUTION_MAX_K ? 1 : Math.max(1, Math.ceil(budget / RACE_POINTS));
  const perSample = members * (8 * K + 25);
  const samples = Math.max(2, Math.floor(RACE_TRANSFER_BUDGET / perSample));
  return Math.max(1, Math.ceil(budget / (samples - 1)));
}

/** Seeds per solver: 1 for exact queries. */
export function seedsOf(settings: RaceSettings): number {
  return (settings.queries?.kind ?? 'exact') !== 'exact' ? (settings.seeds ?? DEFAULT_SEEDS) : 1;
}

/** The solvers that run with their parameters, and those whose parameters this β refuses. */
export interface RaceEntries {
  entries: RaceEntry[];
  refused: Race['refused'];
}

function registryEntry(solver: SolverId, params: ResolvedParams): RaceEntry {
  const def = getSolver(solver);
  return {
    key: solver,
    solver,
    params,
    name: def.name,
    color: def.color,
    dash: def.dash,
    queriesPerStep: def.queriesPerStep,
    averaging: def.averaging,
    ...(def.theory ? { theory: def.theory } : {}),
  };
}

function customEntry(spec: CustomSolverSpec, params: ResolvedParams): RaceEntry {
  const runnable = memberSolver({ solver: 'custom', formula: spec.formula });
  return {
    key: spec.id,
    solver: 'custom',
    formula: spec.formula,
    params,
    name: spec.name,
    color: spec.color,
    dash: CUSTOM_DASH,
    queriesPerStep: runnable.queriesPerStep,
    averaging: runnable.averaging,
  };
}

/**
 * Resolves each selected solver's parameters at the race's β, then the custom solvers'. A solver
 * whose parameters conflict with β (an η with ηβ above its limit, a theory schedule at β = 0) is
 * left out and named, so the race still runs at the β the user chose instead of silently keeping
 * an older one.
 */
export function raceEntries(settings: RaceSettings): RaceEntries {
  const entries: RaceEntry[] = [];
  const refused: Race['refused'] = {};
  for (const c of contestantsOf(settings)) {
    try {
      const params = subjectParams(c.subject, settings.beta, c.given);
      entries.push(
        typeof c.subject === 'string'
          ? registryEntry(c.subject, params)
          : customEntry(c.custom!, params),
      );
    } catch (e) {
      refused[c.key] = { name: c.name, message: (e as Error).message };
    }
  }
  return { entries, refused };
}

/**
 * The batch for a race's entries. Exact: one member per solver. Sampled: per solver, `seeds`
 * members identical but for queries.seed = (seed + i) >>> 0, solver-major (member b·seeds + i),
 * so member b·seeds is the CLI's `--seed s` run.
 */
export function raceSpec(
  settings: RaceSettings,
  entries = raceEntries(settings).entries,
): BatchSpec {
  const queries = settings.queries ?? EXACT_QUERIES;
  const seeds = seedsOf(settings);
  const members = entries.flatMap(({ solver, formula, params }): BatchMember[] => {
    const member = {
      solver,
      params,
      start: settings.game.start,
      ...(formula !== undefined ? { formula } : {}),
    };
    if (queries.kind === 'exact') return [member];
    return Array.from({ length: seeds }, (_, i) => ({
      ...member,
      queries: { ...queries, seed: (queries.seed + i) >>> 0 },
    }));
  });
  const every = raceStride(
    members.length,
    settings.game.K,
    settings.budget,
    queries.kind !== 'exact',
  );
  return {
    game: settings.game,
    members,
    steps: settings.budget,
    every,
    nash: settings.game.K <= RACE_NASH_MAX_K,
    // Thinned exact races: the engine checks KL after every step for an exact hitting time.
    ...(queries.kind === 'exact' && every > 1 ? { hit: { epsilon: KL_HIT_EPSILON } } : {}),
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
        m.atFloor.byteLength +
        m.targets.byteLength
      : 0)
  );
}

/**
 * The race from the engine's answer: per solver its trace (medians and bands over seeds when
 * sampled), the parameters that ran, and the equilibria the engine measured against.
 */
export function raceFromResult(
  settings: RaceSettings,
  entries: readonly RaceEntry[],
  result: BatchResult,
  computeMs: number,
  refused: Race['refused'] = {},
): Race {
  const { K, B, times } = result;
  const S = times.length;
  const seeds = seedsOf(settings);
  const timesArray = Float64Array.from(times);
  const m = result.metrics!;
  const traces = entries.map((entry, j): SolverTrace => {
    const b = j * seeds;
    const failure = result.failures?.find((f) => f.member === b);
    const { key, solver, params, name, color, dash, queriesPerStep, averaging, theory } = entry;
    const identity = {
      ...{ key, solver, params, name, color, dash, queriesPerStep, averaging },
      ...(theory ? { theory } : {}),
      ...(failure ? { stopped: { t: failure.t, step: failure.step, value: failure.value } } : {}),
      target: m.targets.slice(b * K, (b + 1) * K),
      targetBeta: result.targetBeta[b]!,
      refresh: result.refresh[b]!,
      ...(result.hitTimes && seeds === 1 ? { klHitTime: result.hitTimes[b]! } : {}),
    };
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
        ...identity,
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
    const column = <T extends Float64Array | Uint8Array>(arr: T, out: T): T => {
      for (let s = 0; s < S; s++) out[s] = arr[s * B + b]!;
      return out;
    };
    return {
      ...identity,
      times: timesArray,
      policies,
      klToNE: column(m.klToNE, new Float64Array(S)),
      exploitability: column(m.exploitability, new Float64Array(S)),
      regGap: column(m.regGap, new Float64Array(S)),
      atFloor: column(m.atFloor, new Uint8Array(S)),
    };
  });
  // π*_β: the target of any member without a refresh (all share β), else solved here.
  const plain = Array.from(result.targetBeta).indexOf(settings.beta);
  // π*₀ without its own LP: the target of a member measured against β = 0 (a big race's first
  // look, which solves no LP: previewSpec in src/ui/raceRunner.ts; games above RACE_NASH_MAX_K).
  const targetOfBeta = (beta: number): Float64Array | undefined => {
    const b = Array.from(result.targetBeta).indexOf(beta);
    return b >= 0 ? m.targets.slice(b * K, (b + 1) * K) : undefined;
  };
  return {
    settings,
    K,
    budget: settings.budget,
    engine: result.engine,
    backend: result.backend,
    equilibrium:
      plain >= 0
        ? m.targets.slice(plain * K, (plain + 1) * K)
        : solveEquilibrium(settings.game, settings.beta).policy,
    nash: result.nash ?? targetOfBeta(0) ?? new Float64Array(K).fill(NaN),
    traces,
    refused,
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
