/**
 * The game: a K×K preference matrix P (P[i][j] = Pr(action i is preferred to action j),
 * P + Pᵀ = 1), action labels, a reference policy μ and a start π₀; for games estimated from
 * votes, also the vote counts behind P.
 */
import { countsToJSON, type ComparisonCounts, type CountsJSON } from './counts';

/** The one JSON format for games: CLI files, import/export and share links. */
export interface GameJSON {
  /** Display name. */
  name: string;
  /** One line shown under the name. */
  description?: string;
  /** K distinct, non-empty labels of at most 64 characters. */
  actions: string[];
  /** K×K, preference[i][j] = Pr(i ≻ j); preference[i][j] + preference[j][i] = 1, diagonal ½. */
  preference?: number[][];
  /** Alternative to `preference`: skew-symmetric A with entries in [−1, 1]; P = (1 + A)/2. */
  payoff?: number[][];
  /** μ: full support, sums to 1. Defaults to uniform. */
  reference?: number[];
  /** π₀: strictly positive, sums to 1. Defaults to the reference. */
  start?: number[];
  /**
   * The pairwise votes behind P (games built from comparisons). P must be their Beta-posterior
   * mean; `preference` may then be left out and is derived from them.
   */
  counts?: CountsJSON;
}

/** A validated game, ready for the solvers. Arrays are float64; P is row-major. */
export interface Game {
  name: string;
  description: string;
  actions: string[];
  K: number;
  /** Row-major K×K with P[j][i] = 1 − P[i][j] exactly and diagonal ½ exactly. */
  P: Float64Array;
  reference: Float64Array;
  logReference: Float64Array;
  start: Float64Array;
  /** The votes P was estimated from, when it was (P is then exactly their posterior mean). */
  counts?: ComparisonCounts;
}

export const MIN_ACTIONS = 2;
export const MAX_ACTIONS = 1024;
export const MAX_LABEL_LENGTH = 64;
/** Tolerance for P + Pᵀ = 1, the diagonal, and probability vectors summing to 1. */
export const GAME_TOLERANCE = 1e-9;

export function entry(game: Game, i: number, j: number): number {
  return game.P[i * game.K + j]!;
}

/** The matrix as nested arrays (for JSON). */
export function preferenceRows(game: Game): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < game.K; i++)
    rows.push(Array.from(game.P.subarray(i * game.K, (i + 1) * game.K)));
  return rows;
}

/** The canonical JSON form of a game (always with `preference`, `reference` and `start`). */
export function gameToJSON(game: Game): GameJSON {
  return {
    name: game.name,
    ...(game.description ? { description: game.description } : {}),
    actions: [...game.actions],
    preference: preferenceRows(game),
    reference: Array.from(game.reference),
    start: Array.from(game.start),
    ...(game.counts ? { counts: countsToJSON(game.counts, game.K) } : {}),
  };
}

/** A copy of the game with another start π₀ (already validated by the caller). */
export function withStart(game: Game, start: Float64Array): Game {
  return { ...game, start: Float64Array.from(start) };
}
