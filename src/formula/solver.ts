/**
 * A custom solver as the engines see it: a batch member with solver 'custom' carries its formula
 * as text (it crosses to a worker by structured clone) and is compiled where it runs, once per
 * distinct text. Its parameters are the registry's ResolvedParams with only η and β set.
 */
import {
  checkBeta,
  ETA_MAX,
  getSolver,
  ParamError,
  type MemberSolver,
  type ResolvedParams,
  type RunnableSolver,
  type SolverParams,
} from '../core/solvers';
import { programOf } from './formula';
import { FormulaError, issueAt } from './errors';
import type { Program } from './program';
import { createFormulaState } from './compile/reference';

/** η when none is given (the step of SPPO and INPO). */
export const CUSTOM_ETA_DEFAULT = 0.1;

/** A custom solver's parameters: η in (0, ETA_MAX] (default 0.1) and β; nothing else. */
export function resolveCustomParams(beta: number, given: SolverParams = {}): ResolvedParams {
  checkBeta(beta);
  for (const key of Object.keys(given) as (keyof SolverParams)[]) {
    if (given[key] !== undefined && key !== 'eta')
      throw new ParamError(`custom has no parameter '${key}' (it takes: eta)`);
  }
  const eta = given.eta ?? CUSTOM_ETA_DEFAULT;
  if (typeof eta !== 'number' || !Number.isFinite(eta) || eta <= 0)
    throw new ParamError(`η must be a finite number > 0, got ${eta}`);
  if (eta > ETA_MAX) throw new ParamError(`η must be at most ${ETA_MAX}, got ${eta}`);
  return {
    beta,
    eta,
    schedule: null,
    players: null,
    weights: null,
    inner: null,
    innerStep: null,
    // A rule reads the game's μ as it is: no reference refresh, no magnet of its own.
    refresh: null,
    magnet: null,
    mix: null,
  };
}

export interface CompiledFormula extends RunnableSolver {
  source: string;
  program: Program;
}

/** Compiled programs by source text (a sweep sends thousands of members with one formula). */
const CACHE = new Map<string, CompiledFormula>();
const CACHE_SIZE = 64;

/** The compiled formula, or a FormulaError with every positioned issue. */
export function compileFormula(source: string): CompiledFormula {
  const known = CACHE.get(source);
  if (known) return known;
  const program = programOf(source);
  const compiled: CompiledFormula = {
    source,
    program,
    queriesPerStep: program.queries,
    averaging: 'uniform',
    create: (ctx, logStart) => createFormulaState(program, ctx, logStart),
  };
  if (CACHE.size >= CACHE_SIZE) CACHE.delete(CACHE.keys().next().value!);
  CACHE.set(source, compiled);
  return compiled;
}

/** What a member needs to be custom: its formula, checked (throws FormulaError). */
export function memberFormula(m: { solver: MemberSolver; formula?: string }): CompiledFormula {
  if (typeof m.formula !== 'string') {
    throw new FormulaError('', [
      issueAt('', { start: 0, end: 0 }, "a 'custom' member needs a formula"),
    ]);
  }
  return compileFormula(m.formula);
}

/** The solver of a batch member: its registry entry, or its compiled formula. */
export function memberSolver(m: { solver: MemberSolver; formula?: string }): RunnableSolver {
  if (m.solver === 'custom') return memberFormula(m);
  if (m.formula !== undefined)
    throw new ParamError(`only 'custom' members take a formula (this one is '${m.solver}')`);
  return getSolver(m.solver);
}
