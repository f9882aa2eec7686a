/**
 * The checked, typed form of a formula that every compiler consumes. Names are resolved (to a
 * parameter, the iterate, a step value or persistent state), every node has a type, queries are
 * numbered in evaluation order, and look-backs (logpi[t-k]) are lowered to hidden `aux` state.
 */
import type { Span, SyntaxStatement } from './syntax';

/** scalar: one number per run; vector: K numbers; policy: a vector known to be a distribution. */
export type ValueType = 'scalar' | 'vector' | 'policy';

export type ParamName = 'eta' | 'beta' | 't' | 'K';
export type StateName = 'logpi' | 'pi' | 'logmu' | 'mu';
export type UnaryOp = 'neg' | 'exp' | 'log' | 'sqrt' | 'abs';
export type BinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'min' | 'max';

interface Node {
  type: ValueType;
  span: Span;
}

export type Expr = Node &
  (
    | { op: 'const'; value: number }
    | { op: 'param'; name: ParamName }
    | { op: 'state'; name: StateName }
    /** A step value defined earlier in this step. */
    | { op: 'local'; index: number }
    /** Persistent state: the previous step's value until this step assigns it. */
    | { op: 'aux'; index: number }
    | { op: UnaryOp; x: Expr }
    | { op: 'pow'; x: Expr; n: number }
    | { op: BinaryOp; a: Expr; b: Expr }
    /** vector → scalar */
    | { op: 'sum' | 'logsumexp'; x: Expr }
    | { op: 'dot'; a: Expr; b: Expr }
    /** softmax: vector → policy; normalize: x − logsumexp(x) */
    | { op: 'softmax' | 'normalize'; x: Expr }
    /** P·x, the `index`-th preference query of the step (0-based, evaluation order). */
    | { op: 'query'; x: Expr; index: number }
  );

export interface Statement {
  /** Where the value goes: a new step value (local) or persistent state (aux). */
  target: 'local' | 'aux';
  index: number;
  /** What a failure report calls this step ('half', 'next', 'a'). */
  name: string;
  expr: Expr;
  span: Span;
  /** Added by the checker (look-back bookkeeping): not the user's, cannot fail on its own. */
  hidden: boolean;
}

export interface AuxVariable {
  name: string;
  type: 'scalar' | 'vector';
  /** Evaluated once per run at t = 0 (no queries, no step values). */
  init: Expr;
  span: Span;
  hidden: boolean;
}

export interface Program {
  source: string;
  syntax: SyntaxStatement[];
  /** The step, in order; the iterate moves to normalize(next) after the last one. */
  statements: Statement[];
  locals: { name: string; type: ValueType }[];
  aux: AuxVariable[];
  /** Local index of `next`. */
  output: number;
  /** Preference queries per iteration. */
  queries: number;
  /** Largest look-back k of logpi[t-k] (0: none). */
  lag: number;
}
