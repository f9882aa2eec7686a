import { capped, etaParam, refreshParam } from './common';
import { linearized } from './kernels';
import type { SolverDefinition } from './types';

export const egpo: SolverDefinition = {
  id: 'egpo',
  name: 'EGPO',
  paper: {
    title:
      'Extragradient Preference Optimization (EGPO): Beyond Last-Iterate Convergence for Nash Learning from Human Feedback',
    authors: 'Zhou, Fazel, Du',
    year: 2025,
    arxiv: '2503.08942',
    url: 'https://arxiv.org/abs/2503.08942',
  },
  description:
    'Extragradient: a linearized half-step, then a linearized step from π_t using the half-step’s win rates.',
  update: 'π_{t+½} = L(π_t; Pπ_t), π_{t+1} = L(π_t; Pπ_{t+½}), L = (1−ηβ) log π + ηβ log μ + ηg',
  color: '#D55E00',
  dash: '',
  seedPaper: true,
  parameters: [
    etaParam('Forward step; needs ηβ ≤ 1. Default 1/(1+β).', (beta) =>
      capped(1 / (1 + beta), beta),
    ),
    refreshParam(0, 0),
  ],
  queriesPerStep: 2,
  maxEtaBeta: 1,
  averaging: 'uniform',
  theory: {
    quantity: 'klToNE',
    contraction: true,
    formula: '(1−ηβ)^t·KL₀ for η ≤ 1/(1+β)',
    bound: (t, { beta, eta, kl0 }) =>
      eta !== null && beta > 0 && eta <= 1 / (1 + beta) ? kl0 * Math.pow(1 - eta * beta, t) : null,
  },
  create(ctx, logStart) {
    const { K } = ctx.game;
    const lmu = ctx.magnet;
    const beta = ctx.params.beta;
    const x = Float64Array.from(logStart);
    const pi = x.map(Math.exp);
    const half = new Float64Array(K);
    const halfPi = new Float64Array(K);
    const g = new Float64Array(K);
    return {
      logPi: x,
      pi,
      step(t) {
        const eta = ctx.etaAt(t);
        linearized(half, x, lmu, ctx.query(pi, g), eta, beta, halfPi);
        linearized(x, x, lmu, ctx.query(halfPi, g), eta, beta, pi);
      },
    };
  },
};
