import { capped, etaParam, mixParam, scheduleParam, refreshParam } from './common';
import { linearized } from './kernels';
import { againstMixture } from './steps';
import type { SolverDefinition } from './types';

export const nashMd: SolverDefinition = {
  id: 'nash-md',
  name: 'Nash-MD',
  paper: {
    title: 'Nash Learning from Human Feedback',
    authors: 'Munos et al.',
    year: 2023,
    arxiv: '2312.00886',
    url: 'https://arxiv.org/abs/2312.00886',
  },
  description:
    'Mirror descent against a geometric mixture of the current policy and μ; biased with a constant η.',
  update:
    'log π^μ_t = (1−m) log π_t + m log μ − log Z (m = ηβ unless set); log π_{t+1} = (1−ηβ) log π_t + ηβ log μ + η Pπ^μ_t − log Z',
  color: '#BB9955',
  dash: '7 3',
  seedPaper: false,
  parameters: [
    scheduleParam,
    etaParam('Constant step (schedule constant); needs ηβ ≤ 1. Default 0.1.', (beta) =>
      capped(0.1, beta),
    ),
    mixParam,
    refreshParam(0, 0),
  ],
  queriesPerStep: 1,
  maxEtaBeta: 1,
  averaging: 'uniform',
  theory: {
    quantity: 'klToNE',
    formula: '8/(β²(T+1)) (theory schedule)',
    bound: (t, { beta, eta }) => (eta === null && beta > 0 ? 8 / (beta * beta * (t + 1)) : null),
  },
  create: againstMixture((x, pi, lmu, g, eta, beta) => linearized(x, x, lmu, g, eta, beta, pi)),
};
