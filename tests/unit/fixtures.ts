/** Games and helpers shared by the unit tests. */
import { solveEquilibrium } from '../../src/core/equilibrium';
import type { Game } from '../../src/core/game';
import { computeMetrics } from '../../src/core/metrics';
import { buildPreset } from '../../src/core/presets';
import { SolverRun } from '../../src/core/run';
import { resolveParams, type SolverId, type SolverParams } from '../../src/core/solvers';
import { parseGame } from '../../src/core/validate';
import { ReferenceEngine } from '../../src/engine/reference';
import {
  raceEntries,
  raceFromResult,
  raceSpec,
  type Race,
  type RaceSettings,
} from '../../src/experiment/race';
import type { Experiment } from '../../src/state/fields';

/** RPS with μ = (0.5, 0.3, 0.2), as in docs/algorithms.md §8 (π₀ = μ). */
export const RPS = parseGame({
  name: 'RPS (§4)',
  actions: ['rock', 'paper', 'scissors'],
  preference: [
    [0.5, 0, 1],
    [1, 0.5, 0],
    [0, 1, 0.5],
  ],
  reference: [0.5, 0.3, 0.2],
});

/** Weighted RPS with uniform μ, as in §4 (π₀ = μ). */
export const WRPS = parseGame({
  name: 'WRPS (§4)',
  actions: ['rock', 'paper', 'scissors'],
  preference: [
    [0.5, 0.4, 0.8],
    [0.6, 0.5, 0],
    [0.2, 1, 0.5],
  ],
});

export const RANDOM20 = parseGame(buildPreset('random:20:7'));
export const RANDOM10 = parseGame(buildPreset('random:10:3'));

export function startRun(
  game: Game,
  solver: SolverId,
  beta: number,
  params: SolverParams = {},
  start = game.start,
): SolverRun {
  return new SolverRun(game, solver, resolveParams(solver, beta, params), start);
}

export function klAfter(
  game: Game,
  solver: SolverId,
  beta: number,
  steps: number,
  params: SolverParams = {},
): number {
  const eq = solveEquilibrium(game, beta);
  const run = startRun(game, solver, beta, params);
  run.advance(steps);
  return computeMetrics(game, beta, eq.logPolicy, run.logPolicy).klToNE;
}

/** First t with KL(π*_β‖π_t) ≤ tol, starting from π₀ = μ. */
export function iterationsTo(
  game: Game,
  solver: SolverId,
  beta: number,
  params: SolverParams,
  tol = 1e-6,
  max = 100_000,
): number {
  const eq = solveEquilibrium(game, beta);
  const run = startRun(game, solver, beta, params, game.reference);
  while (run.t <= max) {
    if (computeMetrics(game, beta, eq.logPolicy, run.logPolicy).klToNE <= tol) return run.t;
    run.advance(1);
  }
  return -1;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/**
 * The race the app would show for `settings`, computed on the float64 reference in-process (its
 * entries, refusals and the engine's answer, as computeRace builds it), with `computeMs` as the
 * time it reports.
 */
export function referenceRace(settings: RaceSettings, computeMs = 1): Race {
  const { entries, refused } = raceEntries(settings);
  const result = new ReferenceEngine().runSync(raceSpec(settings, entries));
  return raceFromResult(settings, entries, result, computeMs, refused);
}

/**
 * The race of an experiment (a tour chapter, a lesson's slide) as the page computes it, on the
 * float64 reference; `over` replaces settings (another game, exact queries).
 */
export function experimentRace(e: Experiment, over: Partial<RaceSettings> = {}): Race {
  const settings: RaceSettings = {
    game: e.game,
    beta: e.beta,
    solvers: e.solvers,
    params: e.params,
    budget: e.budget,
    queries: e.queries,
    seeds: e.seeds,
    ...over,
  };
  return referenceRace(settings, 0);
}
