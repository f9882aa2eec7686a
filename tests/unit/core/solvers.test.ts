/** Every solver against the float64 reference facts: convergence, identities, averages, queries. */
import { describe, expect, it } from 'vitest';
import { solveEquilibrium } from '../../../src/core/equilibrium';
import { computeMetrics, klToNEOf } from '../../../src/core/metrics';
import { matVec, normalizeLogInPlace } from '../../../src/core/numeric';
import { runReference } from '../../../src/core/run';
import {
  getSolver,
  resolveParams,
  SOLVER_IDS,
  SOLVERS,
  type SolverId,
} from '../../../src/core/solvers';
import { klAfter, maxAbsDiff, RANDOM20, RPS, startRun, WRPS } from '../fixtures';

/** Solvers whose last iterate converges to π*_β when β > 0 (SPPO and RM+ ignore β). */
const LAST_ITERATE: SolverId[] = [
  'nash-mp',
  'egpo',
  'inpo',
  'mnpo',
  'nash-md',
  'onpo',
  'mmd',
  'fictitious-play',
  'replicator',
];

describe('last-iterate convergence to π*_β at β = 0.1 with default parameters', () => {
  for (const game of [RPS, WRPS, RANDOM20]) {
    for (const solver of LAST_ITERATE) {
      it(`${solver} on ${game.name}`, () => {
        const initial = klAfter(game, solver, 0.1, 0);
        const late = klAfter(game, solver, 0.1, 3000);
        expect(initial).toBeGreaterThan(1e-3);
        expect(late).toBeLessThan(1e-5);
      });
    }
  }

  it('the linear-rate methods reach 1e-12 within 1,000 iterations on the random 20×20 game', () => {
    for (const solver of ['nash-mp', 'egpo', 'mnpo', 'onpo', 'mmd'] as const) {
      expect(klAfter(RANDOM20, solver, 0.1, 1000)).toBeLessThan(1e-12);
    }
  });

  it('SPPO ignores β: its last iterate does not approach π*_β on RPS', () => {
    expect(klAfter(RPS, 'sppo', 0.1, 3000)).toBeGreaterThan(0.05);
  });
});

describe('β = 0: averages converge where last iterates need not', () => {
  for (const solver of ['sppo', 'rm-plus', 'fictitious-play'] as const) {
    it(`${solver}: exploitability of the average on WRPS falls below 0.01`, () => {
      const run = startRun(WRPS, solver, 0, {});
      run.advance(20_000);
      const eq = solveEquilibrium(WRPS, 0);
      const avg = computeMetrics(WRPS, 0, eq.logPolicy, run.average().map(Math.log));
      expect(avg.exploitability).toBeLessThan(0.01);
    });
  }

  it('replicator dynamics conserve KL(π*‖π) on RPS (RK4 drift below 1e-6 over 2,000 steps)', () => {
    const eq = solveEquilibrium(RPS, 0);
    const run = startRun(RPS, 'replicator', 0, { eta: 0.05 }, RPS.reference);
    const kl0 = klToNEOf(eq.logPolicy, run.logPolicy);
    run.advance(2000);
    expect(Math.abs(klToNEOf(eq.logPolicy, run.logPolicy) - kl0)).toBeLessThan(1e-6);
    expect(kl0).toBeGreaterThan(0.05);
  });
});

describe('identities of docs/algorithms.md §4', () => {
  for (const beta of [0.1, 0.5]) {
    it(`Nash-MP(η) = EGPO(η/(1+ηβ)) for 200 steps on the random 20×20 game, β = ${beta}`, () => {
      for (const eta of [0.5, 1, 2]) {
        const a = startRun(RANDOM20, 'nash-mp', beta, { eta });
        const b = startRun(RANDOM20, 'egpo', beta, { eta: eta / (1 + eta * beta) });
        for (let k = 0; k < 200; k++) {
          a.advance(1);
          b.advance(1);
          expect(maxAbsDiff(a.logPolicy, b.logPolicy)).toBeLessThan(1e-12);
        }
      }
    });
  }

  it('one Nash-MP half-step equals one MMD step', () => {
    const beta = 0.1;
    const eta = 2;
    const mmd = startRun(WRPS, 'mmd', beta, { eta });
    mmd.advance(1);
    // The half-step by hand: (X) anchored at π₀ with π_x = π₀.
    const { K, P, logReference: lmu } = WRPS;
    const pi0 = WRPS.start;
    const g = matVec(P, pi0, K, new Float64Array(K));
    const half = new Float64Array(K);
    for (let i = 0; i < K; i++)
      half[i] = (Math.log(pi0[i]!) + eta * beta * lmu[i]! + eta * g[i]!) / (1 + eta * beta);
    normalizeLogInPlace(half);
    expect(maxAbsDiff(mmd.logPolicy, half)).toBeLessThan(1e-15);
  });

  it('MNPO(n = 2, β = 0) = SPPO', () => {
    for (const game of [RPS, RANDOM20]) {
      const a = startRun(game, 'mnpo', 0, { eta: 0.3, players: 2 });
      const b = startRun(game, 'sppo', 0, { eta: 0.3 });
      a.advance(500);
      b.advance(500);
      expect(maxAbsDiff(a.logPolicy, b.logPolicy)).toBeLessThan(1e-12);
    }
  });

  it('MNPO with n = 3 really mixes two opponents: its trajectory differs from n = 2', () => {
    const a = startRun(WRPS, 'mnpo', 0.1, { players: 3 });
    const b = startRun(WRPS, 'mnpo', 0.1, { players: 2 });
    a.advance(3);
    b.advance(3);
    expect(maxAbsDiff(a.logPolicy, b.logPolicy)).toBeGreaterThan(1e-3);
  });

  it('MNPO step by hand for n = 3 with weights (2, 1)', () => {
    const beta = 0.1;
    const eta = 0.7;
    const run = startRun(WRPS, 'mnpo', beta, { eta, players: 3, weights: [2, 1] });
    const { K, P, logReference: lmu } = WRPS;
    const logs: Float64Array[] = [Float64Array.from(run.logPolicy)];
    run.advance(1);
    logs.unshift(Float64Array.from(run.logPolicy));
    run.advance(1);
    // π₂ from π₁ (λ = 2/3) and π₀ (λ = 1/3).
    const expected = new Float64Array(K);
    const lambda = [2 / 3, 1 / 3];
    for (let j = 0; j < 2; j++) {
      const pi = logs[j]!.map(Math.exp);
      const g = matVec(P, pi, K, new Float64Array(K));
      for (let i = 0; i < K; i++)
        expected[i] = expected[i]! + lambda[j]! * ((1 - eta * beta) * logs[j]![i]! + eta * g[i]!);
    }
    for (let i = 0; i < K; i++) expected[i] = expected[i]! + eta * beta * lmu[i]!;
    normalizeLogInPlace(expected);
    expect(maxAbsDiff(run.logPolicy, expected)).toBeLessThan(1e-14);
  });
});

describe('updates by hand (one step from π₀ on WRPS, β = 0.1)', () => {
  const beta = 0.1;
  const { K, P, logReference: lmu } = WRPS;
  const pi0 = Float64Array.from([0.2, 0.5, 0.3]);
  const lp0 = pi0.map(Math.log);
  const g0 = matVec(P, pi0, K, new Float64Array(K));
  const L = (la: Float64Array, g: Float64Array, eta: number): Float64Array =>
    normalizeLogInPlace(
      la.map((v, i) => (1 - eta * beta) * v + eta * beta * lmu[i]! + eta * g[i]!),
    );
  const win = (lp: Float64Array): Float64Array =>
    matVec(P, lp.map(Math.exp), K, new Float64Array(K));
  const one = (solver: SolverId, params = {}): Float64Array => {
    const run = startRun(WRPS, solver, beta, params, pi0);
    run.advance(1);
    return run.logPolicy;
  };

  it('INPO theory schedule: η₀ = 2/(β·2) = 1/β', () => {
    expect(maxAbsDiff(one('inpo'), L(lp0, g0, 1 / beta))).toBeLessThan(1e-14);
  });
  it('EGPO: two linearized steps anchored at π_t', () => {
    const eta = 0.5;
    const half = L(lp0, g0, eta);
    expect(maxAbsDiff(one('egpo', { eta }), L(lp0, win(half), eta))).toBeLessThan(1e-14);
  });
  it('Nash-MD: (L) against the geometric mixture', () => {
    const eta = 0.3;
    const mix = normalizeLogInPlace(lp0.map((v, i) => (1 - eta * beta) * v + eta * beta * lmu[i]!));
    expect(
      maxAbsDiff(one('nash-md', { schedule: 'constant', eta }), L(lp0, win(mix), eta)),
    ).toBeLessThan(1e-14);
  });
  it('ONPO: played iterate from the auxiliary one, both with Pπ_t', () => {
    const eta = 0.5;
    const aux = L(lp0, g0, eta);
    expect(maxAbsDiff(one('onpo', { eta }), L(aux, g0, eta))).toBeLessThan(1e-14);
  });
  it('SPPO: log π + η·Pπ, ignoring β', () => {
    expect(
      maxAbsDiff(
        one('sppo', { eta: 0.1 }),
        normalizeLogInPlace(lp0.map((v, i) => v + 0.1 * g0[i]!)),
      ),
    ).toBeLessThan(1e-14);
  });
  it('fictitious play (β > 0): x̄₁ = ½x̄₀ + ½·logit response', () => {
    const br = normalizeLogInPlace(lmu.map((v, i) => v + g0[i]! / beta)).map(Math.exp);
    const expected = pi0.map((v, i) => 0.5 * v + 0.5 * br[i]!);
    expect(maxAbsDiff(one('fictitious-play').map(Math.exp), expected)).toBeLessThan(1e-15);
  });
  it('fictitious play (β = 0): best response with the lowest index on ties', () => {
    const uniform = new Float64Array(3).fill(1 / 3);
    const run = startRun(RPS, 'fictitious-play', 0, {}, uniform);
    run.advance(1); // all win rates tie at ½ → action 0
    expect(maxAbsDiff(run.policy(), [2 / 3, 1 / 6, 1 / 6])).toBeLessThan(1e-15);
  });
  it('RM+: Q = max(Pπ − ½, 0), π = Q/ΣQ', () => {
    const run = startRun(WRPS, 'rm-plus', beta, {}, pi0);
    run.advance(1);
    const q = g0.map((v) => Math.max(v - 0.5, 0));
    const total = q.reduce((s, v) => s + v, 0);
    expect(
      maxAbsDiff(
        run.policy(),
        q.map((v) => v / total),
      ),
    ).toBeLessThan(1e-15);
  });
  it('replicator: one RK4 step of d/dt log x = Px − β(log x − log μ) matches a fine Euler integration', () => {
    const eta = 0.01;
    const run = startRun(WRPS, 'replicator', beta, { eta }, pi0);
    run.advance(1);
    let y = Float64Array.from(lp0);
    const n = 10_000;
    for (let s = 0; s < n; s++) {
      const g = win(normalizeLogInPlace(Float64Array.from(y)));
      y = y.map((v, i) => v + (eta / n) * (g[i]! - beta * (v - lmu[i]!)));
    }
    expect(maxAbsDiff(run.logPolicy, normalizeLogInPlace(y))).toBeLessThan(1e-7);
  });
});

describe('queries and running averages', () => {
  it('queries = iterations × queries per iteration', () => {
    const perStep: Record<SolverId, number> = {
      'nash-mp': 2,
      egpo: 2,
      inpo: 1,
      mnpo: 1,
      'nash-md': 1,
      sppo: 1,
      onpo: 1,
      mmd: 1,
      'fictitious-play': 1,
      replicator: 4,
      'rm-plus': 1,
      mpo: 1,
      'online-ipo': 1,
      'nash-md-pg': 1,
    };
    for (const id of SOLVER_IDS) {
      expect(getSolver(id).queriesPerStep).toBe(perStep[id]);
      const result = runReference({ game: WRPS, solver: id, beta: 0.1, steps: 37, every: 10 });
      expect(result.queries).toBe(37 * perStep[id]);
      expect(result.trace.map((p) => p.t)).toEqual([0, 10, 20, 30, 37]);
      expect(result.trace.map((p) => p.queries)).toEqual(
        [0, 10, 20, 30, 37].map((t) => t * perStep[id]),
      );
    }
  });

  it('the running average is (1/(t+1)) Σ π_s', () => {
    const run = startRun(WRPS, 'sppo', 0, { eta: 0.2 });
    const sum = Float64Array.from(run.policy());
    for (let t = 1; t <= 50; t++) {
      run.advance(1);
      run.policy().forEach((v, i) => (sum[i] = sum[i]! + v));
    }
    expect(
      maxAbsDiff(
        run.average(),
        sum.map((v) => v / 51),
      ),
    ).toBeLessThan(1e-14);
  });

  it('RM+ keeps the linear average Σ (s+1)π_s / Σ (s+1)', () => {
    const run = startRun(WRPS, 'rm-plus', 0);
    const sum = run.policy().map((v) => v * 1);
    let w = 1;
    for (let t = 1; t <= 50; t++) {
      run.advance(1);
      run.policy().forEach((v, i) => (sum[i] = sum[i]! + (t + 1) * v));
      w += t + 1;
    }
    expect(
      maxAbsDiff(
        run.average(),
        sum.map((v) => v / w),
      ),
    ).toBeLessThan(1e-14);
  });
});

describe('registry', () => {
  it('has every id of SOLVER_IDS, in order, with unique colours and complete docs', () => {
    expect(SOLVERS.map((s) => s.id)).toEqual([...SOLVER_IDS]);
    // Line styles come from the palette, one slot each (tests/unit/core/palette.test.ts).
    expect(new Set(SOLVERS.map((s) => s.color)).size).toBe(SOLVERS.length);
    for (const s of SOLVERS) {
      expect(s.name.length).toBeGreaterThan(0);
      expect(s.paper.title.length).toBeGreaterThan(0);
      expect(s.paper.url).toMatch(/^https:\/\//);
      expect(s.description).toMatch(/^[A-Z].*\.$/);
      expect(s.description).not.toContain('\n');
      expect(s.color).toMatch(/^#[0-9A-F]{6}$/i);
    }
    for (const id of ['nash-mp', 'egpo', 'inpo', 'mnpo'] as const) {
      expect(getSolver(id).seedPaper).toBe(true);
      expect(getSolver(id).paper.arxiv).toBeTruthy();
    }
  });

  it('defaults follow docs/algorithms.md §4', () => {
    expect(resolveParams('nash-mp', 0.1).eta).toBe(2);
    expect(resolveParams('egpo', 0.1).eta).toBeCloseTo(1 / 1.1, 15);
    expect(resolveParams('inpo', 0.1)).toMatchObject({ schedule: 'theory', eta: null });
    expect(resolveParams('inpo', 0.1, { schedule: 'constant' }).eta).toBe(0.1);
    expect(resolveParams('inpo', 0)).toMatchObject({ schedule: 'constant', eta: 0.1 });
    expect(resolveParams('mnpo', 0.1)).toMatchObject({ eta: 1, players: 3, weights: [0.5, 0.5] });
    expect(resolveParams('nash-md', 0.1)).toMatchObject({ schedule: 'theory', eta: null });
    expect(resolveParams('sppo', 0.1).eta).toBe(0.1);
    expect(resolveParams('onpo', 0.1).eta).toBe(0.5);
    expect(resolveParams('mmd', 0.1).eta).toBeCloseTo(0.4, 15);
    expect(resolveParams('mmd', 0).eta).toBe(0.1);
    expect(resolveParams('replicator', 0.1).eta).toBe(0.05);
    expect(resolveParams('fictitious-play', 0.1).eta).toBeNull();
    expect(resolveParams('rm-plus', 0.1).eta).toBeNull();
    expect(resolveParams('mpo', 0.1)).toMatchObject({ eta: 1, magnet: 0.1, refresh: 100 });
    expect(resolveParams('mpo', 0)).toMatchObject({ eta: 1, magnet: 0.1, refresh: 100 });
    expect(resolveParams('online-ipo', 0.1)).toMatchObject({ eta: 0.5, refresh: 0 });
    expect(resolveParams('nash-md-pg', 0.1)).toMatchObject({ eta: 0.5, refresh: 0 });
    expect(resolveParams('online-ipo', 4).eta).toBe(0.25);
    for (const id of ['nash-mp', 'egpo', 'inpo', 'mnpo', 'nash-md', 'onpo', 'mmd', 'replicator'])
      expect(resolveParams(id as SolverId, 0.1).refresh).toBe(0);
    for (const id of ['sppo', 'fictitious-play', 'rm-plus'] as const)
      expect(resolveParams(id, 0.1)).toMatchObject({ refresh: null, magnet: null });
  });

  it('every default is valid for β from 0 to 100', () => {
    for (const beta of [0, 1e-4, 0.1, 1, 2, 10, 100]) {
      for (const id of SOLVER_IDS) expect(() => resolveParams(id, beta)).not.toThrow();
    }
  });

  it('theory overlays follow §3', () => {
    const kl0 = 0.5;
    expect(getSolver('nash-mp').theory!.bound(10, { beta: 0.1, eta: 2, kl0 })).toBeCloseTo(
      kl0 * 1.2 ** -10,
      15,
    );
    expect(getSolver('mmd').theory!.bound(10, { beta: 0.1, eta: 0.4, kl0 })).toBeCloseTo(
      kl0 * 1.04 ** -10,
      15,
    );
    expect(getSolver('nash-md').theory!.bound(99, { beta: 0.1, eta: null, kl0 })).toBeCloseTo(
      8,
      12,
    );
    expect(getSolver('inpo').theory!.bound(99, { beta: 0.1, eta: null, kl0 })).toBeCloseTo(32, 12);
    expect(getSolver('egpo').theory!.bound(5, { beta: 0.1, eta: 2, kl0 })).toBeNull();
  });
});
