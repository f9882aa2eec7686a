import { argMax, normalizeLogInPlace } from '../numeric';
import type { SolverDefinition } from './types';

/** log(eᵃ + eᵇ) without overflow; −∞ is a valid input. */
function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const m = Math.max(a, b);
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
}

export const fictitiousPlay: SolverDefinition = {
  id: 'fictitious-play',
  name: 'Fictitious play',
  paper: {
    title: 'Iterative solution of games by fictitious play',
    authors: 'Brown',
    year: 1951,
    url: 'https://en.wikipedia.org/wiki/Fictitious_play',
  },
  description:
    'Best-responds to the empirical average and reports that average (logit response when β > 0).',
  update: 'x̄_{t+1} = (t+1)/(t+2)·x̄_t + BR(x̄_t)/(t+2), BR = argmax Px̄ or ∝ μ·exp(Px̄/β)',
  color: '#776655',
  dash: '2 2',
  seedPaper: false,
  parameters: [],
  queriesPerStep: 1,
  averaging: 'uniform',
  create(ctx, logStart) {
    const { logReference: lmu, K } = ctx.game;
    const beta = ctx.params.beta;
    const x = Float64Array.from(logStart);
    const xbar = x.map(Math.exp);
    const g = new Float64Array(K);
    const br = new Float64Array(K);
    return {
      logPi: x,
      pi: xbar,
      step(t) {
        ctx.query(xbar, g);
        if (beta > 0) {
          for (let i = 0; i < K; i++) br[i] = lmu[i]! + g[i]! / beta;
          normalizeLogInPlace(br);
        } else {
          br.fill(-Infinity);
          br[argMax(g)] = 0;
        }
        // Mixed in log space so that small entries of x̄ keep their precision.
        const keep = Math.log((t + 1) / (t + 2));
        const add = -Math.log(t + 2);
        for (let i = 0; i < K; i++) x[i] = logAddExp(keep + x[i]!, add + br[i]!);
        normalizeLogInPlace(x, xbar);
      },
    };
  },
};
