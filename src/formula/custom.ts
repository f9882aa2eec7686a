/**
 * A custom solver as the app keeps it (race state, share links, lessons, the autosave): an id,
 * a name, the rule's text, η and a colour. `parseCustomSolver` is the gate for anything that
 * comes from outside (a link may be hostile): it rejects, with a clear message, whatever the
 * app would not have produced itself, and it checks the formula without running it.
 */
import type { QueryModel } from '../core/sampling';
import { ETA_MAX } from '../core/solvers';
import type { BatchMember } from '../engine/types';
import { formatIssue, issueLine, type FormulaIssue } from './errors';
import { checkFormula } from './formula';
import { CUSTOM_ETA_DEFAULT, resolveCustomParams } from './solver';

export interface CustomSolverSpec {
  /** Unique within a race ('c1', 'c2', …): keys its parameters, traces and colour. */
  id: string;
  /** Display name (legend, checkbox). */
  name: string;
  /** The update rule (docs/custom-solvers.md). */
  formula: string;
  /** Forward step η, (0, ETA_MAX]. */
  eta: number;
  /** '#rrggbb'. */
  color: string;
}

/** Several custom solvers may race at once, up to this many. */
export const MAX_CUSTOM_SOLVERS = 8;
export const MAX_NAME_LENGTH = 40;
/**
 * A new custom solver's colours, in the order new solvers take them: found by a search for
 * colours far from all sixteen solver slots in both themes (CIEDE2000 ≥ 14 in normal vision and
 * ≥ 8 under protanopia and deuteranopia for the first four), readable on the light and the dark
 * plot, and apart from each other; tests/unit/core/palette.test.ts checks them. Tol's muted colours,
 * used before, put the first custom solver (#332288) next to MPO (#223399).
 */
export const CUSTOM_COLORS: readonly string[] = [
  '#FF33FF',
  '#666688',
  '#009900',
  '#339999',
  '#AA77CC',
  '#DD2266',
  '#FF0000',
  '#88AA77',
];
/**
 * Custom solvers draw dash-dot-dot, a dash no built-in solver uses, so hue is never their only
 * mark (the built-ins' dash-dot, 8 3 2 3, looked the same as the dash-dot 6 2 1 2 used before).
 */
export const CUSTOM_DASH = '10 3 2 3 2 3';

const ID = /^[a-z][a-z0-9-]{0,15}$/;
const COLOR = /^#[0-9a-fA-F]{6}$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export class CustomSolverError extends Error {
  override name = 'CustomSolverError';
}

/** A new custom solver for the app's "add" button: SPPO's rule as a starting point. */
export function newCustomSolver(taken: readonly CustomSolverSpec[]): CustomSolverSpec {
  const ids = new Set(taken.map((s) => s.id));
  let n = 1;
  while (ids.has(`c${n}`)) n++;
  return {
    id: `c${n}`,
    name: `Custom ${n}`,
    formula: 'next = logpi + eta * P·pi',
    eta: CUSTOM_ETA_DEFAULT,
    color: CUSTOM_COLORS[(n - 1) % CUSTOM_COLORS.length]!,
  };
}

/** A formula from outside: null if it checks, else its first issue as one line and as a caret. */
export function validateFormula(
  source: unknown,
): null | { issue: FormulaIssue; line: string; caret: string } {
  const outcome = checkFormula(source);
  if (outcome.ok) return null;
  const issue = outcome.issues[0]!;
  const text = typeof source === 'string' ? source : '';
  return { issue, line: issueLine(issue), caret: formatIssue(text, issue) };
}

/** Checks one custom solver from a link, a lesson or the autosave; throws CustomSolverError. */
export function parseCustomSolver(value: unknown): CustomSolverSpec {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new CustomSolverError('a custom solver must be an object');
  const v = value as Record<string, unknown>;
  const { id, name, formula, eta, color } = v;
  if (typeof id !== 'string' || !ID.test(id))
    throw new CustomSolverError(
      `a custom solver's id must be 1–16 lowercase letters, digits or '-', starting with a letter`,
    );
  if (
    typeof name !== 'string' ||
    name.trim().length === 0 ||
    name.length > MAX_NAME_LENGTH ||
    CONTROL.test(name)
  )
    throw new CustomSolverError(
      `custom solver ${id}: the name must be 1–${MAX_NAME_LENGTH} printable characters`,
    );
  if (typeof eta !== 'number' || !Number.isFinite(eta) || eta <= 0 || eta > ETA_MAX)
    throw new CustomSolverError(`custom solver ${id}: η must be a number in (0, ${ETA_MAX}]`);
  if (typeof color !== 'string' || !COLOR.test(color))
    throw new CustomSolverError(`custom solver ${id}: the colour must be '#rrggbb'`);
  const bad = validateFormula(formula);
  if (bad) throw new CustomSolverError(`custom solver ${id}: ${bad.line}`);
  return { id, name: name.trim(), formula: formula as string, eta, color };
}

/** A list of custom solvers: each valid, ids unique, at most MAX_CUSTOM_SOLVERS. */
export function parseCustomSolvers(value: unknown): CustomSolverSpec[] {
  if (!Array.isArray(value)) throw new CustomSolverError('custom solvers must be a list');
  if (value.length > MAX_CUSTOM_SOLVERS)
    throw new CustomSolverError(
      `at most ${MAX_CUSTOM_SOLVERS} custom solvers, got ${value.length}`,
    );
  const specs = value.map(parseCustomSolver);
  const ids = new Set<string>();
  for (const s of specs) {
    if (ids.has(s.id)) throw new CustomSolverError(`two custom solvers share the id '${s.id}'`);
    ids.add(s.id);
  }
  return specs;
}

/** The batch member that runs a custom solver at KL strength β from `start`. */
export function customMember(
  spec: CustomSolverSpec,
  beta: number,
  start: Float64Array,
  queries?: QueryModel,
): BatchMember {
  return {
    solver: 'custom',
    formula: spec.formula,
    params: resolveCustomParams(beta, { eta: spec.eta }),
    start,
    ...(queries ? { queries } : {}),
  };
}
