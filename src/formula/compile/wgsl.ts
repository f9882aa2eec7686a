/**
 * The WGSL compiler: a checked program becomes the step body the fused kernel template
 * (src/engine/fused/wgsl.ts) splices into its per-step loop, where `b`, `t`, `q0`, `eta` and
 * `beta` are defined and `result` holds each member's state column-major, K floats per slot.
 *
 * Vectors live in slots; element-wise operations become one loop per materialized vector with a
 * chain of `let`s (no deep nesting for the WGSL front end); softmax, normalize, queries and the
 * reductions work on slots. Literals reach the shader as run-time values (zero + c), because the
 * WGSL front end folds constant expressions and refuses any that overflow (log(0), exp(1000)):
 * such a rule must compile and then stop at run time like on the other engines.
 *
 * No user text reaches the shader: only slot numbers, our identifiers and formatted numbers.
 */
import type { Expr, Program } from '../program';
import { encodeFailure, nextStep } from './failure';

/** Slots 0–2 belong to the template: log π, π (exp of slot 0, for queries), win rates. */
const FIRST_FREE_SLOT = 3;

export interface FormulaKernel {
  /** State slots per member (K floats each), template slots included. */
  slots: number;
  /** Slot of each aux variable (a scalar aux keeps its value in entry 0). */
  auxSlots: number[];
  /** Statements of the step, for the template's per-step block. */
  body: string;
  /** WGSL functions the body calls. */
  helpers: string;
  queriesPerStep: number;
  /** Loops over K in one step (each line of the body is about one): for dispatch sizing. */
  loops: number;
}

/**
 * Failure columns: the last two of a member's state (W − 2: the failing t, −1 while running;
 * W − 1: the code of failure.ts).
 */
export const FORMULA_HELPERS = /* wgsl */ `
fn fmFailT(b : i32) -> i32 { return (uniforms.W - 2) * uniforms.B + b; }

fn fmFail(b : i32, t : i32, code : u32) {
  result[fmFailT(b)] = f32(t);
  result[fmFailT(b) + uniforms.B] = f32(code);
}

// 0 finite, 1 NaN, 2 ±∞, read from the bits (comparisons with NaN may be optimized away).
fn fmBad(x : f32) -> u32 {
  let u = bitcast<u32>(x);
  if ((u & 0x7f800000u) != 0x7f800000u) { return 0u; }
  return select(2u, 1u, (u & 0x007fffffu) != 0u);
}

// A NaN anywhere wins over ±∞ (as in the float64 reference).
fn fmBadSlot(b : i32, s : i32) -> u32 {
  var worst = 0u;
  for (var i = 0; i < uniforms.K; i++) {
    let k = fmBad(result[at(b, s, i)]);
    if (k == 1u) { return 1u; }
    worst = max(worst, k);
  }
  return worst;
}

// Run-time NaN and ∞ (as constants the front end would refuse them).
fn fmNaN() -> f32 { return bitcast<f32>(0x7fc00000u + u32(min(uniforms.K, 0))); }
fn fmInf() -> f32 { return bitcast<f32>(0x7f800000u + u32(min(uniforms.K, 0))); }

// exp, log, sqrt, min and max with the float64 reference's NaN and ∞: WGSL leaves them open
// (a software adapter gives log(0) = −88, log(−1) = 0, exp(NaN) = ∞, max(NaN, 1) = 1), and a
// rule must stop at the same step on every engine.
fn fmExp(x : f32) -> f32 { return select(exp(x), x, fmBad(x) == 1u); }

fn fmLog(x : f32) -> f32 {
  if (fmBad(x) == 1u || x < 0.0) { return fmNaN(); }
  if (x == 0.0) { return -fmInf(); }
  if (fmBad(x) == 2u) { return x; }
  return log(x);
}

fn fmSqrt(x : f32) -> f32 {
  if (fmBad(x) == 1u || x < 0.0) { return fmNaN(); }
  return sqrt(x);
}

fn fmMin(a : f32, b : f32) -> f32 {
  if (fmBad(a) == 1u || fmBad(b) == 1u) { return fmNaN(); }
  return min(a, b);
}

fn fmMax(a : f32, b : f32) -> f32 {
  if (fmBad(a) == 1u || fmBad(b) == 1u) { return fmNaN(); }
  return max(a, b);
}

// True if a slot holds NaN or +∞, where the float64 log-sum-exp is NaN.
fn fmNoLSE(b : i32, s : i32) -> bool {
  for (var i = 0; i < uniforms.K; i++) {
    let v = result[at(b, s, i)];
    if (fmBad(v) == 1u || (fmBad(v) == 2u && v > 0.0)) { return true; }
  }
  return false;
}

// normalizeSlot, but all NaN where the float64 normalization is (a NaN or +∞ anywhere).
fn fmNormalize(b : i32, s : i32) {
  var m = -3.4e38;
  var bad = false;
  for (var i = 0; i < uniforms.K; i++) {
    let v = result[at(b, s, i)];
    let k = fmBad(v);
    bad = bad || k == 1u || (k == 2u && v > 0.0);
    m = max(m, v);
  }
  if (bad) {
    for (var i = 0; i < uniforms.K; i++) { result[at(b, s, i)] = fmNaN(); }
    return;
  }
  var z = 0.0;
  for (var i = 0; i < uniforms.K; i++) { z += exp(result[at(b, s, i)] - m); }
  let l = m + log(z);
  for (var i = 0; i < uniforms.K; i++) { result[at(b, s, i)] = result[at(b, s, i)] - l; }
}

fn fmExpSlot(b : i32, s : i32) {
  for (var i = 0; i < uniforms.K; i++) { result[at(b, s, i)] = fmExp(result[at(b, s, i)]); }
}

fn fmWorse(a : u32, k : u32) -> u32 { return select(max(a, k), 1u, a == 1u || k == 1u); }

fn fmCopyCheck(b : i32, src : i32, dst : i32) -> u32 {
  var worst = 0u;
  for (var i = 0; i < uniforms.K; i++) {
    let v = result[at(b, src, i)];
    result[at(b, dst, i)] = v;
    worst = fmWorse(worst, fmBad(v));
  }
  return worst;
}

fn fmCopy(b : i32, src : i32, dst : i32) {
  for (var i = 0; i < uniforms.K; i++) { result[at(b, dst, i)] = result[at(b, src, i)]; }
}

fn fmSum(b : i32, s : i32) -> f32 {
  var z = 0.0;
  for (var i = 0; i < uniforms.K; i++) { z += result[at(b, s, i)]; }
  return z;
}

fn fmDot(b : i32, s : i32, r : i32) -> f32 {
  var z = 0.0;
  for (var i = 0; i < uniforms.K; i++) { z += result[at(b, s, i)] * result[at(b, r, i)]; }
  return z;
}

fn fmLogSumExp(b : i32, s : i32) -> f32 {
  if (fmNoLSE(b, s)) { return fmNaN(); }
  var m = -3.4e38;
  for (var i = 0; i < uniforms.K; i++) { m = max(m, result[at(b, s, i)]); }
  var z = 0.0;
  for (var i = 0; i < uniforms.K; i++) { z += exp(result[at(b, s, i)] - m); }
  return m + log(z);
}
`;

/** A vector not yet in a slot: element-wise code over i, or where it already is. */
type Operand =
  | { kind: 'slot'; slot: number }
  | { kind: 'lmu' }
  | { kind: 'mu' }
  | { kind: 'scalar'; code: string }
  | { kind: 'unary'; fn: string; x: Operand }
  | { kind: 'binary'; fn: string; infix: boolean; a: Operand; b: Operand }
  | { kind: 'pow'; x: Operand; n: number };

const UNARY_WGSL: Record<string, string> = {
  neg: '-',
  exp: 'fmExp',
  log: 'fmLog',
  sqrt: 'fmSqrt',
  abs: 'abs',
};

const BINARY_WGSL: Record<string, { fn: string; infix: boolean }> = {
  add: { fn: '+', infix: true },
  sub: { fn: '-', infix: true },
  mul: { fn: '*', infix: true },
  div: { fn: '/', infix: true },
  min: { fn: 'fmMin', infix: false },
  max: { fn: 'fmMax', infix: false },
};

/** An f32 literal that the front end cannot fold into a constant expression. */
function literal(v: number): string {
  return `(fmZero + ${v.toExponential()})`;
}

class Generator {
  readonly lines: string[] = [];
  private names = 0;
  private temp: number;
  maxSlot: number;
  readonly localSlots = new Map<number, number>();
  readonly localScalars = new Map<number, string>();
  readonly auxSlots: number[] = [];

  constructor(private readonly program: Program) {
    let slot = FIRST_FREE_SLOT;
    program.aux.forEach(() => this.auxSlots.push(slot++));
    program.locals.forEach((l, i) => {
      if (l.type !== 'scalar') this.localSlots.set(i, slot++);
    });
    this.temp = slot;
    this.maxSlot = slot;
  }

  private fresh(prefix: string): string {
    return `${prefix}${this.names++}`;
  }

  allocate(): number {
    const s = this.temp++;
    this.maxSlot = Math.max(this.maxSlot, this.temp);
    return s;
  }

  /** Temporaries live within one statement. */
  resetTemps(): void {
    this.temp = FIRST_FREE_SLOT + this.auxSlots.length + this.localSlots.size;
  }

  emit(line: string): void {
    this.lines.push(line);
  }

  /** A scalar expression as an identifier (its value computed now). */
  scalar(e: Expr): string {
    const name = this.fresh('s');
    this.emit(`let ${name} = ${this.scalarCode(e)};`);
    return name;
  }

  private scalarCode(e: Expr): string {
    switch (e.op) {
      case 'const':
        return literal(e.value);
      case 'param':
        return e.name === 't' ? 'f32(t)' : e.name === 'K' ? 'f32(uniforms.K)' : e.name;
      case 'local':
        return this.localScalars.get(e.index)!;
      case 'aux':
        return `result[at(b, ${this.auxSlots[e.index]}, 0)]`;
      case 'neg':
        return `-(${this.scalar(e.x)})`;
      case 'exp':
      case 'log':
      case 'sqrt':
      case 'abs':
        return `${UNARY_WGSL[e.op]}(${this.scalar(e.x)})`;
      case 'pow':
        return powCode(this.scalar(e.x), e.n);
      case 'add':
      case 'sub':
      case 'mul':
      case 'div':
      case 'min':
      case 'max': {
        const { fn, infix } = BINARY_WGSL[e.op]!;
        const a = this.scalar(e.a);
        const b = this.scalar(e.b);
        return infix ? `${a} ${fn} ${b}` : `${fn}(${a}, ${b})`;
      }
      case 'sum':
        return `fmSum(b, ${this.slotOf(e.x)})`;
      case 'logsumexp':
        return `fmLogSumExp(b, ${this.slotOf(e.x)})`;
      case 'dot':
        return `fmDot(b, ${this.slotOf(e.a)}, ${this.slotOf(e.b)})`;
      default:
        throw new Error(`a ${e.op} node is not a scalar`);
    }
  }

  /** A vector as an operand: slots stay where they are, element-wise work is deferred. */
  vector(e: Expr): Operand {
    if (e.type === 'scalar') return { kind: 'scalar', code: this.scalar(e) };
    switch (e.op) {
      case 'state':
        return e.name === 'logpi'
          ? { kind: 'slot', slot: 0 }
          : e.name === 'pi'
            ? { kind: 'slot', slot: 1 }
            : e.name === 'logmu'
              ? { kind: 'lmu' }
              : { kind: 'mu' };
      case 'local':
        return { kind: 'slot', slot: this.localSlots.get(e.index)! };
      case 'aux':
        return { kind: 'slot', slot: this.auxSlots[e.index]! };
      case 'neg':
      case 'exp':
      case 'log':
      case 'sqrt':
      case 'abs':
        return { kind: 'unary', fn: UNARY_WGSL[e.op]!, x: this.vector(e.x) };
      case 'pow':
        return { kind: 'pow', x: this.vector(e.x), n: e.n };
      case 'add':
      case 'sub':
      case 'mul':
      case 'div':
      case 'min':
      case 'max':
        return { kind: 'binary', ...BINARY_WGSL[e.op]!, a: this.vector(e.a), b: this.vector(e.b) };
      case 'softmax': {
        const s = this.freshSlot(e.x);
        this.emit(`fmNormalize(b, ${s}); fmExpSlot(b, ${s});`);
        return { kind: 'slot', slot: s };
      }
      case 'normalize': {
        const s = this.freshSlot(e.x);
        this.emit(`fmNormalize(b, ${s});`);
        return { kind: 'slot', slot: s };
      }
      case 'query': {
        const p = this.slotOf(e.x);
        const g = this.allocate();
        this.emit(`querySlot(b, ${p}, ${g}, q0 + ${e.index}u);`);
        return { kind: 'slot', slot: g };
      }
      default:
        throw new Error(`a ${e.op} node is not a vector`);
    }
  }

  /** The slot holding a vector expression (its own slot if it has one: read-only use). */
  slotOf(e: Expr): number {
    const v = this.vector(e);
    if (v.kind === 'slot') return v.slot;
    const s = this.allocate();
    this.store(v, s);
    return s;
  }

  /** A temporary slot with a copy of the value (for in-place operations). */
  private freshSlot(e: Expr): number {
    const v = this.vector(e);
    const s = this.allocate();
    this.store(v, s);
    return s;
  }

  /** One loop: element i of the operand into slot `dst`. */
  store(v: Operand, dst: number): void {
    if (v.kind === 'slot') {
      if (v.slot !== dst) this.emit(`fmCopy(b, ${v.slot}, ${dst});`);
      return;
    }
    const body: string[] = [];
    const value = this.element(v, body);
    this.emit(
      `for (var i = 0; i < uniforms.K; i++) { ${body.join(' ')} result[at(b, ${dst}, i)] = ${value}; }`,
    );
  }

  /** `store`, and `flag` = the worst value stored (0 finite, 1 NaN, 2 ±∞), in the same loop. */
  storeChecked(v: Operand, dst: number, flag: string): void {
    if (v.kind === 'slot') {
      this.emit(
        v.slot === dst
          ? `let ${flag} = fmBadSlot(b, ${dst});`
          : `let ${flag} = fmCopyCheck(b, ${v.slot}, ${dst});`,
      );
      return;
    }
    const body: string[] = [];
    const value = this.element(v, body);
    this.emit(
      `var ${flag} = 0u; for (var i = 0; i < uniforms.K; i++) { ${body.join(' ')} result[at(b, ${dst}, i)] = ${value}; ${flag} = fmWorse(${flag}, fmBad(${value})); }`,
    );
  }

  private element(v: Operand, body: string[]): string {
    switch (v.kind) {
      case 'slot':
        return `result[at(b, ${v.slot}, i)]`;
      case 'lmu':
        return 'Lmu[i]';
      case 'mu':
        return 'exp(Lmu[i])'; // log μ is finite
      case 'scalar':
        return v.code;
      case 'unary': {
        const x = this.element(v.x, body);
        const name = this.fresh('e');
        body.push(`let ${name} = ${v.fn === '-' ? `-(${x})` : `${v.fn}(${x})`};`);
        return name;
      }
      case 'pow': {
        const x = this.element(v.x, body);
        const name = this.fresh('e');
        body.push(`let ${name} = ${powCode(x, v.n)};`);
        return name;
      }
      case 'binary': {
        const a = this.element(v.a, body);
        const b = this.element(v.b, body);
        const name = this.fresh('e');
        body.push(`let ${name} = ${v.infix ? `${a} ${v.fn} ${b}` : `${v.fn}(${a}, ${b})`};`);
        return name;
      }
    }
  }
}

/** x^n as n − 1 multiplications (the reference's powi). */
function powCode(x: string, n: number): string {
  if (n === 0) return literal(1);
  return Array.from({ length: n }, () => x).join(' * ');
}

/** The kernel pieces for one checked program. */
export function formulaKernel(program: Program): FormulaKernel {
  const gen = new Generator(program);
  const fail = (code: number, flag: string): string =>
    `if (${flag} != 0u) { fmFail(b, t, ${code}u + ${flag} - 1u); break; }`;
  program.statements.forEach((s, j) => {
    gen.resetTemps();
    gen.emit(`// ${s.hidden ? 'look-back' : `step ${j}`}`);
    const flag = `f${j}`;
    if (s.expr.type === 'scalar') {
      const name = gen.scalar(s.expr);
      if (s.target === 'local') gen.localScalars.set(s.index, name);
      else gen.emit(`result[at(b, ${gen.auxSlots[s.index]}, 0)] = ${name};`);
      if (!s.hidden) gen.emit(`let ${flag} = fmBad(${name});`);
    } else {
      // An aux vector is written straight into its slot: reductions, queries and softmax of the
      // aux itself are materialized before this loop, which reads element i before writing it.
      const slot = s.target === 'local' ? gen.localSlots.get(s.index)! : gen.auxSlots[s.index]!;
      const value = gen.vector(s.expr);
      if (s.hidden) gen.store(value, slot);
      else gen.storeChecked(value, slot, flag);
    }
    if (!s.hidden) gen.emit(fail(encodeFailure(j, 'NaN'), flag));
  });
  gen.resetTemps();
  const out = gen.localSlots.get(program.output)!;
  const next = gen.allocate();
  gen.emit('// the iterate: next, normalized');
  gen.emit(`fmCopy(b, ${out}, ${next}); fmNormalize(b, ${next});`);
  gen.emit(`let fNext = fmBadSlot(b, ${next});`);
  gen.emit(fail(encodeFailure(nextStep(program), 'NaN'), 'fNext'));
  gen.emit(`fmCopy(b, ${next}, 0);`);
  const body = [
    `if (result[fmFailT(b)] < 0.0) {`,
    `  let fmZero = f32(min(uniforms.K, 0));`,
    `  expSlot(b, 0, 1);`,
    `  loop {`,
    ...gen.lines.map((l) => `    ${l}`),
    `    break;`,
    `  }`,
    `}`,
  ].join('\n');
  return {
    slots: gen.maxSlot,
    auxSlots: gen.auxSlots,
    body,
    helpers: FORMULA_HELPERS,
    queriesPerStep: program.queries,
    loops: gen.lines.length,
  };
}
