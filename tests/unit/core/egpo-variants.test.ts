/**
 * EGPO's own online variants (zhourunlong/EGPO, simulations/loss_funcs.py), checked against the
 * code's losses: one SGD step of size lr on the tabular logits θ, with the loss's gradient taken
 * by central finite differences here (independent of the closed forms in kernels.ts). The
 * parameter maps of docs/algorithms.md: online_ipo_2 → online-ipo with η = 4·lr/β, nash_md_pg →
 * nash-md-pg with η = lr, online_ipo_1 → inpo with η = 4·lr/(Kβ).
 */
import { describe, expect, it } from 'vitest';
import type { Game } from '../../../src/core/game';
import { klFromLogs, logSumExp, matVec } from '../../../src/core/numeric';
import { buildPreset } from '../../../src/core/presets';
import { SolverRun } from '../../../src/core/run';
import { solveEquilibrium } from '../../../src/core/equilibrium';
import { resolveParams, type SolverId } from '../../../src/core/solvers';
import { parseGame } from '../../../src/core/validate';

const G = parseGame(buildPreset('random:5:11'));
const K = G.K;
const beta = 0.2;
const lr = 0.03;

const logSoftmax = (theta: ArrayLike<number>): Float64Array => {
  const z = logSumExp(theta);
  return Float64Array.from(theta, (v) => v - z);
};

function gradient(f: (theta: Float64Array) => number, theta: Float64Array): Float64Array {
  const h = 1e-5;
  return Float64Array.from(theta, (_, i) => {
    const up = Float64Array.from(theta);
    const down = Float64Array.from(theta);
    up[i] = up[i]! + h;
    down[i] = down[i]! - h;
    return (f(up) - f(down)) / (2 * h);
  });
}

/** One SGD step of the code from θ = log π₀: log-softmax(θ − lr·∇L(θ)). */
function codeStep(loss: (theta: Float64Array) => number, theta0: Float64Array): Float64Array {
  const g = gradient(loss, theta0);
  return logSoftmax(theta0.map((v, i) => v - lr * g[i]!));
}

function oneStep(game: Game, solver: SolverId, eta: number, mix?: number): Float64Array {
  const given = mix === undefined ? { eta } : { eta, mix };
  const run = new SolverRun(game, solver, resolveParams(solver, beta, given), game.start);
  run.advance(1);
  return Float64Array.from(run.logPolicy);
}

const theta0 = Float64Array.from(G.start, Math.log);
const pi0 = Float64Array.from(G.start);
const lmu = G.logReference;
const P = (y: number, z: number): number => G.P[y * K + z]!;

describe('EGPO code ↔ registry', () => {
  it('online_ipo_2 (pairs from π_t, target (P − ½)/β) is online-ipo with η = 4·lr/β', () => {
    const loss = (theta: Float64Array): number => {
      const h = logSoftmax(theta).map((v, i) => v - lmu[i]!);
      let s = 0;
      for (let y = 0; y < K; y++)
        for (let z = 0; z < K; z++)
          s += pi0[y]! * pi0[z]! * (h[y]! - h[z]! - (P(y, z) - 0.5) / beta) ** 2;
      return s;
    };
    const ours = oneStep(G, 'online-ipo', (4 * lr) / beta);
    codeStep(loss, theta0).forEach((v, i) => expect(v).toBeCloseTo(ours[i]!, 8));
  });

  it('nash_md_pg (REINFORCE against Nash-MD’s mixture) is nash-md-pg with η = lr (mixture m = ηβ)', () => {
    const eta = lr;
    const m = eta * beta;
    const mixture = logSoftmax(theta0.map((v, i) => (1 - m) * v + m * lmu[i]!)).map(Math.exp);
    const gMix = matVec(G.P, mixture, K, new Float64Array(K));
    const loss = (theta: Float64Array): number => {
      const lp = logSoftmax(theta);
      let s = 0;
      for (let y = 0; y < K; y++)
        s -= pi0[y]! * (gMix[y]! - beta * (theta0[y]! - lmu[y]!)) * lp[y]!;
      return s;
    };
    const ours = oneStep(G, 'nash-md-pg', eta);
    codeStep(loss, theta0).forEach((v, i) => expect(v).toBeCloseTo(ours[i]!, 8));
  });

  /** The code's mixture: weight true_lr·β = 2·lr/K on log μ (true_lr = 2·lr/(βK)). */
  const codeMix = (2 * lr) / K;
  const codeMixture = (): Float64Array => {
    const mixture = logSoftmax(theta0.map((v, i) => (1 - codeMix) * v + codeMix * lmu[i]!));
    return matVec(G.P, mixture.map(Math.exp), K, new Float64Array(K));
  };

  it('nash_md with the code’s mixture is nash-md with η = 4·lr/(Kβ) and mix 2·lr/K = ηβ/2', () => {
    const gMix = codeMixture();
    const loss = (theta: Float64Array): number => {
      const h = logSoftmax(theta).map((v, i) => v - lmu[i]!);
      let s = 0;
      for (let y = 0; y < K; y++)
        for (let z = 0; z < K; z++) s += (h[y]! - h[z]! - (gMix[y]! - gMix[z]!) / beta) ** 2;
      return s / (K * K);
    };
    const eta = (4 * lr) / (K * beta);
    expect(codeMix).toBeCloseTo((eta * beta) / 2, 15);
    const ours = oneStep(G, 'nash-md', eta, codeMix);
    codeStep(loss, theta0).forEach((v, i) => expect(v).toBeCloseTo(ours[i]!, 8));
  });

  it('nash_md_pg with the code’s mixture is nash-md-pg with η = lr and mix 2·lr/K', () => {
    const gMix = codeMixture();
    const loss = (theta: Float64Array): number => {
      const lp = logSoftmax(theta);
      let s = 0;
      for (let y = 0; y < K; y++)
        s -= pi0[y]! * (gMix[y]! - beta * (theta0[y]! - lmu[y]!)) * lp[y]!;
      return s;
    };
    const ours = oneStep(G, 'nash-md-pg', lr, codeMix);
    codeStep(loss, theta0).forEach((v, i) => expect(v).toBeCloseTo(ours[i]!, 8));
  });

  it('online_ipo_1 (uniform pairs, target Pπ contrasts) is INPO with η = 4·lr/(Kβ)', () => {
    const g = matVec(G.P, pi0, K, new Float64Array(K));
    const loss = (theta: Float64Array): number => {
      const h = logSoftmax(theta).map((v, i) => v - lmu[i]!);
      let s = 0;
      for (let y = 0; y < K; y++)
        for (let z = 0; z < K; z++) s += (h[y]! - h[z]! - (g[y]! - g[z]!) / beta) ** 2;
      return s / (K * K);
    };
    const run = new SolverRun(
      G,
      'inpo',
      resolveParams('inpo', beta, { schedule: 'constant', eta: (4 * lr) / (K * beta) }),
      G.start,
    );
    run.advance(1);
    codeStep(loss, theta0).forEach((v, i) => expect(v).toBeCloseTo(run.logPolicy[i]!, 8));
  });
});

describe('the online variants as solvers', () => {
  const RPS = parseGame(buildPreset('rps'));
  const WRPS = parseGame(buildPreset('weighted-rps'));

  it('online-ipo reaches π*_0.1 in the last iterate: KL ≤ 1e-6 first at t = 422 (RPS), 455 (WRPS)', () => {
    for (const [game, t] of [
      [RPS, 422],
      [WRPS, 455],
    ] as const) {
      const eq = solveEquilibrium(game, 0.1).logPolicy;
      const run = new SolverRun(game, 'online-ipo', resolveParams('online-ipo', 0.1), game.start);
      while (klFromLogs(eq, run.logPolicy) > 1e-6) run.advance(1);
      expect(run.t).toBe(t);
    }
  });

  it('nash-md-pg with a constant η has Nash-MD’s biased fixed point (WRPS: KL floor ≈ 2.0e-4)', () => {
    const eq = solveEquilibrium(WRPS, 0.1).logPolicy;
    const run = new SolverRun(WRPS, 'nash-md-pg', resolveParams('nash-md-pg', 0.1), WRPS.start);
    run.advance(20_000);
    expect(klFromLogs(eq, run.logPolicy)).toBeCloseTo(2.01e-4, 6);
    // On RPS the mixture's bias cancels by symmetry: it converges.
    const rps = new SolverRun(RPS, 'nash-md-pg', resolveParams('nash-md-pg', 0.1), RPS.start);
    rps.advance(1000);
    expect(klFromLogs(solveEquilibrium(RPS, 0.1).logPolicy, rps.logPolicy)).toBeLessThan(1e-6);
  });
});
