/**
 * Which game a run converges to. A reference refresh (and mpo, whose magnet is always refreshed)
 * turns a solver of the β-regularized game into a proximal-point method for the unregularized
 * one, so its metrics are taken against the β = 0 equilibrium; every other run is measured
 * against π*_β of its own β.
 */
import type { MemberSolver } from './runnable';
import type { ResolvedParams } from './types';

export function refreshes(params: ResolvedParams): boolean {
  return (params.refresh ?? 0) > 0;
}

/** The β whose equilibrium the run approaches: 0 with a refresh (and for mpo), else its β. */
export function targetBeta(_solver: MemberSolver, params: ResolvedParams): number {
  return refreshes(params) ? 0 : params.beta;
}

/**
 * Whether the registry's proven rate (`theory.bound`, a rate towards π*_β) describes the run:
 * not once μ moves.
 */
export function theoryApplies(params: ResolvedParams): boolean {
  return !refreshes(params);
}

/**
 * The KL strength inside the update: the race's β, except for mpo, whose proximal step pulls
 * towards its magnet with its own strength (params.magnet).
 */
export function updateBeta(solver: MemberSolver, params: ResolvedParams): number {
  return solver === 'mpo' ? (params.magnet ?? 0) : params.beta;
}
