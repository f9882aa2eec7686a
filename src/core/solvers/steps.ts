/**
 * The step shapes solver entries share: state, scratch and the query around an update kernel, so
 * an entry names only its kernel.
 */
import { normalizeLogInPlace } from '../numeric';
import type { SolverContext, SolverDefinition } from './types';

/**
 * One query per step at π_t itself: `update` moves π_t (log x and π, in place) against its own
 * win rates g = Pπ_t (INPO, MMD, MPO, Online IPO).
 */
export function againstSelf(
  update: (
    x: Float64Array,
    pi: Float64Array,
    g: Float64Array,
    eta: number,
    ctx: SolverContext,
  ) => void,
): SolverDefinition['create'] {
  return (ctx, logStart) => {
    const x = Float64Array.from(logStart);
    const pi = x.map(Math.exp);
    const g = new Float64Array(ctx.game.K);
    return {
      logPi: x,
      pi,
      step(t) {
        update(x, pi, ctx.query(pi, g), ctx.etaAt(t), ctx);
      },
    };
  };
}

/**
 * Nash-MD's step: the opponent is the geometric mixture π^μ ∝ π_t^(1−m) μ^m, m = η_t·β unless the
 * run fixes m (params.mix: the EGPO code's baselines), and `update`
 * moves π_t (log x and π, in place) against its win rates g = Pπ^μ. Nash-MD takes a mirror step,
 * the EGPO code's Nash-MD-PG a policy-gradient step.
 */
export function againstMixture(
  update: (
    x: Float64Array,
    pi: Float64Array,
    lmu: Float64Array,
    g: Float64Array,
    eta: number,
    beta: number,
  ) => void,
): SolverDefinition['create'] {
  return (ctx, logStart) => {
    const { K } = ctx.game;
    const lmu = ctx.magnet;
    const beta = ctx.params.beta;
    const fixedMix = ctx.params.mix;
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
        const m = fixedMix ?? eta * beta;
        for (let i = 0; i < K; i++) mixture[i] = (1 - m) * x[i]! + m * lmu[i]!;
        normalizeLogInPlace(mixture, mixturePi);
        update(x, pi, lmu, ctx.query(mixturePi, g), eta, beta);
      },
    };
  };
}
