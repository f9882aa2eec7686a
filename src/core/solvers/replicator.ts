import { normalizeLogInPlace } from '../numeric';
import { capped, etaParam, refreshParam } from './common';
import type { SolverDefinition } from './types';

/** RK4's stability interval on the negative real axis is about [−2.79, 0]: keep ηβ inside it. */
export const REPLICATOR_MAX_ETA_BETA = 2;

export const replicator: SolverDefinition = {
  id: 'replicator',
  name: 'Replicator dynamics',
  paper: {
    title: 'Evolutionarily stable strategies and game dynamics',
    authors: 'Taylor & Jonker',
    year: 1978,
    url: 'https://doi.org/10.1016/0025-5564(78)90077-9',
  },
  description:
    'The continuous-time limit of MWU, integrated with RK4; conserves KL(π*‖π) on RPS when β = 0.',
  update: 'd/dt log x = Px − β(log x − log μ), RK4 with dt = η, renormalized',
  color: '#770055',
  dash: '7 3',
  seedPaper: false,
  parameters: [
    etaParam('Time step dt; needs ηβ ≤ 2 (RK4 stability). Default 0.05.', (beta) =>
      capped(0.05, beta, REPLICATOR_MAX_ETA_BETA),
    ),
    refreshParam(0, 0),
  ],
  queriesPerStep: 4,
  maxEtaBeta: REPLICATOR_MAX_ETA_BETA,
  averaging: 'uniform',
  create(ctx, logStart) {
    const { K } = ctx.game;
    const lmu = ctx.magnet;
    const beta = ctx.params.beta;
    const y = Float64Array.from(logStart);
    const stage = new Float64Array(K);
    const probs = y.map(Math.exp);
    const pi = new Float64Array(K);
    const g = new Float64Array(K);
    const k = [
      new Float64Array(K),
      new Float64Array(K),
      new Float64Array(K),
      new Float64Array(K),
    ] as const;
    // f(y) = P·softmax(y) − β(y − log μ); constant shifts of y only shift f by a constant, which the
    // final normalization removes, so the stages need no renormalization.
    const f = (yy: Float64Array, out: Float64Array): void => {
      let max = -Infinity;
      for (let i = 0; i < K; i++) if (yy[i]! > max) max = yy[i]!;
      let s = 0;
      for (let i = 0; i < K; i++) s += pi[i] = Math.exp(yy[i]! - max);
      for (let i = 0; i < K; i++) pi[i] = pi[i]! / s;
      ctx.query(pi, g);
      for (let i = 0; i < K; i++) out[i] = g[i]! - beta * (yy[i]! - lmu[i]!);
    };
    return {
      logPi: y,
      pi: probs,
      step(t) {
        const h = ctx.etaAt(t);
        f(y, k[0]);
        for (let i = 0; i < K; i++) stage[i] = y[i]! + (h / 2) * k[0][i]!;
        f(stage, k[1]);
        for (let i = 0; i < K; i++) stage[i] = y[i]! + (h / 2) * k[1][i]!;
        f(stage, k[2]);
        for (let i = 0; i < K; i++) stage[i] = y[i]! + h * k[2][i]!;
        f(stage, k[3]);
        for (let i = 0; i < K; i++) {
          y[i] = y[i]! + (h / 6) * (k[0][i]! + 2 * k[1][i]! + 2 * k[2][i]! + k[3][i]!);
        }
        normalizeLogInPlace(y, probs);
      },
    };
  },
};
