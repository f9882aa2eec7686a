import { ETA_MAX, etaParam, refreshParam } from './common';
import { proximal } from './kernels';
import { againstSelf } from './steps';
import type { SolverDefinition } from './types';

export const mmd: SolverDefinition = {
  id: 'mmd',
  name: 'MMD',
  paper: {
    title:
      'A Unified Approach to Reinforcement Learning, Quantal Response Equilibria, and Two-Player Zero-Sum Games',
    authors: 'Sokota et al.',
    year: 2023,
    arxiv: '2206.05825',
    url: 'https://arxiv.org/abs/2206.05825',
  },
  description:
    'Magnetic mirror descent: one proximal step per iteration, pulled towards the magnet μ.',
  update: 'log π_{t+1} = [log π_t + ηβ log μ + η Pπ_t]/(1+ηβ) − log Z',
  color: '#000000',
  dash: '7 3',
  seedPaper: false,
  parameters: [
    etaParam('Forward step. Default 4β (0.1 when β = 0).', (beta) =>
      beta > 0 ? Math.min(4 * beta, ETA_MAX) : 0.1,
    ),
    refreshParam(0, 0),
  ],
  queriesPerStep: 1,
  averaging: 'uniform',
  theory: {
    quantity: 'klToNE',
    contraction: true,
    formula: '(1+ηβ)^(−t)·KL₀ for η ≤ 4β',
    bound: (t, { beta, eta, kl0 }) =>
      eta !== null && beta > 0 && eta <= 4 * beta ? kl0 * Math.pow(1 + eta * beta, -t) : null,
  },
  create: againstSelf((x, pi, g, eta, ctx) =>
    proximal(x, x, ctx.magnet, g, eta, ctx.params.beta, pi),
  ),
};
