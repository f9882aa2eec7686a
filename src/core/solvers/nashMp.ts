import { gradientScratch, proximal, proximalByGradient } from './kernels';
import { etaParam, INNER_MAX, INNER_STEP_MAX, innerStepDefault, refreshParam } from './common';
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
  parameters: [
    etaParam('Forward step; η = 2 matches L = ½.', () => 2),
    {
      id: 'inner',
      kind: 'integer',
      label: 'inner steps m',
      description:
        'Approximate Nash-MP: each proximal step by m policy-gradient steps on the proximal objective (0 = exact step).',
      min: 0,
      max: INNER_MAX,
      default: 0,
    },
    {
      id: 'innerStep',
      kind: 'number',
      label: 'inner step α',
      description:
        'Step of the inner policy gradient (used when m ≥ 1); stable while α(1 + ηβ) ≲ 4. Default 1 (3/(1+2β) when β > 1).',
      min: 0,
      max: INNER_STEP_MAX,
      default: innerStepDefault,
    },
    refreshParam(0, 0),
  ],
  queriesPerStep: 2,
  averaging: 'uniform',
  theory: {
    quantity: 'klToNE',
    contraction: true,
    formula: '(1+2β)^(−k)·KL₀ (η = 2)',
    bound: (t, { beta, eta, kl0 }) =>
      eta === 2 && beta > 0 ? kl0 * Math.pow(1 + 2 * beta, -t) : null,
  },
  create(ctx, logStart) {
    const { K } = ctx.game;
    const lmu = ctx.magnet;
    const beta = ctx.params.beta;
    const x = Float64Array.from(logStart);
    const pi = x.map(Math.exp);
    const half = new Float64Array(K);
    const halfPi = new Float64Array(K);
    const g = new Float64Array(K);
    const inner = ctx.params.inner ?? 0;
    const alpha = ctx.params.innerStep ?? innerStepDefault(beta);
    if (inner > 0) {
      const scratch = gradientScratch(K);
      return {
        logPi: x,
        pi,
        step(t) {
          const eta = ctx.etaAt(t);
          const q = ctx.query(pi, g);
          proximalByGradient(half, x, lmu, q, eta, beta, inner, alpha, scratch, halfPi);
          const q2 = ctx.query(halfPi, g);
          proximalByGradient(x, x, lmu, q2, eta, beta, inner, alpha, scratch, pi);
        },
      };
    }
    return {
      logPi: x,
      pi,
      step(t) {
        const eta = ctx.etaAt(t);
        proximal(half, x, lmu, ctx.query(pi, g), eta, beta, halfPi);
        proximal(x, x, lmu, ctx.query(halfPi, g), eta, beta, pi);
      },
    };
  },
};
