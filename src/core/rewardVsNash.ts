/**
 * What a Bradley–Terry reward model fitted to a game's comparisons would do, next to what the
 * game's Nash equilibrium does: the RLHF policy π_RM ∝ μ·exp(s/β) against π*_β, and the β = 0
 * equilibrium. On a Condorcet cycle the reward model flattens the cycle into scores; the
 * equilibrium keeps it.
 */
import { fitBradleyTerry, rewardModelPolicy, type BradleyTerryFit } from './bradleyTerry';
import { solveEquilibrium } from './equilibrium';
import { preferenceRows, type Game } from './game';

export interface RewardVsNash {
  beta: number;
  fit: BradleyTerryFit;
  /** π_RM at β. */
  rewardPolicy: Float64Array;
  /** π*_β (at β = 0 the same as `nash0`). */
  nashBeta: Float64Array;
  /** The β = 0 equilibrium (the LP's vertex when not unique). */
  nash0: Float64Array;
  /** Total variation ½·Σ|π_RM − π*_β|. */
  distance: number;
}

export type RewardVsNashResult = { ok: true; value: RewardVsNash } | { ok: false; reason: string };

export function compareRewardModelWithNash(game: Game, beta: number): RewardVsNashResult {
  const bt = fitBradleyTerry(preferenceRows(game), game.actions);
  if (!bt.ok) return bt;
  const rewardPolicy = rewardModelPolicy(bt.fit, game.reference, beta);
  const nash0 = solveEquilibrium(game, 0).policy;
  const nashBeta = beta > 0 ? solveEquilibrium(game, beta).policy : nash0;
  let distance = 0;
  for (let i = 0; i < game.K; i++) distance += Math.abs(rewardPolicy[i]! - nashBeta[i]!) / 2;
  return { ok: true, value: { beta, fit: bt.fit, rewardPolicy, nashBeta, nash0, distance } };
}
