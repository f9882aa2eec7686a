/**
 * The solvers' updates as per-step tfjs ops on a group of members that share a solver. The state is
 * a pair (x, p): x = log π up to a per-row constant (kept max-normalized), p = π. One preference
 * query is one matMul; the step coefficients (η, 1 − ηβ, ηβ·log μ, 1/(1+ηβ)) are prepared once per
 * run (or per step under the theory schedule), and η is folded into Pᵀ when it is uniform. That
 * keeps a linearized step to about ten ops, which is what per-op backends pay for.
 * `step` runs inside tf.tidy (the engine's); tensors that outlive a step are kept explicitly.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Slot } from './slot';
import type { SolverId } from '../../core/solvers';

/** A scalar tensor (all members alike) or one value per member ([B, 1]). */
export type PerMember = tf.Tensor;

export interface StepCoefficients {
  eta: PerMember;
  /** 1 − ηβ */
  keep: PerMember;
  /** ηβ·log μ, [B, K] or [1, K] */
  pull: tf.Tensor;
  /** 1 / (1 + ηβ) */
  shrink: PerMember;
  /** Nash-MD's mixture π^μ: 1 − m and m·log μ (m = ηβ, i.e. keep and pull, unless fixed). */
  mixKeep: PerMember;
  mixPull: tf.Tensor;
  /** η·Pᵀ when η is uniform (a query then yields η·g directly), else null. */
  etaPT: tf.Tensor | null;
  /**
   * η·Pᵀ + 1·(ηβ·log μ) when uniform: since every row of π sums to 1, π·(η·Pᵀ + 1·pull) =
   * η·g + pull, so one matMul also adds the pull towards μ. Null otherwise.
   */
  etaPTpull: tf.Tensor | null;
}

/** Re-center x (subtract its row max) every this many steps: softmax does not need it, but x drifts. */
const RECENTER_EVERY = 8;

export interface GroupTensors {
  /** Pᵀ, [K, K]: g(π) for a batch of row policies is π·Pᵀ. */
  PT: tf.Tensor;
  /**
   * log μ, [1, K]; with a reference refresh [B, K], replaced by the engine at each refresh
   * (read it at every step, never keep it).
   */
  logMu: tf.Tensor;
  /** β per member, [B, 1]. */
  beta: tf.Tensor;
}

export interface GroupState {
  /** log π_t up to a per-row constant (RM+: exactly log π, possibly −∞). */
  readonly x: tf.Tensor;
  /** π_t. */
  readonly p: tf.Tensor;
  step(c: StepCoefficients, t: number): void;
  dispose(): void;
}

/** (y − max y, softmax y). */
function normalize(y: tf.Tensor): { x: tf.Tensor; p: tf.Tensor } {
  const x = tf.sub(y, tf.max(y, 1, true));
  const e = tf.exp(x);
  return { x, p: tf.div(e, tf.sum(e, 1, true)) };
}

export interface GroupOptions {
  start: tf.Tensor;
  weights?: number[];
  /**
   * Sampled preference queries: returns ĝ [B, K] for the row policies `probs` (the engine reads
   * π back and runs the shared TS estimator). Called once per query, in the run's query order.
   */
  sampler?: (probs: tf.Tensor) => tf.Tensor;
  /** Approximate Nash-MP: m inner policy-gradient steps of step α per proximal step. */
  inner?: { steps: number; alpha: number };
}

/**
 * What a kernel builds its step from: the group's tensors and options, its state (x, p), and the
 * building blocks every update shares. Extra state goes in `slot`s or `onDispose` callbacks so
 * that the group disposes it.
 */
export interface GroupKit {
  c: GroupTensors;
  opts: GroupOptions;
  /** log π_t up to a per-row constant. */
  x: Slot;
  /** π_t. */
  p: Slot;
  /** A tensor held across steps, disposed with the group. */
  slot(initial: tf.Tensor): Slot;
  onDispose(cleanup: () => void): void;
  /** g(π): one preference query (exact, or sampled). */
  win(probs: tf.Tensor): tf.Tensor;
  /** η·g(π): one preference query. */
  etaWin(probs: tf.Tensor, k: StepCoefficients): tf.Tensor;
  /** η·g(π) + ηβ·log μ: the query and the pull towards μ, in one matMul when uniform. */
  pulled(probs: tf.Tensor, k: StepCoefficients): tf.Tensor;
  /** (L) with egp = η·g + ηβ·log μ. */
  lin(la: tf.Tensor, egp: tf.Tensor, k: StepCoefficients): tf.Tensor;
  /** (X) with egp = η·g + ηβ·log μ. */
  prox(la: tf.Tensor, egp: tf.Tensor, k: StepCoefficients): tf.Tensor;
  /**
   * The π-weighted policy-gradient step of kernels.ts (policyGradient) from x = log π_t + c:
   * x + π ⊙ (ηw − ⟨π, ηw⟩) with ηw = egp − ηβ·log π (egp = η·g + ηβ·log μ, ηβ = 1 − keep).
   */
  pg(egp: tf.Tensor, k: StepCoefficients): tf.Tensor;
  /** π_{t+1} = softmax(y), x ← y (re-centered now and then). */
  commit(y: tf.Tensor): void;
}

/** A solver's tfjs update: set up its extra state once, return its step. */
export type TfjsKernel = (kit: GroupKit) => GroupState['step'];

/** (X) from π_t with the query of π_t: MMD; mpo is MMD with its magnet strength and refresh in k. */
const proximal: TfjsKernel =
  ({ x, p, pulled, prox, commit }) =>
  (k) =>
    commit(prox(x.value, pulled(p.value, k), k));

/**
 * One entry per registry solver (`satisfies Record<SolverId, TfjsKernel>`: a solver without a
 * kernel is a type error). Solvers that share an update share its kernel.
 */
export const TFJS_KERNELS = {
  'nash-mp': ({ x, p, opts, pulled, prox, commit }) => {
    const inner = opts.inner;
    if (inner && inner.steps > 0) {
      // Approximate (X): m policy-gradient steps on θ from log π_k (kernels.ts,
      // proximalByGradient). With egp = ηĝ + ηβ·log μ, r = egp + log π_k − (1+ηβ)·log π; row
      // constants in r or in log π_k cancel in π ⊙ (r − ⟨π, r⟩).
      const approx = (egp: tf.Tensor, k: StepCoefficients): tf.Tensor => {
        const anchor = x.value;
        let theta = anchor;
        for (let i = 0; i < inner.steps; i++) {
          const next = tf.tidy(() => {
            const lp = tf.logSoftmax(theta);
            const pr = tf.exp(lp);
            const r = tf.sub(tf.add(egp, anchor), tf.div(lp, k.shrink));
            const v = tf.sum(tf.mul(pr, r), 1, true);
            return tf.add(theta, tf.mul(inner.alpha, tf.mul(pr, tf.sub(r, v))));
          });
          if (theta !== anchor) theta.dispose();
          theta = next;
        }
        return theta;
      };
      return (k) => {
        const half = tf.softmax(approx(pulled(p.value, k), k));
        commit(approx(pulled(half, k), k));
      };
    }
    return (k) => {
      const half = tf.softmax(prox(x.value, pulled(p.value, k), k));
      commit(prox(x.value, pulled(half, k), k));
    };
  },
  egpo:
    ({ x, p, pulled, lin, commit }) =>
    (k) => {
      const half = tf.softmax(lin(x.value, pulled(p.value, k), k));
      commit(lin(x.value, pulled(half, k), k));
    },
  inpo:
    ({ x, p, pulled, lin, commit }) =>
    (k) =>
      commit(lin(x.value, pulled(p.value, k), k)),
  mnpo: ({ x, p, opts, onDispose, etaWin, commit }) => {
    const lambda = opts.weights ?? [1];
    // The last n − 1 iterates (x_j) and their η·g(π_j): one new query per step.
    const history: { x: tf.Tensor; eg: tf.Tensor }[] = [];
    onDispose(() => {
      for (const h of history) {
        h.x.dispose();
        h.eg.dispose();
      }
    });
    return (k) => {
      history.unshift({ x: tf.keep(x.value.clone()), eg: tf.keep(etaWin(p.value, k)) });
      if (history.length > lambda.length) {
        const old = history.pop()!;
        old.x.dispose();
        old.eg.dispose();
      }
      const total = history.reduce((s, _, j) => s + lambda[j]!, 0);
      let acc: tf.Tensor = k.pull;
      history.forEach((h, j) => {
        acc = tf.add(acc, tf.mul(lambda[j]! / total, tf.add(tf.mul(h.x, k.keep), h.eg)));
      });
      commit(acc);
    };
  },
  'nash-md':
    ({ x, pulled, lin, commit }) =>
    (k) => {
      const mixture = tf.softmax(tf.add(tf.mul(x.value, k.mixKeep), k.mixPull));
      commit(lin(x.value, pulled(mixture, k), k));
    },
  // SPPO ignores β and μ: the query alone, no pull.
  sppo:
    ({ x, p, etaWin, commit }) =>
    (k) =>
      commit(tf.add(x.value, etaWin(p.value, k))),
  onpo: ({ x, p, slot, pulled, lin, commit }) => {
    const aux = slot(x.value.clone());
    return (k) => {
      const egp = pulled(p.value, k);
      const a = lin(aux.value, egp, k);
      aux.set(tf.sub(a, tf.max(a, 1, true)));
      commit(lin(aux.value, egp, k));
    };
  },
  mmd: proximal,
  'fictitious-play': ({ c, x, p, onDispose, win }) => {
    const positive = tf.keep(tf.greater(c.beta, 0));
    const safeBeta = tf.keep(tf.where(positive, c.beta, tf.onesLike(c.beta)));
    const K = c.PT.shape[0]!;
    onDispose(() => {
      positive.dispose();
      safeBeta.dispose();
    });
    return (_k, t) => {
      const g = win(p.value);
      const logit = tf.softmax(tf.add(c.logMu, tf.div(g, safeBeta)));
      const best = tf.cast(tf.oneHot(tf.argMax(g, 1), K), 'float32');
      const br = tf.where(tf.tile(positive, [1, K]), logit, best);
      const next = tf.add(tf.mul(p.value, (t + 1) / (t + 2)), tf.mul(br, 1 / (t + 2)));
      p.set(next);
      x.set(tf.log(next));
    };
  },
  replicator:
    ({ c, x, win, commit }) =>
    (k) => {
      const h = k.eta;
      const f = (v: tf.Tensor): tf.Tensor =>
        tf.sub(win(tf.softmax(v)), tf.mul(c.beta, tf.sub(v, c.logMu)));
      const y = x.value;
      const k1 = f(y);
      const k2 = f(tf.add(y, tf.mul(tf.div(h, 2), k1)));
      const k3 = f(tf.add(y, tf.mul(tf.div(h, 2), k2)));
      const k4 = f(tf.add(y, tf.mul(h, k3)));
      const sum = tf.add(tf.add(k1, tf.mul(2, k2)), tf.add(tf.mul(2, k3), k4));
      commit(tf.add(y, tf.mul(tf.div(h, 6), sum)));
    },
  'rm-plus': ({ c, opts, x, p, slot, onDispose, win }) => {
    const start = tf.keep(opts.start.clone());
    const Q = slot(tf.zerosLike(opts.start));
    onDispose(() => start.dispose());
    const K = c.PT.shape[0]!;
    return () => {
      const g = win(p.value);
      const v = tf.sum(tf.mul(p.value, g), 1, true);
      Q.set(tf.relu(tf.add(Q.value, tf.sub(g, v))));
      const total = tf.sum(Q.value, 1, true);
      const next = tf.where(
        tf.tile(tf.greater(total, 0), [1, K]),
        tf.div(Q.value, tf.maximum(total, 1e-30)),
        start,
      );
      p.set(next);
      x.set(tf.log(next));
    };
  },
  mpo: proximal,
  'online-ipo':
    ({ p, pulled, pg, commit }) =>
    (k) =>
      commit(pg(pulled(p.value, k), k)),
  'nash-md-pg':
    ({ x, pulled, pg, commit }) =>
    (k) => {
      const mixture = tf.softmax(tf.add(tf.mul(x.value, k.mixKeep), k.mixPull));
      commit(pg(pulled(mixture, k), k));
    },
} satisfies Record<SolverId, TfjsKernel>;

export function createGroup(solver: SolverId, c: GroupTensors, opts: GroupOptions): GroupState {
  const first = normalize(tf.log(opts.start));
  const x = new Slot(first.x);
  const p = new Slot(first.p);
  const extra: Slot[] = [];
  const cleanups: (() => void)[] = [];
  const sampler = opts.sampler;
  const win = (probs: tf.Tensor): tf.Tensor => (sampler ? sampler(probs) : tf.matMul(probs, c.PT));
  const etaWin = (probs: tf.Tensor, k: StepCoefficients): tf.Tensor =>
    k.etaPT && !sampler ? tf.matMul(probs, k.etaPT) : tf.mul(win(probs), k.eta);
  let steps = 0;
  const kit: GroupKit = {
    c,
    opts,
    x,
    p,
    slot(initial) {
      const s = new Slot(initial);
      extra.push(s);
      return s;
    },
    onDispose(cleanup) {
      cleanups.push(cleanup);
    },
    win,
    etaWin,
    pulled: (probs, k) =>
      k.etaPTpull && !sampler ? tf.matMul(probs, k.etaPTpull) : tf.add(etaWin(probs, k), k.pull),
    lin: (la, egp, k) => tf.add(tf.mul(la, k.keep), egp),
    prox: (la, egp, k) => tf.mul(tf.add(la, egp), k.shrink),
    pg(egp, k) {
      const ew = tf.sub(egp, tf.mul(tf.sub(1, k.keep), tf.logSoftmax(x.value)));
      const v = tf.sum(tf.mul(p.value, ew), 1, true);
      return tf.add(x.value, tf.mul(p.value, tf.sub(ew, v)));
    },
    commit(y) {
      p.set(tf.softmax(y));
      x.set(++steps % RECENTER_EVERY === 0 ? tf.sub(y, tf.max(y, 1, true)) : y);
    },
  };
  const step = TFJS_KERNELS[solver](kit);
  return {
    get x() {
      return x.value;
    },
    get p() {
      return p.value;
    },
    step,
    dispose() {
      x.value.dispose();
      p.value.dispose();
      for (const s of extra) s.value.dispose();
      for (const f of cleanups) f();
    },
  };
}
