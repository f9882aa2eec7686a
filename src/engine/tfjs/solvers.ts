/**
 * The eleven updates as per-step tfjs ops on a group of members that share a solver: state
 * [B, K] in log space, one preference query = one matMul with Pᵀ. Runs on any tfjs backend.
 * Each `step` is called inside tf.tidy by the engine; tensors that outlive a step are kept
 * explicitly and disposed by `dispose()`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { SolverId } from '../../core/solvers';

export interface GroupTensors {
  /** Pᵀ, [K, K]: g(π) for a batch of row policies is π·Pᵀ. */
  PT: tf.Tensor;
  /** log μ, [1, K]. */
  logMu: tf.Tensor;
  /** β per member, [B, 1]. */
  beta: tf.Tensor;
}

export interface GroupState {
  /** log π_t, [B, K] (RM+: may hold −∞). */
  readonly logPi: tf.Tensor;
  /** One iteration with step sizes η_t ([B, 1]) at iteration t. */
  step(eta: tf.Tensor, t: number): void;
  dispose(): void;
}

const win = (x: tf.Tensor, PT: tf.Tensor): tf.Tensor => tf.matMul(tf.exp(x), PT);

function linearized(la: tf.Tensor, g: tf.Tensor, eta: tf.Tensor, c: GroupTensors): tf.Tensor {
  const m = tf.mul(eta, c.beta);
  return tf.logSoftmax(
    tf.add(tf.add(tf.mul(tf.sub(1, m), la), tf.mul(m, c.logMu)), tf.mul(eta, g)),
  );
}

function proximal(la: tf.Tensor, g: tf.Tensor, eta: tf.Tensor, c: GroupTensors): tf.Tensor {
  const m = tf.mul(eta, c.beta);
  return tf.logSoftmax(
    tf.div(tf.add(tf.add(la, tf.mul(m, c.logMu)), tf.mul(eta, g)), tf.add(1, m)),
  );
}

/** Holds tensors across steps: `set` keeps the new one and disposes the old. */
class Slot {
  constructor(public value: tf.Tensor) {
    tf.keep(value);
  }
  set(next: tf.Tensor): void {
    tf.keep(next);
    if (next !== this.value) this.value.dispose();
    this.value = next;
  }
}

export interface GroupOptions {
  start: tf.Tensor;
  /** mnpo: opponent weights λ (newest first), length n − 1. */
  weights?: number[];
}

export function createGroup(solver: SolverId, c: GroupTensors, opts: GroupOptions): GroupState {
  const x = new Slot(tf.logSoftmax(tf.log(opts.start)));
  const extra: Slot[] = [];
  // Built explicitly (not by spreading): a spread would freeze the logPi getter's current value.
  const make = (step: GroupState['step'], cleanup: () => void = () => {}): GroupState => ({
    get logPi() {
      return x.value;
    },
    step,
    dispose() {
      x.value.dispose();
      for (const s of extra) s.value.dispose();
      cleanup();
    },
  });
  const single = (update: (x: tf.Tensor, eta: tf.Tensor, t: number) => tf.Tensor): GroupState =>
    make((eta, t) => x.set(update(x.value, eta, t)));

  switch (solver) {
    case 'nash-mp':
      return single((v, eta) => proximal(v, win(proximal(v, win(v, c.PT), eta, c), c.PT), eta, c));
    case 'egpo':
      return single((v, eta) =>
        linearized(v, win(linearized(v, win(v, c.PT), eta, c), c.PT), eta, c),
      );
    case 'inpo':
      return single((v, eta) => linearized(v, win(v, c.PT), eta, c));
    case 'mmd':
      return single((v, eta) => proximal(v, win(v, c.PT), eta, c));
    case 'sppo':
      return single((v, eta) => tf.logSoftmax(tf.add(v, tf.mul(eta, win(v, c.PT)))));
    case 'nash-md':
      return single((v, eta) => {
        const m = tf.mul(eta, c.beta);
        const mixture = tf.logSoftmax(tf.add(tf.mul(tf.sub(1, m), v), tf.mul(m, c.logMu)));
        return linearized(v, win(mixture, c.PT), eta, c);
      });
    case 'onpo': {
      const aux = new Slot(x.value.clone());
      extra.push(aux);
      return make((eta) => {
        const g = win(x.value, c.PT);
        aux.set(linearized(aux.value, g, eta, c));
        x.set(linearized(aux.value, g, eta, c));
      });
    }
    case 'mnpo': {
      const lambda = opts.weights ?? [1];
      const history: { log: tf.Tensor; g: tf.Tensor }[] = [];
      return make(
        (eta) => {
          const entry = { log: tf.keep(x.value.clone()), g: tf.keep(win(x.value, c.PT)) };
          history.unshift(entry);
          if (history.length > lambda.length) {
            const old = history.pop()!;
            old.log.dispose();
            old.g.dispose();
          }
          const total = history.reduce((s, _, j) => s + lambda[j]!, 0);
          const m = tf.mul(eta, c.beta);
          let acc: tf.Tensor = tf.mul(m, c.logMu);
          history.forEach((h, j) => {
            const w = lambda[j]! / total;
            acc = tf.add(acc, tf.mul(w, tf.add(tf.mul(tf.sub(1, m), h.log), tf.mul(eta, h.g))));
          });
          x.set(tf.logSoftmax(acc));
        },
        () => {
          for (const h of history) {
            h.log.dispose();
            h.g.dispose();
          }
        },
      );
    }
    case 'fictitious-play': {
      const positive = tf.keep(tf.greater(c.beta, 0));
      const safeBeta = tf.keep(tf.where(positive, c.beta, tf.onesLike(c.beta)));
      const K = c.PT.shape[0];
      return make(
        (_eta, t) => {
          const g = win(x.value, c.PT);
          const logit = tf.softmax(tf.add(c.logMu, tf.div(g, safeBeta)));
          const best = tf.cast(tf.oneHot(tf.argMax(g, 1), K), 'float32');
          const br = tf.where(tf.tile(positive, [1, K]), logit, best);
          const xbar = tf.add(tf.mul((t + 1) / (t + 2), tf.exp(x.value)), tf.mul(1 / (t + 2), br));
          x.set(tf.logSoftmax(tf.log(xbar)));
        },
        () => {
          positive.dispose();
          safeBeta.dispose();
        },
      );
    }
    case 'replicator':
      return single((y, h) => {
        const f = (v: tf.Tensor): tf.Tensor =>
          tf.sub(tf.matMul(tf.softmax(v), c.PT), tf.mul(c.beta, tf.sub(v, c.logMu)));
        const k1 = f(y);
        const k2 = f(tf.add(y, tf.mul(tf.div(h, 2), k1)));
        const k3 = f(tf.add(y, tf.mul(tf.div(h, 2), k2)));
        const k4 = f(tf.add(y, tf.mul(h, k3)));
        const sum = tf.add(tf.add(k1, tf.mul(2, k2)), tf.add(tf.mul(2, k3), k4));
        return tf.logSoftmax(tf.add(y, tf.mul(tf.div(h, 6), sum)));
      });
    case 'rm-plus': {
      const start = tf.keep(opts.start.clone());
      const Q = new Slot(tf.zerosLike(opts.start));
      const pi = new Slot(opts.start.clone());
      extra.push(Q, pi);
      return make(
        () => {
          const g = tf.matMul(pi.value, c.PT);
          const v = tf.sum(tf.mul(pi.value, g), 1, true);
          Q.set(tf.relu(tf.add(Q.value, tf.sub(g, v))));
          const total = tf.sum(Q.value, 1, true);
          const K = c.PT.shape[0];
          pi.set(
            tf.where(
              tf.tile(tf.greater(total, 0), [1, K]),
              tf.div(Q.value, tf.maximum(total, 1e-30)),
              start,
            ),
          );
          x.set(tf.log(pi.value));
        },
        () => start.dispose(),
      );
    }
  }
}
