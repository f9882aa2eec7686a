import { normalizeLogInPlace } from '../numeric';
import { capped, etaParam, refreshParam } from './common';
import { policyGradient } from './kernels';
import type { SolverDefinition } from './types';

/**
 * EGPO's code, `nash_md_pg`: REINFORCE on −Σ_y π(y)(P(y ≻ π^μ) − β log π/μ(y))·log π_θ(y), the
 * opponent being Nash-MD's geometric mixture π^μ ∝ π^(1−m) μ^m; one SGD step of size lr, so η = lr.
 * The mixture weight is m = ηβ here (Nash-MD's rule); the code uses 2·lr/K (algorithms.md).
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
    'log π^μ_t = (1−ηβ) log π_t + ηβ log μ − log Z; log π_{t+1} = log π_t + η π_t ⊙ (w − ⟨π_t, w⟩) − log Z, w = Pπ^μ_t − β(log π_t − log μ)',
  color: '#224411',
  dash: '8 3 2 3',
  seedPaper: false,
  parameters: [
    etaParam('Step on the logits (the code’s lr); needs ηβ ≤ 1. Default 0.5.', (beta) =>
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
    const pi = x.map(Math.exp);
    const mixture = new Float64Array(K);
    const mixturePi = new Float64Array(K);
    const g = new Float64Array(K);
    return {
      logPi: x,
      pi,
      step(t) {
        const eta = ctx.etaAt(t);
        const m = eta * beta;
        for (let i = 0; i < K; i++) mixture[i] = (1 - m) * x[i]! + m * lmu[i]!;
        normalizeLogInPlace(mixture, mixturePi);
        policyGradient(x, x, pi, lmu, ctx.query(mixturePi, g), eta, beta, pi);
      },
    };
  },
};
