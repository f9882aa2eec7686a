/**
 * Positioned errors. Every problem with a formula (syntax, names, shapes, limits) is reported
 * with where it is, so an editor can underline it and a terminal can point at it.
 */
import type { Span } from './syntax';

export interface FormulaIssue {
  message: string;
  /** Offsets [start, end) in the source (end > start, except at the very end of the text). */
  start: number;
  end: number;
  /** 1-based line and column of `start`. */
  line: number;
  column: number;
}

/** line/column of an offset (1-based). */
export function lineColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, source.length);
  for (let i = 0; i < end; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

export function issueAt(source: string, span: Span, message: string): FormulaIssue {
  const start = Math.max(0, Math.min(span.start, source.length));
  const end = Math.max(start, Math.min(span.end, source.length));
  return { message, start, end, ...lineColumn(source, start) };
}

/** Shown around the caret line: long lines are cut to a window around the problem. */
const WINDOW = 60;

/**
 * The caret form of an issue:
 *   2:8: unknown name 'foo'
 *     next = foo + 1
 *            ^^^
 * Control characters are shown as spaces, so a hostile source cannot move the terminal cursor.
 */
export function formatIssue(source: string, issue: FormulaIssue): string {
  const lineStart = source.lastIndexOf('\n', issue.start - 1) + 1;
  let lineEnd = source.indexOf('\n', issue.start);
  if (lineEnd < 0) lineEnd = source.length;
  const from = Math.max(lineStart, issue.start - WINDOW / 2);
  const to = Math.min(lineEnd, Math.max(issue.start + WINDOW / 2, from + WINDOW));
  // eslint-disable-next-line no-control-regex
  const text = source.slice(from, to).replace(/[\u0000-\u001f\u007f]/g, ' ');
  const width = Math.max(1, Math.min(issue.end, to) - issue.start);
  const prefix = from > lineStart ? '…' : '';
  const suffix = to < lineEnd ? '…' : '';
  return [
    `${issue.line}:${issue.column}: ${issue.message}`,
    `  ${prefix}${text}${suffix}`,
    `  ${' '.repeat(prefix.length + issue.start - from)}${'^'.repeat(width)}`,
  ].join('\n');
}

/** One line for a terminal or a log: `formula 2:8: unknown name 'foo'`. */
export function issueLine(issue: FormulaIssue): string {
  return `formula ${issue.line}:${issue.column}: ${issue.message}`;
}

/** Thrown where a formula must be valid (compiling a batch member, the CLI). */
export class FormulaError extends Error {
  override name = 'FormulaError';
  constructor(
    readonly source: string,
    readonly issues: readonly FormulaIssue[],
  ) {
    super(
      issues.length === 1
        ? issueLine(issues[0]!)
        : `${issueLine(issues[0]!)} (and ${issues.length - 1} more)`,
    );
  }
}
