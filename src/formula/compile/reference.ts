/**
 * The float64 compiler: a checked program becomes closures, compiled once per program and run
 * with each member's own registers and buffers, so a step allocates nothing and runs the same
 * operations in the same order as the hand-written solvers (the built-ins written as formulas
 * agree with them to rounding).
 *
 * Speed (a basin runs thousands of members): scalars live in a Float64Array of registers, not
 * in closure return values (V8 would box each returned double), and every operator and operand
 * shape has its own closure literal, so no call site is shared by different operations.
 */
import { logSumExp, normalizeLogInPlace } from '../../core/numeric';
import type { SolverContext, SolverState, StepFailure } from '../../core/solvers';
import type { BinaryOp, Expr, Program, UnaryOp } from '../program';

/** One member's state, read by the closures and changed in place as it steps. */
interface Env {
  K: number;
  /** Scalar registers: η, β, t, K, then literals, scalar nodes, scalar steps and scalar aux. */
  s: Float64Array;
  x: Float64Array;
  pi: Float64Array;
  logMu: Float64Array;
  mu: Float64Array;
  /** Vector step values and vector aux, by index (scalar ones live in registers). */
  locals: Float64Array[];
  aux: Float64Array[];
  /** One buffer per vector node. */
  buffers: Float64Array[];
  query(pi: ArrayLike<number>, out: Float64Array): Float64Array;
}

const ETA = 0;
const BETA = 1;
const T = 2;
const KREG = 3;

type Run = (env: Env) => void;
type Vec = (env: Env) => Float64Array;
/** A scalar: after `run` (none for leaves), its value is in register `reg`. */
interface Scalar {
  reg: number;
  run: Run;
}

const NOTHING: Run = () => {};

/** x^n as n − 1 multiplications (every engine does the same). */
export function powi(x: number, n: number): number {
  if (n === 0) return 1;
  let r = x;
  for (let k = 1; k < n; k++) r *= x;
  return r;
}

function unaryScalar(op: UnaryOp, x: Scalar, reg: number): Run {
  const r = x.run;
  const i = x.reg;
  switch (op) {
    case 'neg':
      return (env) => {
        r(env);
        env.s[reg] = -env.s[i]!;
      };
    case 'exp':
      return (env) => {
        r(env);
        env.s[reg] = Math.exp(env.s[i]!);
      };
    case 'log':
      return (env) => {
        r(env);
        env.s[reg] = Math.log(env.s[i]!);
      };
    case 'sqrt':
      return (env) => {
        r(env);
        env.s[reg] = Math.sqrt(env.s[i]!);
      };
    case 'abs':
      return (env) => {
        r(env);
        env.s[reg] = Math.abs(env.s[i]!);
      };
  }
}

function unaryVector(op: UnaryOp, x: Vec, id: number): Vec {
  switch (op) {
    case 'neg':
      return (env) => {
        const v = x(env);
        const out = env.buffers[id]!;
        for (let i = 0; i < env.K; i++) out[i] = -v[i]!;
        return out;
      };
    case 'exp':
      return (env) => {
        const v = x(env);
        const out = env.buffers[id]!;
        for (let i = 0; i < env.K; i++) out[i] = Math.exp(v[i]!);
        return out;
      };
    case 'log':
      return (env) => {
        const v = x(env);
        const out = env.buffers[id]!;
        for (let i = 0; i < env.K; i++) out[i] = Math.log(v[i]!);
        return out;
      };
    case 'sqrt':
      return (env) => {
        const v = x(env);
        const out = env.buffers[id]!;
        for (let i = 0; i < env.K; i++) out[i] = Math.sqrt(v[i]!);
        return out;
      };
    case 'abs':
      return (env) => {
        const v = x(env);
        const out = env.buffers[id]!;
        for (let i = 0; i < env.K; i++) out[i] = Math.abs(v[i]!);
        return out;
      };
  }
}

function scalarBinary(op: BinaryOp, a: Scalar, b: Scalar, reg: number): Run {
  const ra = a.run;
  const rb = b.run;
  const ia = a.reg;
  const ib = b.reg;
  switch (op) {
    case 'add':
      return (env) => {
        ra(env);
        rb(env);
        env.s[reg] = env.s[ia]! + env.s[ib]!;
      };
    case 'sub':
      return (env) => {
        ra(env);
        rb(env);
        env.s[reg] = env.s[ia]! - env.s[ib]!;
      };
    case 'mul':
      return (env) => {
        ra(env);
        rb(env);
        env.s[reg] = env.s[ia]! * env.s[ib]!;
      };
    case 'div':
      return (env) => {
        ra(env);
        rb(env);
        env.s[reg] = env.s[ia]! / env.s[ib]!;
      };
    case 'min':
      return (env) => {
        ra(env);
        rb(env);
        env.s[reg] = Math.min(env.s[ia]!, env.s[ib]!);
      };
    case 'max':
      return (env) => {
        ra(env);
        rb(env);
        env.s[reg] = Math.max(env.s[ia]!, env.s[ib]!);
      };
  }
}

/** scalar ∘ vector: the scalar is computed first (evaluation order: left to right). */
function scalarVector(op: BinaryOp, a: Scalar, b: Vec, id: number): Vec {
  const ra = a.run;
  const ia = a.reg;
  switch (op) {
    case 'add':
      return (env) => {
        ra(env);
        const s = env.s[ia]!;
        const v = b(env);
        const out = env.buffers[id]!;
        for (let i = 0; i < env.K; i++) out[i] = s + v[i]!;
        return out;
      };
    case 'sub':
      return (env) => {
        ra(env);
        const s = env.s[ia]!;
        const v = b(env);
        const out = env.buffers[id]!;
        for (let i = 0; i < env.K; i++) out[i] = s - v[i]!;
        return out;
      };
    case 'mul':
      return (env) => {
        ra(env);
        const s = env.s[ia]!;
        const v = b(env);
        const out = env.buffers[id]!;
        for (let i = 0; i < env.K; i++) out[i] = s * v[i]!;
        return out;
      };
    case 'div':
      return (env) => {
        ra(env);
        const s = env.s[ia]!;
        const v = b(env);
        const out = env.buffers[id]!;
        for (let i = 0; i < env.K; i++) out[i] = s / v[i]!;
        return out;
      };
    case 'min':
      return (env) => {
        ra(env);
        const s = env.s[ia]!;
        const v = b(env);
        const out = env.buffers[id]!;
        for (let i = 0; i < env.K; i++) out[i] = Math.min(s, v[i]!);
        return out;
      };
    case 'max':
      return (env) => {
        ra(env);
        const s = env.s[ia]!;
        const v = b(env);
        const out = env.buffers[id]!;
        for (let i = 0; i < env.K; i++) out[i] = Math.max(s, v[i]!);
        return out;
      };
  }
}

function vectorScalar(op: BinaryOp, a: Vec, b: Scalar, id: number): Vec {
  const rb = b.run;
  const ib = b.reg;
  switch (op) {
    case 'add':
      return (env) => {
        const u = a(env);
        rb(env);
        const s = env.s[ib]!;
        const out = env.buffers[id]!;
        for (let i = 0; i < env.K; i++) out[i] = u[i]! + s;
        return out;
      };
    case 'sub':
      return (env) => {
        const u = a(env);
        rb(env);
        const s = env.s[ib]!;
        const out = env.buffers[id]!;
        for (let i = 0; i < env.K; i++) out[i] = u[i]! - s;
        return out;
      };
    case 'mul':
      return (env) => {
        const u = a(env);
        rb(env);
        const s = env.s[ib]!;
        const out = env.buffers[id]!;
        for (let i = 0; i < env.K; i++) out[i] = u[i]! * s;
        return out;
      };
    case 'div':
      return (env) => {
        const u = a(env);
        rb(env);
        const s = env.s[ib]!;
        const out = env.buffers[id]!;
        for (let i = 0; i < env.K; i++) out[i] = u[i]! / s;
        return out;
      };
    case 'min':
      return (env) => {
        const u = a(env);
        rb(env);
        const s = env.s[ib]!;
        const out = env.buffers[id]!;
        for (let i = 0; i < env.K; i++) out[i] = Math.min(u[i]!, s);
        return out;
      };
    case 'max':
      return (env) => {
        const u = a(env);
        rb(env);
        const s = env.s[ib]!;
        const out = env.buffers[id]!;
        for (let i = 0; i < env.K; i++) out[i] = Math.max(u[i]!, s);
        return out;
      };
  }
}

function vectorVector(op: BinaryOp, a: Vec, b: Vec, id: number): Vec {
  switch (op) {
    case 'add':
      return (env) => {
        const u = a(env);
        const v = b(env);
        const out = env.buffers[id]!;
        for (let i = 0; i < env.K; i++) out[i] = u[i]! + v[i]!;
        return out;
      };
    case 'sub':
      return (env) => {
        const u = a(env);
        const v = b(env);
        const out = env.buffers[id]!;
        for (let i = 0; i < env.K; i++) out[i] = u[i]! - v[i]!;
        return out;
      };
    case 'mul':
      return (env) => {
        const u = a(env);
        const v = b(env);
        const out = env.buffers[id]!;
        for (let i = 0; i < env.K; i++) out[i] = u[i]! * v[i]!;
        return out;
      };
    case 'div':
      return (env) => {
        const u = a(env);
        const v = b(env);
        const out = env.buffers[id]!;
        for (let i = 0; i < env.K; i++) out[i] = u[i]! / v[i]!;
        return out;
      };
    case 'min':
      return (env) => {
        const u = a(env);
        const v = b(env);
        const out = env.buffers[id]!;
        for (let i = 0; i < env.K; i++) out[i] = Math.min(u[i]!, v[i]!);
        return out;
      };
    case 'max':
      return (env) => {
        const u = a(env);
        const v = b(env);
        const out = env.buffers[id]!;
        for (let i = 0; i < env.K; i++) out[i] = Math.max(u[i]!, v[i]!);
        return out;
      };
  }
}

class Compiler {
  registers = 4;
  buffers = 0;
  readonly constants: { reg: number; value: number }[] = [];
  /** Registers of scalar step values and scalar aux. */
  readonly localRegs = new Map<number, number>();
  readonly auxRegs = new Map<number, number>();

  constructor(program: Program) {
    program.locals.forEach((l, i) => {
      if (l.type === 'scalar') this.localRegs.set(i, this.registers++);
    });
    program.aux.forEach((a, i) => {
      if (a.type === 'scalar') this.auxRegs.set(i, this.registers++);
    });
  }

  private buffer(): number {
    return this.buffers++;
  }

  scalar(e: Expr): Scalar {
    switch (e.op) {
      case 'const': {
        const reg = this.registers++;
        this.constants.push({ reg, value: e.value });
        return { reg, run: NOTHING };
      }
      case 'param':
        return {
          reg: e.name === 'eta' ? ETA : e.name === 'beta' ? BETA : e.name === 't' ? T : KREG,
          run: NOTHING,
        };
      case 'local':
        return { reg: this.localRegs.get(e.index)!, run: NOTHING };
      case 'aux':
        return { reg: this.auxRegs.get(e.index)!, run: NOTHING };
      case 'neg':
      case 'exp':
      case 'log':
      case 'sqrt':
      case 'abs': {
        const x = this.scalar(e.x);
        const reg = this.registers++;
        return { reg, run: unaryScalar(e.op, x, reg) };
      }
      case 'pow': {
        const x = this.scalar(e.x);
        const reg = this.registers++;
        const n = e.n;
        const { run, reg: i } = x;
        return {
          reg,
          run: (env) => {
            run(env);
            env.s[reg] = powi(env.s[i]!, n);
          },
        };
      }
      case 'add':
      case 'sub':
      case 'mul':
      case 'div':
      case 'min':
      case 'max': {
        const a = this.scalar(e.a);
        const b = this.scalar(e.b);
        const reg = this.registers++;
        return { reg, run: scalarBinary(e.op, a, b, reg) };
      }
      case 'sum': {
        const x = this.vector(e.x);
        const reg = this.registers++;
        return {
          reg,
          run: (env) => {
            const v = x(env);
            let s = 0;
            for (let i = 0; i < env.K; i++) s += v[i]!;
            env.s[reg] = s;
          },
        };
      }
      case 'logsumexp': {
        const x = this.vector(e.x);
        const reg = this.registers++;
        return {
          reg,
          run: (env) => {
            env.s[reg] = logSumExp(x(env));
          },
        };
      }
      case 'dot': {
        const a = this.vector(e.a);
        const b = this.vector(e.b);
        const reg = this.registers++;
        return {
          reg,
          run: (env) => {
            const u = a(env);
            const v = b(env);
            let s = 0;
            for (let i = 0; i < env.K; i++) s += u[i]! * v[i]!;
            env.s[reg] = s;
          },
        };
      }
      default:
        throw new Error(`a ${e.op} node is not a scalar`);
    }
  }

  vector(e: Expr): Vec {
    switch (e.op) {
      case 'state':
        switch (e.name) {
          case 'logpi':
            return (env) => env.x;
          case 'pi':
            return (env) => env.pi;
          case 'logmu':
            return (env) => env.logMu;
          case 'mu':
            return (env) => env.mu;
        }
        break;
      case 'local': {
        const i = e.index;
        return (env) => env.locals[i]!;
      }
      case 'aux': {
        const i = e.index;
        return (env) => env.aux[i]!;
      }
      case 'neg':
      case 'exp':
      case 'log':
      case 'sqrt':
      case 'abs':
        return unaryVector(e.op, this.vector(e.x), this.buffer());
      case 'pow': {
        const x = this.vector(e.x);
        const id = this.buffer();
        const n = e.n;
        return (env) => {
          const v = x(env);
          const out = env.buffers[id]!;
          for (let i = 0; i < env.K; i++) out[i] = powi(v[i]!, n);
          return out;
        };
      }
      case 'add':
      case 'sub':
      case 'mul':
      case 'div':
      case 'min':
      case 'max': {
        if (e.a.type === 'scalar') {
          const a = this.scalar(e.a);
          return scalarVector(e.op, a, this.vector(e.b), this.buffer());
        }
        const a = this.vector(e.a);
        if (e.b.type === 'scalar') return vectorScalar(e.op, a, this.scalar(e.b), this.buffer());
        return vectorVector(e.op, a, this.vector(e.b), this.buffer());
      }
      case 'normalize': {
        const x = this.vector(e.x);
        const id = this.buffer();
        return (env) => {
          const out = env.buffers[id]!;
          out.set(x(env));
          return normalizeLogInPlace(out);
        };
      }
      case 'softmax': {
        // As the solvers do it: normalize in log space, probabilities from the same exponentials.
        const x = this.vector(e.x);
        const logs = this.buffer();
        const id = this.buffer();
        return (env) => {
          const l = env.buffers[logs]!;
          const out = env.buffers[id]!;
          l.set(x(env));
          normalizeLogInPlace(l, out);
          return out;
        };
      }
      case 'query': {
        const x = this.vector(e.x);
        const id = this.buffer();
        return (env) => env.query(x(env), env.buffers[id]!);
      }
    }
    throw new Error(`a ${e.op} node is not a vector`);
  }
}

/** A statement (or an aux's initial value) ready to run: computes, checks, stores. */
interface Step {
  name: string;
  hidden: boolean;
  /** Runs the step; returns what it produced if that is not finite, else null (stored). */
  run(env: Env): StepFailure['value'] | null;
}

function vectorStep(code: Vec, target: (env: Env) => Float64Array, check: boolean): Step['run'] {
  return (env) => {
    const v = code(env);
    if (check) {
      const bad = nonFinite(v);
      if (bad) return bad;
    }
    target(env).set(v);
    return null;
  };
}

function scalarStep(code: Scalar, reg: number, check: boolean): Step['run'] {
  const { run, reg: from } = code;
  return (env) => {
    run(env);
    const v = env.s[from]!;
    if (check && !Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : 'infinite';
    env.s[reg] = v;
    return null;
  };
}

/** A program's closures, compiled once (cached per program) and run with each member's env. */
interface Compiled {
  registers: number;
  buffers: number;
  constants: { reg: number; value: number }[];
  init: Step[];
  steps: Step[];
  auxRegs: Map<number, number>;
}

const COMPILED = new WeakMap<Program, Compiled>();

function compiled(program: Program): Compiled {
  const known = COMPILED.get(program);
  if (known) return known;
  const c = new Compiler(program);
  const target = (kind: 'local' | 'aux', index: number): ((env: Env) => Float64Array) =>
    kind === 'local' ? (env) => env.locals[index]! : (env) => env.aux[index]!;
  const init = program.aux.map((a, i) => ({
    name: `${a.name} (initial value)`,
    hidden: a.hidden,
    run:
      a.type === 'scalar'
        ? scalarStep(c.scalar(a.init), c.auxRegs.get(i)!, true)
        : vectorStep(c.vector(a.init), target('aux', i), true),
  }));
  const steps = program.statements.map((s) => ({
    name: s.name,
    hidden: s.hidden,
    run:
      s.expr.type === 'scalar'
        ? scalarStep(
            c.scalar(s.expr),
            (s.target === 'local' ? c.localRegs : c.auxRegs).get(s.index)!,
            !s.hidden,
          )
        : vectorStep(c.vector(s.expr), target(s.target, s.index), !s.hidden),
  }));
  const result: Compiled = {
    registers: c.registers,
    buffers: c.buffers,
    constants: c.constants,
    init,
    steps,
    auxRegs: c.auxRegs,
  };
  COMPILED.set(program, result);
  return result;
}

/** 'NaN' or 'infinite' if a value has a non-finite entry, else null. */
export function nonFinite(v: number | Float64Array): StepFailure['value'] | null {
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

export interface FormulaState extends SolverState {
  readonly failure: StepFailure | null;
}

/**
 * Scratch shared by every member of a program at one K: node buffers and vector step values live
 * only within a step, and steps never interleave (a step is synchronous), so thousands of members
 * need one set, not one each.
 */
const SCRATCH = new WeakMap<
  Compiled,
  Map<number, { buffers: Float64Array[]; locals: Float64Array[] }>
>();
const MU = new WeakMap<Float64Array, Float64Array>();

function scratch(program: Program, K: number): { buffers: Float64Array[]; locals: Float64Array[] } {
  const c = compiled(program);
  let byK = SCRATCH.get(c);
  if (!byK) SCRATCH.set(c, (byK = new Map()));
  let sc = byK.get(K);
  if (!sc) {
    sc = {
      buffers: Array.from({ length: c.buffers }, () => new Float64Array(K)),
      locals: program.locals.map((l) => new Float64Array(l.type === 'scalar' ? 0 : K)),
    };
    byK.set(K, sc);
  }
  return sc;
}

function makeEnv(
  program: Program,
  logStart: Float64Array,
  logMu: Float64Array,
  eta: number,
  beta: number,
  query: Env['query'],
): Env {
  const c = compiled(program);
  const K = logStart.length;
  const s = new Float64Array(c.registers);
  s[ETA] = eta;
  s[BETA] = beta;
  s[KREG] = K;
  for (const { reg, value } of c.constants) s[reg] = value;
  let mu = MU.get(logMu);
  if (!mu) MU.set(logMu, (mu = logMu.map(Math.exp)));
  const { buffers, locals } = scratch(program, K);
  const env: Env = {
    K,
    s,
    x: Float64Array.from(logStart),
    pi: new Float64Array(K),
    logMu,
    mu,
    locals,
    aux: program.aux.map((a) => new Float64Array(a.type === 'scalar' ? 0 : K)),
    buffers,
    query,
  };
  normalizeLogInPlace(env.x, env.pi);
  return env;
}

/** Runs the aux initial values (t = 0); the first non-finite one, if any. */
function initAux(program: Program, env: Env): StepFailure | null {
  let failure: StepFailure | null = null;
  for (const step of compiled(program).init) {
    const bad = step.run(env);
    if (bad && !failure) failure = { t: 0, step: step.name, value: bad };
  }
  return failure;
}

/**
 * Initial aux values (float64) for a start, η and β, which the float32 engines upload: a number
 * per scalar aux, K numbers per vector aux; and the first aux whose initial value is not finite.
 */
export function initialAux(
  program: Program,
  logStart: Float64Array,
  logMu: Float64Array,
  eta: number,
  beta: number,
): {
  values: (number | Float64Array)[];
  failure: { aux: number; value: StepFailure['value'] } | null;
} {
  const env = makeEnv(program, logStart, logMu, eta, beta, () => {
    throw new Error('an initial value cannot query');
  });
  const { auxRegs, init } = compiled(program);
  let failure: { aux: number; value: StepFailure['value'] } | null = null;
  const values = program.aux.map((a, i) => {
    const bad = init[i]!.run(env);
    if (bad && !failure) failure = { aux: i, value: bad };
    return a.type === 'scalar' ? env.s[auxRegs.get(i)!]! : Float64Array.from(env.aux[i]!);
  });
  return { values, failure };
}

/** A running custom solver on the float64 reference: the SolverState of the registry's solvers. */
export function createFormulaState(
  program: Program,
  ctx: SolverContext,
  logStart: Float64Array,
): FormulaState {
  const { game } = ctx;
  const K = game.K;
  const env = makeEnv(
    program,
    logStart,
    game.logReference,
    ctx.etaAt(0),
    ctx.params.beta,
    ctx.query,
  );
  let failure = initAux(program, env);
  const { steps } = compiled(program);
  const output = program.output;
  const next = new Float64Array(K);
  const nextPi = new Float64Array(K);
  return {
    logPi: env.x,
    pi: env.pi,
    get failure() {
      return failure;
    },
    step(t) {
      if (failure) return;
      env.s[T] = t;
      env.s[ETA] = ctx.etaAt(t);
      for (let j = 0; j < steps.length; j++) {
        const bad = steps[j]!.run(env);
        if (bad) {
          failure = { t, step: steps[j]!.name, value: bad };
          return;
        }
      }
      next.set(env.locals[output]!);
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
