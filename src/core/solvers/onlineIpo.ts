import { capped, etaParam, refreshParam } from './common';
import { policyGradient } from './kernels';
import { againstSelf } from './steps';
import type { SolverDefinition } from './types';

/**
 * EGPO's code, `online_ipo_2`: the IPO loss Σ_{y,y'} π(y)π(y')(h(y) − h(y') − (P(y≻y') − ½)/β)²
 * on pairs drawn from the current policy (h = log π/μ), one SGD step of size lr on the logits.
 * Its exact gradient is 4/β times a softmax policy gradient, so η = 4·lr/β (algorithms.md).
 */
export const onlineIpo: SolverDefinition = {
  id: 'online-ipo',
  name: 'Online IPO',
  paper: {
    title: 'EGPO code (zhourunlong/EGPO): Online IPO 2, after Calandriello et al. 2024',
    authors: 'Zhou, Fazel, Du',
    year: 2025,
    arxiv: '2503.08942',
    url: 'https://github.com/zhourunlong/EGPO',
  },
  description:
    'Online IPO as in the EGPO code: one policy-gradient step on the logits per query, weighted by π (self-play pairs).',
  update: 'log π_{t+1} = log π_t + η π_t ⊙ (w − ⟨π_t, w⟩) − log Z, w = Pπ_t − β(log π_t − log μ)',
  color: '#991133',
  dash: '2 2',
  seedPaper: false,
  parameters: [
    etaParam('Step on the logits (the code’s 4·lr/β); needs ηβ ≤ 1. Default 0.5.', (beta) =>
      capped(0.5, beta),
    ),
    refreshParam(0, 0),
  ],
  queriesPerStep: 1,
  maxEtaBeta: 1,
  averaging: 'uniform',
  create: againstSelf((x, pi, g, eta, ctx) =>
    policyGradient(x, x, pi, ctx.magnet, g, eta, ctx.params.beta, pi),
  ),
};
