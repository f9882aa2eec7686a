import { dot } from '../numeric';
import type { SolverDefinition } from './types';

export const rmPlus: SolverDefinition = {
  id: 'rm-plus',
  name: 'Regret matching+',
  paper: {
    title: 'Solving Large Imperfect Information Games Using CFR+',
    authors: 'Tammelin',
    year: 2014,
    arxiv: '1407.5042',
    url: 'https://arxiv.org/abs/1407.5042',
  },
  description:
    'Plays in proportion to clipped cumulative regrets; its linearly weighted average converges.',
  update: 'Q ← max(Q + Pπ − (πᵀPπ)·1, 0), π = Q/ΣQ (π₀ while Q = 0)',
  color: '#116666',
  dash: '2 2',
  seedPaper: false,
  parameters: [],
  queriesPerStep: 1,
  averaging: 'linear',
  create(ctx, logStart) {
    const { K } = ctx.game;
    const x = Float64Array.from(logStart);
    const start = logStart.map(Math.exp);
    const Q = new Float64Array(K);
    const pi = Float64Array.from(start);
    const g = new Float64Array(K);
    return {
      // log π may be −∞ here: RM+ plays exactly zero on actions without positive regret.
      logPi: x,
      pi,
      step() {
        ctx.query(pi, g);
        const v = dot(pi, g);
        let total = 0;
        for (let i = 0; i < K; i++) {
          const q = Q[i]! + g[i]! - v;
          Q[i] = q > 0 ? q : 0;
          total += Q[i]!;
        }
        if (total > 0) for (let i = 0; i < K; i++) pi[i] = Q[i]! / total;
        else pi.set(start);
        for (let i = 0; i < K; i++) x[i] = Math.log(pi[i]!);
      },
    };
  },
};
