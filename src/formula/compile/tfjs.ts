/**
 * The tfjs compiler: a checked program becomes the op sequence of one step on a group of members
 * ([B, K] rows), the GroupState the tfjs engine already drives for the registry's solvers. η is
 * the engine's per-member (or shared) step, β a [B, 1] column; the iterate is kept normalized so
 * that every formula sees log π_t exactly, not up to a row constant.
 *
 * Each user step is checked on the device: a row's first non-finite step is recorded (t and a
 * code, failure.ts) and the row keeps its last finite iterate from then on.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Slot } from '../../engine/tfjs/slot';
import type { StepFailure } from '../../core/solvers';
import type { GroupState, GroupTensors, StepCoefficients } from '../../engine/tfjs/solvers';
import type { Expr, Program } from '../program';
import { decodeFailure, encodeFailure, initStep, nextStep } from './failure';

export interface FormulaGroupOptions {
  /** π₀ rows, [B, K]. */
  start: tf.Tensor;
  /** Sampled queries (the engine's), called once per query in the run's query order. */
  sampler?: (probs: tf.Tensor) => tf.Tensor;
  /**
   * Initial aux values per member, computed in float64 (reference.ts, initialAux): per aux,
   * B·K numbers (vector) or B (scalar); with the members whose initial value is not finite.
   */
  aux: {
    values: Float32Array[];
    failures: { member: number; aux: number; value: StepFailure['value'] }[];
  };
}

export interface FormulaGroupState extends GroupState {
  /** Per member: the first failing step, or null (reads the device once, at the end of a run). */
  readFailures(): Promise<(StepFailure | null)[]>;
}

export function createFormulaGroup(
  program: Program,
  c: GroupTensors,
  opts: FormulaGroupOptions,
): FormulaGroupState {
  const [B, K] = opts.start.shape as [number, number];
  const logStart = tf.logSoftmax(tf.log(opts.start));
  const x = new Slot(logStart);
  const p = new Slot(tf.exp(logStart));
  const mu = tf.keep(tf.exp(c.logMu));
  const aux = program.aux.map(
    (a, i) =>
      new Slot(
        a.type === 'scalar'
          ? tf.tensor2d(opts.aux.values[i]!, [B, 1])
          : tf.tensor2d(opts.aux.values[i]!, [B, K]),
      ),
  );
  const initT = new Float32Array(B).fill(-1);
  const initCode = new Float32Array(B).fill(-1);
  for (const f of opts.aux.failures) {
    if (initT[f.member]! >= 0) continue;
    initT[f.member] = 0;
    initCode[f.member] = encodeFailure(initStep(program, f.aux), f.value);
  }
  const failT = new Slot(tf.tensor1d(initT));
  const failCode = new Slot(tf.tensor1d(initCode));
  const sampler = opts.sampler;

  const rows = (v: tf.Tensor, width: number): tf.Tensor =>
    v.shape.length === 2 && v.shape[0] === B && v.shape[1] === width
      ? v
      : tf.broadcastTo(v.rank === 0 ? tf.reshape(v, [1, 1]) : v, [B, width]);

  // Failure codes per checked step (kept): where a row is not finite, 2j (NaN) or 2j + 1 (±∞).
  const checked = [
    ...program.statements.flatMap((st, j) => (st.hidden ? [] : [j])),
    nextStep(program),
  ];
  const codes = new Map(
    checked.map((j) => [
      j,
      {
        nan: tf.keep(tf.fill([B], encodeFailure(j, 'NaN'))),
        inf: tf.keep(tf.fill([B], encodeFailure(j, 'infinite'))),
      },
    ]),
  );
  const none = tf.keep(tf.fill([B], -1));
  // Literals and K as kept scalars, made once instead of every step.
  const constants = new Map<number, tf.Tensor>();
  const constant = (v: number): tf.Tensor => {
    let c = constants.get(v);
    if (!c) constants.set(v, (c = tf.keep(tf.scalar(v))));
    return c;
  };

  return {
    get x() {
      return x.value;
    },
    get p() {
      return p.value;
    },
    step(k: StepCoefficients, t: number) {
      const locals: tf.Tensor[] = [];
      const current = aux.map((a) => a.value);
      const tT = tf.scalar(t);
      const ev = (e: Expr): tf.Tensor => {
        switch (e.op) {
          case 'const':
            return constant(e.value);
          case 'param':
            return e.name === 'eta'
              ? k.eta
              : e.name === 'beta'
                ? c.beta
                : e.name === 't'
                  ? tT
                  : constant(K);
          case 'state':
            return e.name === 'logpi'
              ? x.value
              : e.name === 'pi'
                ? p.value
                : e.name === 'logmu'
                  ? c.logMu
                  : mu;
          case 'local':
            return locals[e.index]!;
          case 'aux':
            return current[e.index]!;
          case 'neg':
            return tf.neg(ev(e.x));
          // exp, log, sqrt, min, max with the float64 reference's NaN and ∞ on every backend (a
          // GPU backend may give log(0) = −88 or max(NaN, 1) = 1).
          case 'exp': {
            const v = ev(e.x);
            return tf.where(tf.isNaN(v), v, tf.exp(v));
          }
          case 'log': {
            const v = ev(e.x);
            const log = tf.where(tf.equal(v, 0), constant(-Infinity), tf.log(v));
            return tf.where(tf.logicalOr(tf.isNaN(v), tf.less(v, 0)), constant(NaN), log);
          }
          case 'sqrt': {
            const v = ev(e.x);
            return tf.where(tf.logicalOr(tf.isNaN(v), tf.less(v, 0)), constant(NaN), tf.sqrt(v));
          }
          case 'abs':
            return tf.abs(ev(e.x));
          case 'pow': {
            if (e.n === 0) return tf.onesLike(ev(e.x));
            const v = ev(e.x);
            let r = v;
            for (let i = 1; i < e.n; i++) r = tf.mul(r, v);
            return r;
          }
          case 'add':
            return tf.add(ev(e.a), ev(e.b));
          case 'sub':
            return tf.sub(ev(e.a), ev(e.b));
          case 'mul':
            return tf.mul(ev(e.a), ev(e.b));
          case 'div':
            return tf.div(ev(e.a), ev(e.b));
          case 'min':
          case 'max': {
            const a = ev(e.a);
            const b = ev(e.b);
            const m = e.op === 'min' ? tf.minimum(a, b) : tf.maximum(a, b);
            return tf.where(tf.logicalOr(tf.isNaN(a), tf.isNaN(b)), constant(NaN), m);
          }
          case 'sum':
            return tf.sum(ev(e.x), 1, true);
          case 'logsumexp':
            return tf.logSumExp(ev(e.x), 1, true);
          case 'dot':
            return tf.sum(tf.mul(ev(e.a), ev(e.b)), 1, true);
          case 'softmax':
            return tf.softmax(ev(e.x));
          case 'normalize':
            return tf.logSoftmax(ev(e.x));
          case 'query': {
            const probs = ev(e.x);
            return sampler ? sampler(rows(probs, K)) : tf.matMul(probs, c.PT);
          }
        }
      };

      const checks: { finite: tf.Tensor; nan: tf.Tensor; step: number }[] = [];
      const firstBad = (v: tf.Tensor, step: number): void => {
        const m = rows(v, v.rank === 2 ? v.shape[1]! : 1);
        checks.push({ finite: tf.all(tf.isFinite(m), 1), nan: tf.any(tf.isNaN(m), 1), step });
      };
      program.statements.forEach((s, j) => {
        const v = ev(s.expr);
        if (!s.hidden) firstBad(v, j);
        if (s.target === 'local') locals[s.index] = v;
        else current[s.index] = rows(v, program.aux[s.index]!.type === 'scalar' ? 1 : K);
      });
      const next = tf.logSoftmax(rows(locals[program.output]!, K));
      firstBad(next, nextStep(program));
      // The first failing step wins: fold from the last check back to the first.
      let code = none;
      for (let i = checks.length - 1; i >= 0; i--) {
        const { finite, nan, step } = checks[i]!;
        const c = codes.get(step)!;
        code = tf.where(finite, code, tf.where(nan, c.nan, c.inf));
      }

      const fresh = tf.logicalAnd(tf.less(failT.value, 0), tf.greaterEqual(code, 0));
      failT.set(tf.where(fresh, tf.fill([B], t), failT.value));
      failCode.set(tf.where(fresh, code, failCode.value));
      const alive = tf.reshape(tf.less(failT.value, 0), [B, 1]);
      const keep = (now: tf.Tensor, before: tf.Tensor): tf.Tensor =>
        tf.where(tf.broadcastTo(alive, now.shape), now, before);
      // Every new value first, then the swap: a look-back's new value is another's old one.
      const updated = aux.map((a, i) =>
        current[i] !== a.value ? keep(current[i]!, a.value) : null,
      );
      updated.forEach((v, i) => {
        if (v) aux[i]!.set(v);
      });
      x.set(keep(next, x.value));
      p.set(keep(tf.exp(next), p.value));
    },
    async readFailures() {
      const [ts, codes] = await Promise.all([failT.value.data(), failCode.value.data()]);
      return Array.from(ts, (t, b) => (t < 0 ? null : decodeFailure(program, t, codes[b]!)));
    },
    dispose() {
      x.value.dispose();
      p.value.dispose();
      mu.dispose();
      for (const a of aux) a.value.dispose();
      failT.value.dispose();
      failCode.value.dispose();
      none.dispose();
      for (const v of constants.values()) v.dispose();
      for (const c of codes.values()) {
        c.nan.dispose();
        c.inf.dispose();
      }
    },
  };
}
