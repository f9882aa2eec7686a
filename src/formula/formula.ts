/** Source text to a checked program, or positioned issues: the one entry point for every caller. */
import { checkSyntax } from './check';
import { FormulaError, issueAt, type FormulaIssue } from './errors';
import { parseSource } from './parse';
import type { Program } from './program';

export type FormulaOutcome = { ok: true; program: Program } | { ok: false; issues: FormulaIssue[] };

export function checkFormula(source: unknown): FormulaOutcome {
  if (typeof source !== 'string') {
    return { ok: false, issues: [issueAt('', { start: 0, end: 0 }, 'a formula must be text')] };
  }
  const parsed = parseSource(source);
  if (!parsed.ok) return parsed;
  return checkSyntax(source, parsed.statements);
}

/** The checked program, or a FormulaError listing every issue. */
export function programOf(source: string): Program {
  const outcome = checkFormula(source);
  if (!outcome.ok) throw new FormulaError(source, outcome.issues);
  return outcome.program;
}
