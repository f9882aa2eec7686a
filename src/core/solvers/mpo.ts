import { etaParam, magnetParam, refreshParam } from './common';
import { proximal } from './kernels';
import { againstSelf } from './steps';
import type { SolverDefinition } from './types';

export const mpo: SolverDefinition = {
  id: 'mpo',
  name: 'MPO',
  paper: {
    title:
      'Magnetic Preference Optimization: Achieving Last-iterate Convergence for Language Model Alignment',
    authors: 'Wang et al.',
    year: 2024,
    arxiv: '2410.16714',
    url: 'https://arxiv.org/abs/2410.16714',
  },
  description:
    'Magnetic mirror descent whose magnet is refreshed to the current policy every R iterations: reaches the unregularized equilibrium.',
  update:
    'log π_{t+1} = [log π_t + ηβ_m log ν + η Pπ_t]/(1+ηβ_m) − log Z; ν ← π_t before t = R, 2R, … (ν₀ = μ)',
  color: '#223399',
  dash: '8 3 2 3',
  seedPaper: false,
  parameters: [etaParam('Forward step. Default 1.', () => 1), magnetParam, refreshParam(1, 100)],
  queriesPerStep: 1,
  averaging: 'uniform',
  // The magnet ν is ctx.magnet: the run refreshes it in place every R iterations.
  create: againstSelf((x, pi, g, eta, ctx) =>
    proximal(x, x, ctx.magnet, g, eta, ctx.params.magnet ?? 0.1, pi),
  ),
};
