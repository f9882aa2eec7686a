/**
 * Basins: thousands of starts per solver run at once; each start is coloured by the iterations
 * after which KL(π*_β ‖ π_t) stays ≤ ε within the budget (the engine tracks it on the device).
 */
import type { Game } from '../../core/game';
import type { MemberSolver, SolverId } from '../../core/solvers';
import type { BatchResult, BatchSpec } from '../../engine/types';
import { simplexLattice, type Lattice } from './lattice';
import {
  contestantSettings,
  latticeMembers,
  NOTHING_RUN,
  runView,
  type SolverSetting,
} from './runs';
import type { ViewDefinition } from './types';

export interface BasinMap<S extends MemberSolver = SolverId> {
  solver: S;
  lattice: Lattice;
  /** [point]: the first t from which KL ≤ ε to the end of the budget; −1 if KL ends above ε. */
  hits: Int32Array;
  epsilon: number;
  steps: number;
}

export function basinsSpec(
  game: Game,
  settings: readonly SolverSetting<MemberSolver>[],
  steps: number,
  epsilon: number,
  lattice: Lattice = simplexLattice(),
  /**
   * Stop starts at their hit where that is exact (solvers whose KL never increases, see
   * BatchSpec.hit.stop): only hitting times are needed. The tfjs engine cannot.
   */
  stop = true,
): BatchSpec {
  const members = latticeMembers(game, settings, lattice, 'basins');
  return { game, members, steps, every: steps, metrics: false, hit: { epsilon, stop } };
}

export function basinsFrom<S extends MemberSolver = SolverId>(
  settings: readonly SolverSetting<S>[],
  lattice: Lattice,
  result: BatchResult,
  epsilon: number,
): BasinMap<S>[] {
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

export const basinsView: ViewDefinition<'basins'> = {
  id: 'basins',
  isOn: (c) =>
    c.open.includes('basins') && c.game.K === 3 && c.solvers.length + c.custom.length > 0,
  dependsOn: (c) => [c.game, c.beta, c.solvers, c.params, c.budget, c.basinEpsilon, c.custom],
  async compute(ctx, { scope }) {
    const lattice = simplexLattice();
    const resolved = contestantSettings(ctx);
    if (resolved.length === 0) return { data: [], info: NOTHING_RUN };
    const settings = resolved.map((r) => r.setting);
    const epsilon = ctx.basinEpsilon;
    const run = await runView(scope, basinsSpec(ctx.game, settings, ctx.budget, epsilon, lattice));
    return (
      run && {
        data: basinsFrom(settings, lattice, run.result, epsilon).map((m, i) => ({
          ...m,
          ...resolved[i]!.label,
        })),
        info: run.info,
      }
    );
  },
};
