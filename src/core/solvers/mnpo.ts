import { normalizeLogInPlace } from '../numeric';
import { capped, etaParam, refreshParam } from './common';
import type { SolverDefinition } from './types';

export const MAX_PLAYERS = 16;

export const mnpo: SolverDefinition = {
  id: 'mnpo',
  name: 'MNPO',
  paper: {
    title: 'Multiplayer Nash Preference Optimization',
    authors: 'Wu et al.',
    year: 2025,
    arxiv: '2509.23102',
    url: 'https://arxiv.org/abs/2509.23102',
  },
  description:
    'Plays against a weighted mixture of its last n − 1 iterates (n players); n = 2, β = 0 is SPPO.',
  update: 'log π_{t+1} = ηβ log μ + (1−ηβ) Σ_j λ_j log π_{t−j} + η Σ_j λ_j Pπ_{t−j} − log Z',
  color: '#CC79A7',
  dash: '',
  seedPaper: true,
  parameters: [
    etaParam('Forward step; needs ηβ ≤ 1. Default 1 (1/β when β > 1).', (beta) => capped(1, beta)),
    {
      id: 'players',
      kind: 'integer',
      label: 'players n',
      description: 'n players: the last n − 1 iterates are the opponents (fewer at the start).',
      min: 2,
      max: MAX_PLAYERS,
      default: 3,
    },
    {
      id: 'weights',
      kind: 'weights',
      label: 'weights λ',
      description: 'n − 1 positive opponent weights, newest first, normalized; uniform by default.',
    },
    refreshParam(0, 0),
  ],
  queriesPerStep: 1,
  maxEtaBeta: 1,
  averaging: 'uniform',
  create(ctx, logStart) {
    const { K } = ctx.game;
    const lmu = ctx.magnet;
    const { beta } = ctx.params;
    const opponents = (ctx.params.players ?? 3) - 1;
    const lambda = ctx.params.weights ?? new Array<number>(opponents).fill(1 / opponents);
    // Ring buffers of the last n − 1 iterates and their cached win rates (one new query per step).
    const logs = Array.from({ length: opponents }, () => new Float64Array(K));
    const wins = Array.from({ length: opponents }, () => new Float64Array(K));
    const x = Float64Array.from(logStart);
    const pi = x.map(Math.exp);
    let stored = 0;
    let newest = -1;
    return {
      logPi: x,
      pi,
      step(t) {
        const eta = ctx.etaAt(t);
        newest = (newest + 1) % opponents;
        logs[newest]!.set(x);
        ctx.query(pi, wins[newest]!);
        stored = Math.min(stored + 1, opponents);
        let total = 0;
        for (let j = 0; j < stored; j++) total += lambda[j]!;
        const m = eta * beta;
        x.fill(0);
        for (let j = 0; j < stored; j++) {
          const slot = (newest - j + opponents) % opponents;
          const w = lambda[j]! / total;
          const lj = logs[slot]!;
          const gj = wins[slot]!;
          for (let i = 0; i < K; i++) x[i] = x[i]! + w * ((1 - m) * lj[i]! + eta * gj[i]!);
        }
        for (let i = 0; i < K; i++) x[i] = x[i]! + m * lmu[i]!;
        normalizeLogInPlace(x, pi);
      },
    };
  },
};
