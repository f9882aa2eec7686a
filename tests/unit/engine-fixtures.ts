/** Helpers for comparing engines with the float64 reference. */
import type { Game } from '../../src/core/game';
import { buildPreset } from '../../src/core/presets';
import {
  resolveParams,
  SOLVER_IDS,
  type SolverId,
  type SolverParams,
} from '../../src/core/solvers';
import { parseGame } from '../../src/core/validate';
import { ReferenceEngine } from '../../src/engine/reference';
import type { BatchResult, BatchSpec } from '../../src/engine/types';

export const ENGINE_GAMES: Game[] = ['rps', 'weighted-rps', 'random:10:3'].map((s) =>
  parseGame(buildPreset(s)),
);

/** Every solver with its defaults at β, from the game's start. */
export function everySolver(game: Game, beta = 0.1, steps = 1000, every = 250): BatchSpec {
  return {
    game,
    members: SOLVER_IDS.map((solver) => ({
      solver,
      params: resolveParams(solver, beta),
      start: game.start,
    })),
    steps,
    every,
  };
}

/** max |Δπ| between two results over every sample, per member. */
export function policyGaps(a: BatchResult, b: BatchResult): number[] {
  const gaps = new Array<number>(a.B).fill(0);
  const samples = a.times.length;
  for (let s = 0; s < samples; s++) {
    for (let m = 0; m < a.B; m++) {
      for (let i = 0; i < a.K; i++) {
        const at = (s * a.B + m) * a.K + i;
        gaps[m] = Math.max(
          gaps[m]!,
          Math.abs(Math.exp(a.logPolicies[at]!) - Math.exp(b.logPolicies[at]!)),
        );
      }
    }
  }
  return gaps;
}

export function averageGaps(a: BatchResult, b: BatchResult): number[] {
  return Array.from({ length: a.B }, (_, m) => {
    let g = 0;
    for (let i = 0; i < a.K; i++)
      g = Math.max(g, Math.abs(a.average[m * a.K + i]! - b.average[m * a.K + i]!));
    return g;
  });
}

export function reference(spec: BatchSpec): BatchResult {
  return new ReferenceEngine().runSync(spec);
}

/**
 * Members that solve the unregularized game: mpo, and every solver with a reference refresh
 * (R = 50, β = 0.1; constant steps, one under the theory schedule), plus the two EGPO-code
 * variants, on rps-dud (whose β = 0 equilibrium has a zero entry).
 */
export function refreshMembers(game: Game, steps = 600, every = 150): BatchSpec {
  const R = 50;
  const settings: [SolverId, SolverParams][] = [
    ['mpo', {}],
    ['mpo', { eta: 0.5, magnet: 0.3, refresh: 30 }],
    ['inpo', { eta: 1, refresh: R }],
    ['inpo', { refresh: R }], // theory schedule: the coefficients change every step
    ['nash-md', { eta: 1, refresh: R }],
    ['nash-mp', { refresh: R }],
    ['egpo', { refresh: R }],
    ['mmd', { refresh: R }],
    ['mnpo', { refresh: R }],
    ['onpo', { refresh: R }],
    ['replicator', { eta: 0.5, refresh: R }],
    ['online-ipo', { refresh: R }],
    ['nash-md-pg', { refresh: R }],
    ['inpo', { eta: 1 }], // no refresh: measured against π*_0.1
  ];
  return {
    game,
    members: settings.map(([solver, p]) => ({
      solver,
      params: resolveParams(solver, 0.1, p),
      start: game.start,
    })),
    steps,
    every,
  };
}

/**
 * Rock–paper–scissors with rock twice: its β = 0 equilibria form a segment (any split of ⅓
 * between the two rocks), so π*₀ is not unique and KL to it is undefined.
 */
export const TWO_ROCKS_JSON = {
  name: 'two rocks',
  actions: ['rock', 'rock 2', 'paper', 'scissors'],
  payoff: [
    [0, 0, -1, 1],
    [0, 0, -1, 1],
    [1, 1, 0, -1],
    [-1, -1, 1, 0],
  ],
};
export const TWO_ROCKS: Game = parseGame(TWO_ROCKS_JSON);
