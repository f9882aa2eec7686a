import { etaParam } from './common';
import { linearized } from './kernels';
import type { SolverDefinition } from './types';

export const sppo: SolverDefinition = {
  id: 'sppo',
  name: 'SPPO / MWU',
  paper: {
    title: 'Self-Play Preference Optimization for Language Model Alignment',
    authors: 'Wu et al.',
    year: 2024,
    arxiv: '2405.00675',
    url: 'https://arxiv.org/abs/2405.00675',
  },
  description:
    'Multiplicative weights on the win rates; ignores β and μ, so only its average converges.',
  update: 'log π_{t+1} = log π_t + η Pπ_t − log Z',
  color: '#8899FF',
  dash: '8 3 2 3',
  seedPaper: false,
  parameters: [etaParam('Forward step. Default 0.1.', () => 0.1)],
  queriesPerStep: 1,
  averaging: 'uniform',
  create(ctx, logStart) {
    const { logReference: lmu, K } = ctx.game;
    const x = Float64Array.from(logStart);
    const pi = x.map(Math.exp);
    const g = new Float64Array(K);
    return {
      logPi: x,
      pi,
      // β = 0 in the linearized template is exactly MWU: the game's β is ignored on purpose.
      step(t) {
        linearized(x, x, lmu, ctx.query(pi, g), ctx.etaAt(t), 0, pi);
      },
    };
  },
};
