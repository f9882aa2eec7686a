/**
 * Flow field: the one-step update π₀ → π₁ of each solver from every point of a dense simplex
 * lattice (K = 3), computed as one batch with a single step and no metrics.
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

export interface FlowField<S extends MemberSolver = SolverId> {
  solver: S;
  lattice: Lattice;
  /** [point][3]: π₁ − π₀ in probabilities. */
  delta: Float64Array;
  /** [point]: ‖π₁ − π₀‖₁, the speed the colours show. */
  speed: Float64Array;
}

export function flowFieldSpec(
  game: Game,
  settings: readonly SolverSetting<MemberSolver>[],
  lattice: Lattice = simplexLattice(),
): BatchSpec {
  const members = latticeMembers(game, settings, lattice, 'the flow field');
  return { game, members, steps: 1, every: 1, metrics: false };
}

/** Splits a flow-field batch back into one field per solver (members in spec order). */
export function flowFieldsFrom<S extends MemberSolver = SolverId>(
  settings: readonly SolverSetting<S>[],
  lattice: Lattice,
  result: BatchResult,
): FlowField<S>[] {
  const { B, logPolicies } = result;
  return settings.map(({ solver }, s) => {
    const delta = new Float64Array(3 * lattice.count);
    const speed = new Float64Array(lattice.count);
    for (let p = 0; p < lattice.count; p++) {
      const b = s * lattice.count + p;
      let l1 = 0;
      for (let i = 0; i < 3; i++) {
        const d = Math.exp(logPolicies[(B + b) * 3 + i]!) - lattice.points[3 * p + i]!;
        delta[3 * p + i] = d;
        l1 += Math.abs(d);
      }
      speed[p] = l1;
    }
    return { solver, lattice, delta, speed };
  });
}

export const flowView: ViewDefinition<'flow'> = {
  id: 'flow',
  isOn: (c) => c.open.includes('flow') && c.game.K === 3 && c.solvers.length + c.custom.length > 0,
  // One step from every point: the budget does not matter.
  dependsOn: (c) => [c.game, c.beta, c.solvers, c.params, c.custom],
  async compute(ctx, { scope }) {
    const lattice = simplexLattice();
    const resolved = contestantSettings(ctx);
    if (resolved.length === 0) return { data: [], info: NOTHING_RUN };
    const settings = resolved.map((r) => r.setting);
    const run = await runView(scope, flowFieldSpec(ctx.game, settings, lattice));
    return (
      run && {
        data: flowFieldsFrom(settings, lattice, run.result).map((f, i) => ({
          ...f,
          ...resolved[i]!.label,
        })),
        info: run.info,
      }
    );
  },
};
