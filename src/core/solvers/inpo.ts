import { capped, etaParam, scheduleParam, refreshParam } from './common';
import { linearized } from './kernels';
import { againstSelf } from './steps';
import type { SolverDefinition } from './types';

export const inpo: SolverDefinition = {
  id: 'inpo',
  name: 'INPO',
  paper: {
    title:
      'Iterative Nash Policy Optimization: Aligning LLMs with General Preferences via No-Regret Learning',
    authors: 'Zhang et al.',
    year: 2024,
    arxiv: '2407.00617',
    url: 'https://arxiv.org/abs/2407.00617',
  },
  description:
    'Online mirror descent on the regularized game: one linearized step per iteration (η here is 1/η of the paper).',
  update: 'log π_{t+1} = (1−ηβ) log π_t + ηβ log μ + η Pπ_t − log Z',
  color: '#009E73',
  dash: '',
  seedPaper: true,
  parameters: [
    scheduleParam,
    etaParam('Constant step (schedule constant); needs ηβ ≤ 1. Default 0.1.', (beta) =>
      capped(0.1, beta),
    ),
    refreshParam(0, 0),
  ],
  queriesPerStep: 1,
  maxEtaBeta: 1,
  averaging: 'uniform',
  theory: {
    quantity: 'klToNE',
    formula:
      '32C²/(β²(T+1)), C = max(Bβ, 1), B bounding |log π_t/μ| (Assumption A); drawn with B = 1; theory schedule',
    bound: (t, { beta, eta }) => {
      if (eta !== null || beta <= 0) return null;
      const C = Math.max(beta, 1);
      return (32 * C * C) / (beta * beta * (t + 1));
    },
  },
  create: againstSelf((x, pi, g, eta, ctx) =>
    linearized(x, x, ctx.magnet, g, eta, ctx.params.beta, pi),
  ),
};
