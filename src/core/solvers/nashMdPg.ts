import { capped, etaParam, mixParam, refreshParam } from './common';
import { policyGradient } from './kernels';
import { againstMixture } from './steps';
import type { SolverDefinition } from './types';

/**
 * EGPO's code, `nash_md_pg`: REINFORCE on −Σ_y π(y)(P(y ≻ π^μ) − β log π/μ(y))·log π_θ(y), the
 * opponent being Nash-MD's geometric mixture π^μ ∝ π^(1−m) μ^m; one SGD step of size lr, so η = lr.
 * The mixture weight is m = ηβ by default (Nash-MD's rule); `mix` 2·lr/K is the code's (algorithms.md).
 */
export const nashMdPg: SolverDefinition = {
  id: 'nash-md-pg',
  name: 'Nash-MD-PG',
  paper: {
    title: 'EGPO code (zhourunlong/EGPO): Nash-MD-PG, after Munos et al. 2023',
    authors: 'Zhou, Fazel, Du',
    year: 2025,
    arxiv: '2503.08942',
    url: 'https://github.com/zhourunlong/EGPO',
  },
  description:
    'Nash-MD’s policy-gradient form as in the EGPO code: a π-weighted step on the logits against the mixture of π and μ.',
  update:
    'log π^μ_t = (1−m) log π_t + m log μ − log Z (m = ηβ unless set); log π_{t+1} = log π_t + η π_t ⊙ (w − ⟨π_t, w⟩) − log Z, w = Pπ^μ_t − β(log π_t − log μ)',
  color: '#224411',
  dash: '8 3 2 3',
  seedPaper: false,
  parameters: [
    etaParam('Step on the logits (the code’s lr); needs ηβ ≤ 1. Default 0.5.', (beta) =>
      capped(0.5, beta),
    ),
    mixParam,
    refreshParam(0, 0),
  ],
  queriesPerStep: 1,
  maxEtaBeta: 1,
  averaging: 'uniform',
  create: againstMixture((x, pi, lmu, g, eta, beta) =>
    policyGradient(x, x, pi, lmu, g, eta, beta, pi),
  ),
};
