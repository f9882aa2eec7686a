import { capped, etaParam, refreshParam } from './common';
import { linearized } from './kernels';
import type { SolverDefinition } from './types';

export const onpo: SolverDefinition = {
  id: 'onpo',
  name: 'ONPO / OMWU',
  paper: {
    title: 'Improving LLM General Preference Alignment via Optimistic Online Mirror Descent',
    authors: 'Zhang et al.',
    year: 2025,
    arxiv: '2502.16852',
    url: 'https://arxiv.org/abs/2502.16852',
  },
  description:
    'Optimistic multiplicative weights: the last win rates serve as a prediction of the next.',
  update:
    "log π'_{t+1} = L(π'_t; Pπ_t); log π_{t+1} = L(π'_{t+1}; Pπ_t), L = (1−ηβ) log π + ηβ log μ + ηg",
  color: '#777744',
  dash: '7 3',
  seedPaper: false,
  parameters: [
    etaParam('Forward step; needs ηβ ≤ 1 (the theorem asks η ≤ 1/8). Default 0.5.', (beta) =>
      capped(0.5, beta),
    ),
    refreshParam(0, 0),
  ],
  queriesPerStep: 1,
  maxEtaBeta: 1,
  averaging: 'uniform',
  create(ctx, logStart) {
    const { K } = ctx.game;
    const lmu = ctx.magnet;
    const beta = ctx.params.beta;
    const x = Float64Array.from(logStart);
    const aux = Float64Array.from(logStart);
    const pi = x.map(Math.exp);
    const g = new Float64Array(K);
    return {
      logPi: x,
      pi,
      step(t) {
        const eta = ctx.etaAt(t);
        ctx.query(pi, g);
        linearized(aux, aux, lmu, g, eta, beta);
        linearized(x, aux, lmu, g, eta, beta, pi);
      },
    };
  },
};
