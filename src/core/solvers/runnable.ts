/**
 * What a run needs of a solver, shared by the registry's entries and custom solvers (update
 * rules typed as formulas, src/formula), which have no registry entry.
 */
import type { SolverDefinition, SolverId } from './types';

/** A batch member's solver: a registry id, or 'custom' (its formula travels with the member). */
export type MemberSolver = SolverId | 'custom';

export const CUSTOM_SOLVER = 'custom' as const;

export type RunnableSolver = Pick<SolverDefinition, 'queriesPerStep' | 'averaging' | 'create'>;

/**
 * The first step of a run that produced NaN or ±∞: iteration t (the update π_t → π_{t+1}),
 * the named step of the rule (or 'next'), and what it produced. The run stops at π_t.
 */
export interface StepFailure {
  t: number;
  step: string;
  value: 'NaN' | 'infinite';
}
