import { matVec } from '../numeric';
import { proximal } from './kernels';
import { etaParam } from './common';
import type { SolverDefinition } from './types';

export const nashMp: SolverDefinition = {
  id: 'nash-mp',
  name: 'Nash-MP',
  paper: {
    title: 'Accelerating Nash Learning from Human Feedback via Mirror Prox',
    authors: 'Tiapkin et al.',
    year: 2025,
    arxiv: '2505.19731v1',
    url: 'https://arxiv.org/abs/2505.19731v1',
  },
  description:
    'Mirror Prox: a proximal half-step to π_{k+½}, then a proximal step from π_k using Pπ_{k+½}.',
  update: 'π_{k+½} = X(π_k; Pπ_k), π_{k+1} = X(π_k; Pπ_{k+½}), X = [log π + ηβ log μ + ηg]/(1+ηβ)',
  color: '#0072B2',
  dash: '',
  seedPaper: true,
  parameters: [etaParam('Forward step; η = 2 matches L = ½.', () => 2)],
  queriesPerStep: 2,
  averaging: 'uniform',
  theory: {
    quantity: 'klToNE',
    formula: '(1+2β)^(−k)·KL₀ (η = 2)',
    bound: (t, { beta, eta, kl0 }) =>
      eta === 2 && beta > 0 ? kl0 * Math.pow(1 + 2 * beta, -t) : null,
  },
  create(ctx, logStart) {
    const { P, logReference: lmu, K } = ctx.game;
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
        proximal(half, x, lmu, matVec(P, pi, K, g), eta, beta, halfPi);
        proximal(x, x, lmu, matVec(P, halfPi, K, g), eta, beta, pi);
      },
    };
  },
};
