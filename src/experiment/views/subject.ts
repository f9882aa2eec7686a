/**
 * What a view runs: a registry solver (by id) or a custom solver (its formula). Views are
 * generic in it, so the app's built-in paths keep their SolverId types and a custom solver
 * runs through the same sweep, tuning, flow field and basins.
 */
import {
  getSolver,
  resolveParams,
  type ResolvedParams,
  type SolverId,
  type SolverParams,
} from '../../core/solvers';
import type { BatchMember } from '../../engine/types';
import { resolveCustomParams } from '../../formula/solver';

export interface CustomSubject {
  solver: 'custom';
  /** The rule's text (docs/custom-solvers.md). */
  formula: string;
  /** The app's name for it (several custom solvers may race at once). */
  id?: string;
}

export type ViewSubject = SolverId | CustomSubject;

/** Parameters the subject accepts (a custom solver: η only; β is the game's). */
export function subjectParameters(s: ViewSubject): Set<string> {
  return typeof s === 'string'
    ? new Set(getSolver(s).parameters.map((p) => p.id))
    : new Set(['eta']);
}

export function subjectParams(s: ViewSubject, beta: number, given: SolverParams): ResolvedParams {
  return typeof s === 'string' ? resolveParams(s, beta, given) : resolveCustomParams(beta, given);
}

export function subjectMember(
  s: ViewSubject,
  params: ResolvedParams,
  start: Float64Array,
): BatchMember {
  return typeof s === 'string'
    ? { solver: s, params, start }
    : { solver: 'custom', formula: s.formula, params, start };
}

/** The user's parameters for a subject: by solver id, or by a custom solver's id. */
export function subjectGiven(
  s: ViewSubject,
  params: Partial<Record<string, SolverParams>>,
): SolverParams {
  const key = typeof s === 'string' ? s : s.id;
  return (key !== undefined ? params[key] : undefined) ?? {};
}
