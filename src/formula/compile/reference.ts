/**
 * The float64 compiler: a checked program becomes a tree of closures over preallocated buffers
 * (one per vector node), so a step allocates nothing and runs the same operations in the same
 * order as the hand-written solvers (the built-ins written as formulas agree to rounding).
 */
import { logSumExp, normalizeLogInPlace } from '../../core/numeric';
import type { SolverContext, SolverState, StepFailure } from '../../core/solvers';
import type { Expr, Program } from '../program';

type Value = number | Float64Array;
type Thunk = () => Value;

/** What the closures read: changed in place by the state as it steps. */
interface Env {
  K: number;
  t: number;
  eta: number;
  beta: number;
  x: Float64Array;
  pi: Float64Array;
  logMu: Float64Array;
  mu: Float64Array;
  locals: Value[];
  aux: Value[];
  query(pi: ArrayLike<number>, out: Float64Array): Float64Array;
}

/** x^n as n − 1 multiplications (every engine does the same). */
export function powi(x: number, n: number): number {
  if (n === 0) return 1;
  let r = x;
  for (let k = 1; k < n; k++) r *= x;
  return r;
}

const UNARY: Record<'neg' | 'exp' | 'log' | 'sqrt' | 'abs', (v: number) => number> = {
  neg: (v) => -v,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  abs: Math.abs,
};

const BINARY: Record<
  'add' | 'sub' | 'mul' | 'div' | 'min' | 'max',
  (a: number, b: number) => number
> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  min: Math.min,
  max: Math.max,
};

function compile(e: Expr, env: Env): Thunk {
  const K = env.K;
  const vec = (): Float64Array => new Float64Array(K);
  switch (e.op) {
    case 'const': {
      const v = e.value;
      return () => v;
    }
    case 'param':
      switch (e.name) {
        case 'eta':
          return () => env.eta;
        case 'beta':
          return () => env.beta;
        case 't':
          return () => env.t;
        case 'K':
          return () => K;
      }
      break;
    case 'state':
      switch (e.name) {
        case 'logpi':
          return () => env.x;
        case 'pi':
          return () => env.pi;
        case 'logmu':
          return () => env.logMu;
        case 'mu':
          return () => env.mu;
      }
      break;
    case 'local': {
      const i = e.index;
      return () => env.locals[i]!;
    }
    case 'aux': {
      const i = e.index;
      return () => env.aux[i]!;
    }
    case 'neg':
    case 'exp':
    case 'log':
    case 'sqrt':
    case 'abs': {
      const f = UNARY[e.op];
      const x = compile(e.x, env);
      if (e.type === 'scalar') return () => f(x() as number);
      const out = vec();
      return () => {
        const v = x() as Float64Array;
        for (let i = 0; i < K; i++) out[i] = f(v[i]!);
        return out;
      };
    }
    case 'pow': {
      const n = e.n;
      const x = compile(e.x, env);
      if (e.type === 'scalar') return () => powi(x() as number, n);
      const out = vec();
      return () => {
        const v = x() as Float64Array;
        for (let i = 0; i < K; i++) out[i] = powi(v[i]!, n);
        return out;
      };
    }
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
    case 'min':
    case 'max': {
      const f = BINARY[e.op];
      const a = compile(e.a, env);
      const b = compile(e.b, env);
      const as = e.a.type === 'scalar';
      const bs = e.b.type === 'scalar';
      if (as && bs) return () => f(a() as number, b() as number);
      const out = vec();
      if (as) {
        return () => {
          const s = a() as number;
          const v = b() as Float64Array;
          for (let i = 0; i < K; i++) out[i] = f(s, v[i]!);
          return out;
        };
      }
      if (bs) {
        return () => {
          const u = a() as Float64Array;
          const s = b() as number;
          for (let i = 0; i < K; i++) out[i] = f(u[i]!, s);
          return out;
        };
      }
      return () => {
        const u = a() as Float64Array;
        const v = b() as Float64Array;
        for (let i = 0; i < K; i++) out[i] = f(u[i]!, v[i]!);
        return out;
      };
    }
    case 'sum': {
      const x = compile(e.x, env);
      return () => {
        const v = x() as Float64Array;
        let s = 0;
        for (let i = 0; i < K; i++) s += v[i]!;
        return s;
      };
    }
    case 'logsumexp': {
      const x = compile(e.x, env);
      return () => logSumExp(x() as Float64Array);
    }
    case 'dot': {
      const a = compile(e.a, env);
      const b = compile(e.b, env);
      return () => {
        const u = a() as Float64Array;
        const v = b() as Float64Array;
        let s = 0;
        for (let i = 0; i < K; i++) s += u[i]! * v[i]!;
        return s;
      };
    }
    case 'normalize': {
      const x = compile(e.x, env);
      const out = vec();
      return () => {
        out.set(x() as Float64Array);
        return normalizeLogInPlace(out);
      };
    }
    case 'softmax': {
      // As the solvers do it: normalize in log space, probabilities from the same exponentials.
      const x = compile(e.x, env);
      const logs = vec();
      const out = vec();
      return () => {
        logs.set(x() as Float64Array);
        normalizeLogInPlace(logs, out);
        return out;
      };
    }
    case 'query': {
      const x = compile(e.x, env);
      const out = vec();
      return () => env.query(x() as Float64Array, out);
    }
  }
  throw new Error(`unknown operation in a checked program`);
}

/** 'NaN' or 'infinite' if a value has a non-finite entry, else null. */
export function nonFinite(v: Value): StepFailure['value'] | null {
  if (typeof v === 'number')
    return Number.isNaN(v) ? 'NaN' : Number.isFinite(v) ? null : 'infinite';
  let bad: StepFailure['value'] | null = null;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (Number.isNaN(x)) return 'NaN';
    if (!Number.isFinite(x)) bad = 'infinite';
  }
  return bad;
}

/** Stores a value: vectors are copied into the target's own buffer (no aliasing across steps). */
function store(slot: Value[], index: number, v: Value): void {
  if (typeof v === 'number') slot[index] = v;
  else (slot[index] as Float64Array).set(v);
}

export interface FormulaState extends SolverState {
  readonly failure: StepFailure | null;
  /** Values of the aux variables now (hidden look-backs included), for tests and the fused init. */
  readonly aux: readonly Value[];
}

/** Initial aux values (float64) for a start, η and β: the fused and tfjs engines upload these. */
export function initialAux(
  program: Program,
  logStart: Float64Array,
  logMu: Float64Array,
  eta: number,
  beta: number,
): { values: Value[]; failure: StepFailure | null } {
  const K = logStart.length;
  const env = makeEnv(program, K, logMu, eta, beta, () => {
    throw new Error('an initial value cannot query');
  });
  env.x.set(logStart);
  normalizeLogInPlace(env.x, env.pi);
  return initAux(program, env);
}

function makeEnv(
  program: Program,
  K: number,
  logMu: Float64Array,
  eta: number,
  beta: number,
  query: Env['query'],
): Env {
  return {
    K,
    t: 0,
    eta,
    beta,
    x: new Float64Array(K),
    pi: new Float64Array(K),
    logMu,
    mu: logMu.map(Math.exp),
    locals: program.locals.map((l) => (l.type === 'scalar' ? 0 : new Float64Array(K))),
    aux: program.aux.map((a) => (a.type === 'scalar' ? 0 : new Float64Array(K))),
    query,
  };
}

function initAux(program: Program, env: Env): { values: Value[]; failure: StepFailure | null } {
  let failure: StepFailure | null = null;
  program.aux.forEach((a, i) => {
    const v = compile(a.init, env)();
    const bad = nonFinite(v);
    if (bad && !failure) failure = { t: 0, step: `${a.name} (initial value)`, value: bad };
    store(env.aux, i, v);
  });
  return { values: env.aux, failure };
}

/** A running custom solver on the float64 reference: the SolverState of the registry's solvers. */
export function createFormulaState(
  program: Program,
  ctx: SolverContext,
  logStart: Float64Array,
): FormulaState {
  const { game } = ctx;
  const K = game.K;
  const env = makeEnv(program, K, game.logReference, ctx.etaAt(0), ctx.params.beta, ctx.query);
  env.x.set(logStart);
  normalizeLogInPlace(env.x, env.pi);
  let { failure } = initAux(program, env);
  const steps = program.statements.map((s) => {
    const run = compile(s.expr, env);
    const slot = s.target === 'local' ? env.locals : env.aux;
    return { run, slot, index: s.index, name: s.name, hidden: s.hidden };
  });
  const output = program.output;
  const next = new Float64Array(K);
  const nextPi = new Float64Array(K);
  return {
    logPi: env.x,
    pi: env.pi,
    aux: env.aux,
    get failure() {
      return failure;
    },
    step(t) {
      if (failure) return;
      env.t = t;
      env.eta = ctx.etaAt(t);
      for (const s of steps) {
        const v = s.run();
        if (!s.hidden) {
          const bad = nonFinite(v);
          if (bad) {
            failure = { t, step: s.name, value: bad };
            return;
          }
        }
        store(s.slot, s.index, v);
      }
      next.set(env.locals[output] as Float64Array);
      normalizeLogInPlace(next, nextPi);
      const bad = nonFinite(next);
      if (bad) {
        failure = { t, step: 'next', value: bad };
        return;
      }
      env.x.set(next);
      env.pi.set(nextPi);
    },
  };
}
