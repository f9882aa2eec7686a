/**
 * The syntax tree the grammar (grammar.peggy) builds: plain objects with source offsets, no
 * meaning yet. Names are as written (Greek letters already mapped to eta, beta, pi, mu).
 */

/** Source offsets [start, end) in UTF-16 code units. */
export interface Span {
  start: number;
  end: number;
}

export type SyntaxExpr =
  | { kind: 'number'; value: number; text: string; span: Span }
  | { kind: 'name'; name: string; span: Span }
  /** logpi[t-k], pi[t-k]: an iterate k steps back. */
  | { kind: 'index'; name: string; nameSpan: Span; lag: number; lagSpan: Span; span: Span }
  | { kind: 'call'; callee: string; calleeSpan: Span; args: SyntaxExpr[]; span: Span }
  /** P·x: one preference query. */
  | { kind: 'query'; arg: SyntaxExpr; span: Span }
  | { kind: 'neg'; operand: SyntaxExpr; span: Span }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: SyntaxExpr; right: SyntaxExpr; span: Span }
  | { kind: 'power'; base: SyntaxExpr; exponent: number; exponentSpan: Span; span: Span };

export interface SyntaxStatement {
  /** `aux name = init` declares persistent state; `name = value` defines or updates. */
  kind: 'aux' | 'assign';
  name: string;
  nameSpan: Span;
  value: SyntaxExpr;
  span: Span;
}
