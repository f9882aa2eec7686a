/**
 * Source text to syntax tree. Before the generated parser (grammar.peggy) runs, a linear scan
 * enforces the length and bracket-nesting limits, so hostile input never reaches a deep
 * recursion; the parser's own failures become positioned issues with a short message.
 */
import { issueAt, lineColumn, type FormulaIssue } from './errors';
import { FORMULA_LIMITS } from './limits';
import {
  parse as generatedParse,
  SyntaxError as GeneratedSyntaxError,
  type Expectation,
} from './parser.generated.js';
import type { SyntaxStatement } from './syntax';

export type ParseOutcome =
  { ok: true; statements: SyntaxStatement[] } | { ok: false; issues: FormulaIssue[] };

const CLOSER: Record<string, string> = { '(': ')', '[': ']' };

/** Length and brackets: balanced, and never more than FORMULA_LIMITS.nesting open at once. */
function precheck(source: string): FormulaIssue | null {
  const { length, nesting } = FORMULA_LIMITS;
  if (source.length > length) {
    return issueAt(
      source,
      { start: length, end: source.length },
      `the formula is ${source.length} characters long; at most ${length} are allowed`,
    );
  }
  const open: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '#') {
      const nl = source.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
    } else if (c === '(' || c === '[') {
      open.push(i);
      if (open.length > nesting) {
        return issueAt(
          source,
          { start: i, end: i + 1 },
          `brackets nest more than ${nesting} deep here`,
        );
      }
    } else if (c === ')' || c === ']') {
      const at = open.pop();
      if (at === undefined)
        return issueAt(source, { start: i, end: i + 1 }, `'${c}' has no matching opening bracket`);
      const want = CLOSER[source[at]!]!;
      if (c !== want) {
        const { line, column } = lineColumn(source, at);
        return issueAt(
          source,
          { start: i, end: i + 1 },
          `'${c}' cannot close the '${source[at]}' opened at ${line}:${column} (expected '${want}')`,
        );
      }
    }
  }
  if (open.length > 0) {
    const at = open[open.length - 1]!;
    return issueAt(source, { start: at, end: at + 1 }, `'${source[at]}' is never closed`);
  }
  return null;
}

/** What the parser wanted, in words, most useful first. */
function describe(expected: readonly Expectation[]): string {
  const words = new Set<string>();
  for (const e of expected) {
    if (e.type === 'end') words.add('the end of the formula');
    else if (e.type === 'literal') words.add(`'${e.text}'`);
    else if (e.type === 'other') {
      if (e.description === "'*', '·' or '/'" || e.description === "'+' or '-'")
        words.add('an operator');
      else if (e.description !== 'a comment') words.add(e.description);
    } else if (e.type === 'class' && e.parts.includes(';')) words.add("';' or a line break");
  }
  // Behind an operand, '(' '[' and '^' are operators of a sort; listing them adds noise.
  if (words.has('an operator')) for (const w of ["'('", "'['", "'^'"]) words.delete(w);
  // 'P' and 'aux' are names too.
  if (words.has('a name')) for (const w of ["'P'", "'aux'"]) words.delete(w);
  const list = [...words];
  if (list.length === 0) return '';
  return list.length === 1 ? list[0]! : `${list.slice(0, -1).join(', ')} or ${list.at(-1)}`;
}

function shown(found: string | null | undefined): string {
  if (found === null || found === undefined) return 'end of the formula';
  if (found === '\n' || found === '\r') return 'line break';
  const code = found.codePointAt(0)!;
  if (code < 0x20 || code === 0x7f)
    return `control character U+${code.toString(16).padStart(4, '0')}`;
  return `'${found}'`;
}

export function parseSource(source: string): ParseOutcome {
  if (typeof source !== 'string') {
    return { ok: false, issues: [issueAt('', { start: 0, end: 0 }, 'a formula must be text')] };
  }
  const early = precheck(source);
  if (early) return { ok: false, issues: [early] };
  try {
    return { ok: true, statements: generatedParse(source) as SyntaxStatement[] };
  } catch (e) {
    if (!(e instanceof GeneratedSyntaxError)) throw e;
    const start = e.location.start.offset;
    const want = describe(e.expected);
    const message = `unexpected ${shown(e.found)}${want ? ` (expected ${want})` : ''}`;
    return { ok: false, issues: [issueAt(source, { start, end: start + 1 }, message)] };
  }
}
