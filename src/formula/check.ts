/**
 * Gives a syntax tree its meaning: resolves every name, types every node (scalar, vector,
 * policy), numbers the queries, enforces the limits, and lowers logpi[t-k] to hidden state. All
 * lookups go through Maps of known names, so no user string ever indexes an object.
 */
import { issueAt, type FormulaIssue } from './errors';
import { FORMULA_LIMITS } from './limits';
import type {
  AuxVariable,
  BinaryOp,
  Expr,
  ParamName,
  Program,
  Statement,
  StateName,
  UnaryOp,
  ValueType,
} from './program';
import type { Span, SyntaxExpr, SyntaxStatement } from './syntax';

export type CheckOutcome = { ok: true; program: Program } | { ok: false; issues: FormulaIssue[] };

/** The name the iterate moves to. */
export const OUTPUT = 'next';

const PARAMS = new Map<string, ParamName>([
  ['eta', 'eta'],
  ['beta', 'beta'],
  ['t', 't'],
  ['K', 'K'],
]);

const STATES = new Map<string, { name: StateName; type: ValueType }>([
  ['logpi', { name: 'logpi', type: 'vector' }],
  ['pi', { name: 'pi', type: 'policy' }],
  ['logmu', { name: 'logmu', type: 'vector' }],
  ['mu', { name: 'mu', type: 'policy' }],
]);

type FunctionKind =
  | { kind: 'unary'; op: UnaryOp }
  | { kind: 'binary'; op: BinaryOp }
  | { kind: 'reduce'; op: 'sum' | 'logsumexp' }
  | { kind: 'dot' }
  | { kind: 'policy'; op: 'softmax' | 'normalize' };

const FUNCTIONS = new Map<string, FunctionKind>([
  ['exp', { kind: 'unary', op: 'exp' }],
  ['log', { kind: 'unary', op: 'log' }],
  ['sqrt', { kind: 'unary', op: 'sqrt' }],
  ['abs', { kind: 'unary', op: 'abs' }],
  ['min', { kind: 'binary', op: 'min' }],
  ['max', { kind: 'binary', op: 'max' }],
  ['sum', { kind: 'reduce', op: 'sum' }],
  ['logsumexp', { kind: 'reduce', op: 'logsumexp' }],
  ['dot', { kind: 'dot' }],
  ['softmax', { kind: 'policy', op: 'softmax' }],
  ['normalize', { kind: 'policy', op: 'normalize' }],
]);

const ARITY = new Map<FunctionKind['kind'], number>([
  ['unary', 1],
  ['binary', 2],
  ['reduce', 1],
  ['dot', 2],
  ['policy', 1],
]);

/** Every name a user may not define. */
export const RESERVED: ReadonlySet<string> = new Set([
  ...PARAMS.keys(),
  ...STATES.keys(),
  ...FUNCTIONS.keys(),
  'P',
  'aux',
]);

/** Names a formula can always read (for suggestions and the docs). */
export const BUILTIN_NAMES: readonly string[] = [...PARAMS.keys(), ...STATES.keys()];
export const FUNCTION_NAMES: readonly string[] = [...FUNCTIONS.keys()];

const BINARY = new Map<string, BinaryOp>([
  ['+', 'add'],
  ['-', 'sub'],
  ['*', 'mul'],
  ['/', 'div'],
]);

/** Stops a cascade of follow-up errors below a node that already has one. */
class Poisoned extends Error {}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j]! + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = row[j]!;
      row[j] = next;
    }
  }
  return row[b.length]!;
}

function vectorOf(t: ValueType): 'scalar' | 'vector' {
  return t === 'scalar' ? 'scalar' : 'vector';
}

function joined(a: ValueType, b: ValueType): ValueType {
  return a === 'scalar' && b === 'scalar' ? 'scalar' : 'vector';
}

function describeType(t: ValueType): string {
  return t === 'scalar' ? 'a number' : t === 'policy' ? 'a policy' : 'a vector';
}

class Checker {
  readonly issues: FormulaIssue[] = [];
  private readonly locals = new Map<string, { index: number; type: ValueType; span: Span }>();
  private readonly localList: { name: string; type: ValueType }[] = [];
  private readonly auxes = new Map<string, number>();
  private readonly auxList: AuxVariable[] = [];
  /** Aux variables assigned so far in this step (each at most once). */
  private readonly assigned = new Map<number, Span>();
  private queries = 0;
  private lag = 0;
  private nodes = 0;
  private nodesReported = false;
  private readonly poisoned = new Set<string>();
  /** Where the check of an aux initial value is (no queries, no step values there). */
  private inInit = false;

  constructor(private readonly source: string) {}

  fail(span: Span, message: string): never {
    if (this.issues.length < 20) this.issues.push(issueAt(this.source, span, message));
    throw new Poisoned();
  }

  private note(span: Span, message: string): void {
    if (this.issues.length < 20) this.issues.push(issueAt(this.source, span, message));
  }

  private suggestion(name: string): string {
    const pool = [
      ...BUILTIN_NAMES,
      ...this.locals.keys(),
      ...this.auxes.keys(),
      ...FUNCTION_NAMES,
      'P',
    ];
    let best: string | null = null;
    let bestD = Math.min(2, Math.floor(name.length / 2));
    for (const c of pool) {
      const d = editDistance(name.toLowerCase(), c.toLowerCase());
      if (d <= bestD && c !== name) {
        best = c;
        bestD = d;
      }
    }
    return best ? ` (did you mean '${best}'?)` : '';
  }

  program(statements: SyntaxStatement[]): Omit<Program, 'source' | 'syntax'> | null {
    if (statements.length > FORMULA_LIMITS.statements) {
      this.note(
        statements[FORMULA_LIMITS.statements]!.span,
        `at most ${FORMULA_LIMITS.statements} statements are allowed`,
      );
      return null;
    }
    const out: Statement[] = [];
    for (const s of statements) {
      try {
        const st = this.statement(s);
        if (st) out.push(st);
      } catch (e) {
        if (!(e instanceof Poisoned)) throw e;
        // Later uses of a name whose definition failed stay quiet instead of 'unknown name'.
        if (s.kind === 'aux' || !this.locals.has(s.name)) this.poisoned.add(s.name);
      }
    }
    const output = this.locals.get(OUTPUT);
    if (!output && this.issues.length === 0) {
      const end = this.source.length;
      this.note(
        { start: end, end },
        `the rule never assigns '${OUTPUT}' (log π of the next iterate, up to a constant)`,
      );
    }
    if (this.issues.length > 0 || !output) return null;
    // Look-backs: hidden state logpi[t-1] … logpi[t-L], shifted after the step (oldest first).
    const history = this.auxList.filter((a) => a.hidden);
    for (let k = history.length; k >= 1; k--) {
      const index = this.auxes.get(`logpi[t-${k}]`)!;
      const span = { start: 0, end: 0 };
      const expr: Expr =
        k === 1
          ? { op: 'state', name: 'logpi', type: 'vector', span }
          : { op: 'aux', index: this.auxes.get(`logpi[t-${k - 1}]`)!, type: 'vector', span };
      out.push({ target: 'aux', index, name: `logpi[t-${k}]`, expr, span, hidden: true });
    }
    return {
      statements: out,
      locals: this.localList,
      aux: this.auxList,
      output: output.index,
      queries: this.queries,
      lag: this.lag,
    };
  }

  private statement(s: SyntaxStatement): Statement | null {
    const name = s.name;
    if (RESERVED.has(name)) {
      this.fail(s.nameSpan, `'${name}' is a built-in name and cannot be assigned`);
    }
    if (s.kind === 'aux') {
      if (name === OUTPUT) this.fail(s.nameSpan, `'${OUTPUT}' is the output; it cannot be aux`);
      if (this.locals.has(name) || this.auxes.has(name))
        this.fail(s.nameSpan, `'${name}' is already defined`);
      if (this.auxList.filter((a) => !a.hidden).length >= FORMULA_LIMITS.aux)
        this.fail(s.nameSpan, `at most ${FORMULA_LIMITS.aux} aux variables are allowed`);
      this.inInit = true;
      let init: Expr;
      try {
        init = this.expr(s.value, 0);
      } finally {
        this.inInit = false;
      }
      this.auxes.set(name, this.auxList.length);
      this.auxList.push({ name, type: vectorOf(init.type), init, span: s.span, hidden: false });
      return null;
    }
    const auxIndex = this.auxes.get(name);
    if (auxIndex !== undefined && !this.auxList[auxIndex]!.hidden) {
      const before = this.assigned.get(auxIndex);
      if (before) {
        const at = issueAt(this.source, before, '');
        this.fail(
          s.nameSpan,
          `aux '${name}' is already updated in this step (at ${at.line}:${at.column}); update it once per step`,
        );
      }
      const expr = this.expr(s.value, 0);
      const want = this.auxList[auxIndex]!.type;
      if (vectorOf(expr.type) !== want) {
        this.fail(
          s.value.span,
          `aux '${name}' holds ${describeType(want)} but this is ${describeType(expr.type)}`,
        );
      }
      this.assigned.set(auxIndex, s.nameSpan);
      return { target: 'aux', index: auxIndex, name, expr, span: s.span, hidden: false };
    }
    const previous = this.locals.get(name);
    if (previous) {
      const at = issueAt(this.source, previous.span, '');
      this.fail(
        s.nameSpan,
        `'${name}' is already defined at ${at.line}:${at.column} (a step value is set once; declare 'aux ${name} = …' for state that changes)`,
      );
    }
    const expr = this.expr(s.value, 0);
    if (name === OUTPUT && expr.type === 'scalar') {
      this.fail(
        s.value.span,
        `'${OUTPUT}' must be a vector (log π of the next iterate, up to a constant), not a number`,
      );
    }
    const index = this.localList.length;
    this.locals.set(name, { index, type: expr.type, span: s.nameSpan });
    this.localList.push({ name, type: expr.type });
    return { target: 'local', index, name, expr, span: s.span, hidden: false };
  }

  private count(span: Span): void {
    if (++this.nodes > FORMULA_LIMITS.nodes && !this.nodesReported) {
      this.nodesReported = true;
      this.fail(span, `the formula has more than ${FORMULA_LIMITS.nodes} terms`);
    }
  }

  private expr(e: SyntaxExpr, depth: number): Expr {
    if (depth > FORMULA_LIMITS.depth) {
      this.fail(e.span, `the expression nests more than ${FORMULA_LIMITS.depth} operations deep`);
    }
    this.count(e.span);
    const span = e.span;
    switch (e.kind) {
      case 'number': {
        const v = e.value;
        const a = Math.abs(v);
        if (
          !Number.isFinite(v) ||
          (a !== 0 && (a < 1 / FORMULA_LIMITS.literal || a > FORMULA_LIMITS.literal))
        ) {
          this.fail(
            span,
            `numbers must be 0 or between 1e-30 and 1e30 in size (float32 engines must hold them), got ${e.text}`,
          );
        }
        return { op: 'const', value: v, type: 'scalar', span };
      }
      case 'name':
        return this.name(e.name, span);
      case 'index': {
        if (e.name !== 'logpi' && e.name !== 'pi') {
          this.fail(
            e.nameSpan,
            `only logpi[t-k] and pi[t-k] look back; '${e.name}' cannot be indexed`,
          );
        }
        if (this.inInit) this.fail(span, 'an initial value cannot look back');
        if (e.lag < 1 || e.lag > FORMULA_LIMITS.lag) {
          this.fail(e.lagSpan, `k in ${e.name}[t-k] must be 1 … ${FORMULA_LIMITS.lag}`);
        }
        const aux = this.history(e.lag);
        const ref: Expr = { op: 'aux', index: aux, type: 'vector', span };
        return e.name === 'pi' ? { op: 'softmax', x: ref, type: 'policy', span } : ref;
      }
      case 'neg': {
        const x = this.expr(e.operand, depth + 1);
        return { op: 'neg', x, type: vectorOf(x.type), span };
      }
      case 'binary': {
        const a = this.expr(e.left, depth + 1);
        const b = this.expr(e.right, depth + 1);
        return { op: BINARY.get(e.op)!, a, b, type: joined(a.type, b.type), span };
      }
      case 'power': {
        const x = this.expr(e.base, depth + 1);
        if (e.exponent > FORMULA_LIMITS.exponent) {
          this.fail(
            e.exponentSpan,
            `exponents are whole numbers 0 … ${FORMULA_LIMITS.exponent} (for others use exp(a·log(x)))`,
          );
        }
        return { op: 'pow', x, n: e.exponent, type: vectorOf(x.type), span };
      }
      case 'query':
        return this.query(e.arg, span, depth);
      case 'call':
        return this.call(e, depth);
    }
  }

  private history(lag: number): number {
    this.lag = Math.max(this.lag, lag);
    // Declare every look-back up to this one: the shift needs the whole chain.
    for (let k = 1; k <= lag; k++) {
      const key = `logpi[t-${k}]`;
      if (this.auxes.has(key)) continue;
      const span = { start: 0, end: 0 };
      this.auxes.set(key, this.auxList.length);
      this.auxList.push({
        name: key,
        type: 'vector',
        init: { op: 'state', name: 'logpi', type: 'vector', span },
        span,
        hidden: true,
      });
    }
    return this.auxes.get(`logpi[t-${lag}]`)!;
  }

  private query(arg: SyntaxExpr, span: Span, depth: number): Expr {
    if (this.inInit) this.fail(span, 'an initial value cannot query P (queries happen in steps)');
    const x = this.expr(arg, depth + 1);
    if (x.type !== 'policy') {
      this.fail(
        arg.span,
        x.type === 'scalar'
          ? 'P· needs a policy (pi, mu, softmax(…)), not a number'
          : 'P· needs a policy (pi, mu, softmax(…)); this is a vector of logs or weights: wrap it in softmax(…)',
      );
    }
    if (this.queries >= FORMULA_LIMITS.queries) {
      this.fail(span, `at most ${FORMULA_LIMITS.queries} queries (P·x) per step are allowed`);
    }
    return { op: 'query', x, index: this.queries++, type: 'vector', span };
  }

  private name(name: string, span: Span): Expr {
    const param = PARAMS.get(name);
    if (param) return { op: 'param', name: param, type: 'scalar', span };
    const state = STATES.get(name);
    if (state) return { op: 'state', name: state.name, type: state.type, span };
    const local = this.locals.get(name);
    if (local) {
      if (this.inInit) this.fail(span, `an initial value cannot use the step value '${name}'`);
      return { op: 'local', index: local.index, type: local.type, span };
    }
    const aux = this.auxes.get(name);
    if (aux !== undefined && !this.auxList[aux]!.hidden) {
      if (this.inInit) this.fail(span, `an initial value cannot use aux '${name}'`);
      return { op: 'aux', index: aux, type: this.auxList[aux]!.type, span };
    }
    if (this.poisoned.has(name)) throw new Poisoned();
    if (name === 'P') {
      this.fail(span, 'P is the preference matrix: apply it to a policy, as in P·pi');
    }
    if (FUNCTIONS.has(name)) this.fail(span, `'${name}' is a function: write ${name}(…)`);
    if (name === 'aux') this.fail(span, "'aux' declares state: aux name = initial value");
    this.fail(span, `unknown name '${name}'${this.suggestion(name)}`);
  }

  private call(e: Extract<SyntaxExpr, { kind: 'call' }>, depth: number): Expr {
    const span = e.span;
    if (e.callee === 'P') {
      if (e.args.length !== 1) this.fail(span, `P(…) takes one policy, got ${e.args.length}`);
      return this.query(e.args[0]!, span, depth);
    }
    const fn = FUNCTIONS.get(e.callee);
    if (!fn) {
      const known = PARAMS.has(e.callee) || STATES.has(e.callee) || this.locals.has(e.callee);
      this.fail(
        e.calleeSpan,
        known
          ? `'${e.callee}' is not a function (to multiply, write ${e.callee}*(…))`
          : `unknown function '${e.callee}'${this.suggestion(e.callee)} (functions: ${FUNCTION_NAMES.join(', ')})`,
      );
    }
    const arity = ARITY.get(fn.kind)!;
    if (e.args.length !== arity) {
      this.fail(
        span,
        `${e.callee} takes ${arity} argument${arity > 1 ? 's' : ''}, got ${e.args.length}`,
      );
    }
    const args = e.args.map((a) => this.expr(a, depth + 1));
    const needVector = (i: number): void => {
      if (args[i]!.type === 'scalar')
        this.fail(e.args[i]!.span, `${e.callee} needs a vector, got a number`);
    };
    switch (fn.kind) {
      case 'unary':
        return { op: fn.op, x: args[0]!, type: vectorOf(args[0]!.type), span };
      case 'binary':
        return {
          op: fn.op,
          a: args[0]!,
          b: args[1]!,
          type: joined(args[0]!.type, args[1]!.type),
          span,
        };
      case 'reduce':
        needVector(0);
        return { op: fn.op, x: args[0]!, type: 'scalar', span };
      case 'dot':
        needVector(0);
        needVector(1);
        return { op: 'dot', a: args[0]!, b: args[1]!, type: 'scalar', span };
      case 'policy':
        needVector(0);
        return {
          op: fn.op,
          x: args[0]!,
          type: fn.op === 'softmax' ? 'policy' : 'vector',
          span,
        };
    }
  }
}

export function checkSyntax(source: string, statements: SyntaxStatement[]): CheckOutcome {
  const checker = new Checker(source);
  const body = checker.program(statements);
  if (!body) return { ok: false, issues: checker.issues };
  return { ok: true, program: { source, syntax: statements, ...body } };
}
