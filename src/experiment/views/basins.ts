/**
 * Basins: thousands of starts per solver run at once; each start is coloured by the iterations
 * it needs to reach KL(π*_β ‖ π_t) ≤ ε (the engine tracks the first hit on the device).
 */
import type { Game } from '../../core/game';
import type { BatchResult, BatchSpec } from '../../engine/types';
import { simplexLattice, type Lattice } from './lattice';
import { latticeMembers, type SolverSetting } from './runs';

export interface BasinMap {
  solver: SolverSetting['solver'];
  lattice: Lattice;
  /** [point]: first t with KL ≤ ε, or −1 when the budget ran out first. */
  hits: Int32Array;
  epsilon: number;
  steps: number;
}

export function basinsSpec(
  game: Game,
  settings: readonly SolverSetting[],
  steps: number,
  epsilon: number,
  lattice: Lattice = simplexLattice(),
  /** Stop each start at its hit (only hitting times are needed); the tfjs engine cannot. */
  stop = true,
): BatchSpec {
  const members = latticeMembers(game, settings, lattice, 'basins');
  return { game, members, steps, every: steps, metrics: false, hit: { epsilon, stop } };
}

export function basinsFrom(
  settings: readonly SolverSetting[],
  lattice: Lattice,
  result: BatchResult,
  epsilon: number,
): BasinMap[] {
  const hits = result.hitTimes;
  if (!hits) throw new Error('the engine returned no hitting times');
  return settings.map(({ solver }, s) => ({
    solver,
    lattice,
    hits: hits.slice(s * lattice.count, (s + 1) * lattice.count),
    epsilon,
    steps: result.steps,
  }));
}
