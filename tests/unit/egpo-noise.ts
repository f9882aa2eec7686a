/**
 * The EGPO authors' noisy tabular experiment (zhourunlong/EGPO, simulations/grid_search.py with
 * `--alg empirical`: β = 0.01, lr = 2e-4, 100 samples per step, SGD on tabular logits) in two
 * forms, for tests/unit/core/egpo-noise.test.ts and scripts/egpo-noise.ts:
 *
 * - a float64 transliteration of their `extragradient_sample` and `online_ipo_1_sample`
 *   (simulations/loss_funcs.py): the losses' gradients written out, their SGD steps taken as
 *   they take them (the torch generator replaced by mulberry32);
 * - the same experiment run here: `egpo` and `inpo` (constant step) with η = 4·lr/(Kβ)
 *   (docs/algorithms.md §7) and the `pairs` / `pairs-binary` query models.
 *
 * The games: the ten of seed 2018011309, from tests/fixtures/egpo-grid-2018011309.json (the
 * authors' θ_ref and P as PyTorch 2.x's CPU generator draws them in grid_search.py's run(seed)),
 * with μ = π₀ = softmax(θ_ref).
 */
import { readFileSync } from 'node:fs';
import type { Game } from '../../src/core/game';
import { regGapOf } from '../../src/core/metrics';
import { mulberry32 } from '../../src/core/random';
import { SolverRun } from '../../src/core/run';
import type { QueryModel } from '../../src/core/sampling';
import { resolveParams } from '../../src/core/solvers';
import { parseGame } from '../../src/core/validate';

/** The noisy tabular configuration of the authors' simulations/configs.py ("empirical"). */
export const EGPO_NOISE = { beta: 0.01, lr: 2e-4, samples: 100, steps: 100_000 } as const;

interface GridFile {
  games: { theta_ref: number[]; P: number[][] }[];
}

/** The ten games of seed 2018011309 (μ = π₀ = softmax(θ_ref)). */
export function egpoGridGames(): Game[] {
  const url = new URL('../fixtures/egpo-grid-2018011309.json', import.meta.url);
  const file = JSON.parse(readFileSync(url, 'utf8')) as GridFile;
  return file.games.map((g, run) => {
    const top = Math.max(...g.theta_ref);
    const w = g.theta_ref.map((x) => Math.exp(x - top));
    const z = w.reduce((s, x) => s + x, 0);
    const mu = w.map((x) => x / z);
    // The lower triangle is torch.rand's draw; the upper is 1 − it (in float64 here, where the
    // authors' float32 rounds it by up to 3e-8).
    const K = g.P.length;
    const P = g.P.map((row, i) => row.map((v, j) => (i > j ? v : i === j ? 0.5 : 1 - g.P[j]![i]!)));
    return parseGame({
      name: `EGPO game ${run}`,
      actions: Array.from({ length: K }, (_, i) => `y${i + 1}`),
      preference: P,
      reference: mu,
      start: mu,
    });
  });
}

export type AuthorsMethod = 'extragradient_sample' | 'online_ipo_1_sample';

/**
 * The authors' update, float64: tabular logits θ (start θ_ref, so π₀ = μ), and per step
 *
 * - online_ipo_1_sample: y_s, y′_s uniform, y″_s ~ π_θ (s = 1..n), the loss
 *   L(θ) = (1/n)Σ_s (h_{y_s} − h_{y′_s} − (P[y_s][y″_s] − P[y′_s][y″_s])/β)², h = log π_θ − log μ,
 *   and θ ← θ − lr·∇L(θ), where ∇L = (2/n)Σ_s r_s(e_{y_s} − e_{y′_s}) (the softmax terms of
 *   ∂h_y/∂θ cancel in the difference);
 * - extragradient_sample: θ_½ = θ − lr·∇L₁(θ) with a first batch (y″ ~ π_θ); a second batch with
 *   y″ ~ π_{θ_½}; θ ← θ − lr·∇L₂(θ), the second loss's gradient taken at θ (their code restores θ
 *   before the caller's backward and step).
 *
 * Returns the final log π.
 */
export function authorsRun(
  game: Game,
  method: AuthorsMethod,
  seed: number,
  steps: number,
  { beta, lr, samples }: { beta: number; lr: number; samples: number } = EGPO_NOISE,
): Float64Array {
  const K = game.K;
  const P = game.P;
  const logMu = game.logReference;
  const random = mulberry32(seed);
  let theta = Float64Array.from(logMu);
  const grad = new Float64Array(K);
  const y = new Int32Array(samples);
  const y2 = new Int32Array(samples);
  const c = new Float64Array(samples);
  const logSoftmax = (t: Float64Array): Float64Array => {
    let top = -Infinity;
    for (const v of t) top = Math.max(top, v);
    let z = 0;
    for (const v of t) z += Math.exp(v - top);
    const l = top + Math.log(z);
    return t.map((v) => v - l);
  };
  // y, y′ = torch.randint(0, K), y″ = torch.multinomial(π, n, replacement=True); the targets
  // P[y][y″] − P[y′][y″].
  const draw = (logPi: Float64Array): void => {
    const pi = logPi.map(Math.exp);
    for (let s = 0; s < samples; s++) {
      y[s] = Math.floor(random() * K);
      y2[s] = Math.floor(random() * K);
      const u = random();
      let opponent = K - 1;
      let cdf = 0;
      for (let a = 0; a < K; a++) {
        cdf += pi[a]!;
        if (u < cdf) {
          opponent = a;
          break;
        }
      }
      c[s] = P[y[s]! * K + opponent]! - P[y2[s]! * K + opponent]!;
    }
  };
  // ∇L at θ for the current batch.
  const gradient = (at: Float64Array): Float64Array => {
    const lp = logSoftmax(at);
    grad.fill(0);
    for (let s = 0; s < samples; s++) {
      const a = y[s]!;
      const b = y2[s]!;
      const r = lp[a]! - logMu[a]! - (lp[b]! - logMu[b]!) - c[s]! / beta;
      grad[a] = grad[a]! + (2 / samples) * r;
      grad[b] = grad[b]! - (2 / samples) * r;
    }
    return grad;
  };
  for (let t = 0; t < steps; t++) {
    draw(logSoftmax(theta));
    if (method === 'extragradient_sample') {
      const g1 = gradient(theta);
      const half = theta.map((v, i) => v - lr * g1[i]!);
      draw(logSoftmax(half));
    }
    const g = gradient(theta);
    theta = theta.map((v, i) => v - lr * g[i]!);
  }
  return logSoftmax(theta);
}

/** The same experiment here: egpo (for extragradient_sample) or inpo, η = 4·lr/(Kβ). */
export function ourRun(
  game: Game,
  solver: 'egpo' | 'inpo',
  queries: QueryModel,
  steps: number,
  { beta, lr }: { beta: number; lr: number } = EGPO_NOISE,
): Float64Array {
  const eta = (4 * lr) / (game.K * beta);
  const params = resolveParams(
    solver,
    beta,
    solver === 'inpo' ? { eta, schedule: 'constant' } : { eta },
  );
  const run = new SolverRun(game, solver, params, game.start, queries);
  run.advance(steps);
  return Float64Array.from(run.logPolicy);
}

/** The regularized duality gap, EGPO's `dual_gap` (docs/algorithms.md §2). */
export function finalGap(game: Game, logPi: Float64Array, beta: number = EGPO_NOISE.beta): number {
  return regGapOf(game, beta, logPi);
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * The authors' `dual_gap` (grid_search.py): V(BR, π) − V(π, BR) with
 * V(π₁, π₂) = π₁ᵀPπ₂ − β·KL(π₁‖μ) + β·KL(π₂‖μ) and BR's logits θ_ref + Pπ/β.
 */
export function authorsDualGap(game: Game, logPi: Float64Array, beta: number): number {
  const K = game.K;
  const pi = logPi.map(Math.exp);
  const g = new Float64Array(K);
  for (let i = 0; i < K; i++)
    for (let j = 0; j < K; j++) g[i] = g[i]! + game.P[i * K + j]! * pi[j]!;
  const logits = game.logReference.map((l, i) => l + g[i]! / beta);
  const top = Math.max(...logits);
  const z = Math.log(logits.reduce((s, v) => s + Math.exp(v - top), 0)) + top;
  const logBr = logits.map((v) => v - z);
  const br = logBr.map(Math.exp);
  const kl = (p: Float64Array, lp: Float64Array): number =>
    p.reduce((s, v, i) => (v > 0 ? s + v * (lp[i]! - game.logReference[i]!) : s), 0);
  const value = (a: Float64Array, b: Float64Array): number => {
    let v = 0;
    for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) v += a[i]! * game.P[i * K + j]! * b[j]!;
    return v;
  };
  const klBr = kl(br, logBr);
  const klPi = kl(pi, logPi);
  return value(br, pi) - beta * klBr + beta * klPi - (value(pi, br) - beta * klPi + beta * klBr);
}
