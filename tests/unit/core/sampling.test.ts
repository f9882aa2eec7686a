/** Sampled preference queries: the counter-based RNG, the estimator, reproducible runs, approximate Nash-MP. */
import { describe, expect, it } from 'vitest';
import type { Game } from '../../../src/core/game';
import { matVec } from '../../../src/core/numeric';
import { runReference, SolverRun } from '../../../src/core/run';
import {
  checkQueryModel,
  estimateWinRates,
  lowbias32,
  makeQuery,
  QueryModelError,
  uniformAt,
} from '../../../src/core/sampling';
import { getSolver, resolveParams, SOLVER_IDS } from '../../../src/core/solvers';
import { parseGame } from '../../../src/core/validate';
import { buildPreset } from '../../../src/core/presets';
import { RPS, WRPS } from '../fixtures';

/** lowbias32 in BigInt arithmetic, an independent check of the Math.imul version. */
function lowbias32Big(v: number): number {
  const M = 0xffffffffn;
  let x = BigInt(v >>> 0);
  x ^= x >> 16n;
  x = (x * 0x7feb352dn) & M;
  x ^= x >> 15n;
  x = (x * 0x846ca68bn) & M;
  x ^= x >> 16n;
  return Number(x);
}

describe('counter-based RNG', () => {
  it('lowbias32 equals a BigInt implementation on edge and random words', () => {
    const words = [0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0x9e3779b9, 123456789];
    for (let i = 0; i < 2000; i++) words.push((i * 2654435761) >>> 0);
    for (const w of words) expect(lowbias32(w)).toBe(lowbias32Big(w));
    // Pinned values, so the WGSL twin and later refactors are held to the same bits.
    expect([0, 1, 0xffffffff].map(lowbias32)).toEqual([0, 1753845952, 1734902346]);
  });

  it('is a pure function of (seed, query, sample, draw)', () => {
    expect(uniformAt(7, 3, 2, 1)).toBe(uniformAt(7, 3, 2, 1));
    const set = new Set<number>();
    for (const seed of [0, 1, 2 ** 32 - 1])
      for (let q = 0; q < 3; q++)
        for (let s = 0; s < 3; s++) for (let j = 0; j < 3; j++) set.add(uniformAt(seed, q, s, j));
    expect(set.size).toBe(81);
  });

  it('uniforms lie on the 2⁻²⁴ grid in [0, 1) with mean ½ and variance 1/12', () => {
    const N = 200_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < N; i++) {
      const u = uniformAt(42, i >>> 4, i & 15, i % 3);
      expect(u * 2 ** 24).toBe(Math.floor(u * 2 ** 24));
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      sum += u;
      sq += u * u;
    }
    const mean = sum / N;
    const variance = sq / N - mean * mean;
    // Standard errors: √(1/12/N) ≈ 6.5e-4 for the mean, √(1/180/N) ≈ 1.7e-4 for the variance.
    expect(Math.abs(mean - 0.5)).toBeLessThan(3 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(3 * Math.sqrt(1 / 180 / N));
  });
});

describe('query model validation', () => {
  it('accepts exact and sampled models in range', () => {
    expect(checkQueryModel({ kind: 'exact' })).toEqual({ kind: 'exact' });
    expect(checkQueryModel({ kind: 'sampled', samples: 1, seed: 0 })).toEqual({
      kind: 'sampled',
      samples: 1,
      seed: 0,
    });
    expect(checkQueryModel({ kind: 'sampled', samples: 10_000, seed: 2 ** 32 - 1 }).kind).toBe(
      'sampled',
    );
  });

  it.each([
    [{ kind: 'noisy' }, /queries must be 'exact', 'sampled', 'pairs', 'pairs-binary', got 'noisy'/],
    [{ kind: 'sampled', samples: 0, seed: 1 }, /samples must be an integer in \[1, 10000\]/],
    [{ kind: 'sampled', samples: 10_001, seed: 1 }, /samples must be an integer/],
    [{ kind: 'sampled', samples: 2.5, seed: 1 }, /samples must be an integer/],
    [{ kind: 'sampled', samples: 10, seed: -1 }, /seed must be an integer in \[0, 2\^32 − 1\]/],
    [{ kind: 'sampled', samples: 10, seed: 2 ** 32 }, /seed must be an integer/],
    [{ kind: 'sampled', samples: 10, seed: 0.5 }, /seed must be an integer/],
    [{ kind: 'sampled', samples: 10 }, /seed must be an integer/],
  ])('refuses %j', (model, message) => {
    expect(() => checkQueryModel(model)).toThrow(QueryModelError);
    expect(() => checkQueryModel(model)).toThrow(message);
  });
});

const RANDOM5 = parseGame(buildPreset('random:5:11'));

function normalized(v: number[]): Float64Array {
  const s = v.reduce((a, b) => a + b, 0);
  return Float64Array.from(v, (x) => x / s);
}

describe('the estimator ĝ = ½ + (1/n)Σ 1[y_s = a](o_s − ½)/π(a) is unbiased', () => {
  const cases: [string, Game, Float64Array][] = [
    ['RPS, uniform', RPS, normalized([1, 1, 1])],
    ['RPS, (0.6, 0.3, 0.1)', RPS, normalized([6, 3, 1])],
    ['RPS, (0.05, 0.15, 0.8)', RPS, normalized([0.05, 0.15, 0.8])],
    ['WRPS, (0.5, 0.2, 0.3)', WRPS, normalized([5, 2, 3])],
    ['random 5×5, uniform', RANDOM5, normalized([1, 1, 1, 1, 1])],
    ['random 5×5, skewed', RANDOM5, normalized([0.4, 0.05, 0.3, 0.15, 0.1])],
  ];
  const SEEDS = 2000;
  for (const n of [1, 50]) {
    for (const [name, game, pi] of cases) {
      it(`${name}, n = ${n}: mean over ${SEEDS} seeds within 3 SE of Pπ`, () => {
        const K = game.K;
        const exact = matVec(game.P, pi, K, new Float64Array(K));
        const sum = new Float64Array(K);
        const sq = new Float64Array(K);
        const g = new Float64Array(K);
        for (let seed = 0; seed < SEEDS; seed++) {
          estimateWinRates(game.P, pi, K, n, seed, 0, g);
          for (let a = 0; a < K; a++) {
            sum[a] = sum[a]! + g[a]!;
            sq[a] = sq[a]! + g[a]! * g[a]!;
          }
        }
        for (let a = 0; a < K; a++) {
          const mean = sum[a]! / SEEDS;
          const sd = Math.sqrt((sq[a]! / SEEDS - mean * mean) * (SEEDS / (SEEDS - 1)));
          const se = sd / Math.sqrt(SEEDS);
          expect(se, `action ${a}`).toBeGreaterThan(0);
          expect(Math.abs(mean - exact[a]!), `action ${a}: SE ${se}`).toBeLessThan(3 * se);
        }
      });
    }
  }

  it('its spread shrinks like 1/√n', () => {
    const pi = normalized([6, 3, 1]);
    const spread = (n: number): number => {
      const g = new Float64Array(3);
      let sq = 0;
      const exact = matVec(RPS.P, pi, 3, new Float64Array(3));
      for (let seed = 0; seed < 1000; seed++) {
        estimateWinRates(RPS.P, pi, 3, n, seed, 5, g);
        sq += (g[0]! - exact[0]!) ** 2;
      }
      return Math.sqrt(sq / 1000);
    };
    const ratio = spread(4) / spread(400);
    expect(ratio).toBeGreaterThan(8);
    expect(ratio).toBeLessThan(12.5);
  });

  it('an action without mass is never drawn and gets ½', () => {
    const g = estimateWinRates(RPS.P, [0.5, 0.5, 0], 3, 200, 3, 0, new Float64Array(3));
    expect(g[2]).toBe(0.5);
    expect(Number.isFinite(g[0]!) && Number.isFinite(g[1]!)).toBe(true);
  });
});

describe('sampled runs are reproducible', () => {
  const sampled = (seed: number, samples = 20) => ({ kind: 'sampled', samples, seed }) as const;

  it.each(SOLVER_IDS)('%s: the same seed gives the same bits; another seed differs', (solver) => {
    const run = (seed: number) =>
      runReference({
        game: WRPS,
        solver,
        beta: 0.1,
        steps: 40,
        every: 10,
        queries: sampled(seed),
      });
    const a = run(9);
    const b = run(9);
    const c = run(10);
    expect(Array.from(b.final.logPolicy)).toEqual(Array.from(a.final.logPolicy));
    expect(b.trace).toEqual(a.trace);
    expect(Array.from(c.final.policy)).not.toEqual(Array.from(a.final.policy));
    expect(a.queryModel).toEqual(sampled(9));
  });

  it.each(SOLVER_IDS)('%s: the query counter is t × queries per iteration', (solver) => {
    const run = new SolverRun(WRPS, solver, resolveParams(solver, 0.1), WRPS.start, sampled(1));
    run.advance(7);
    expect(run.queries).toBe(7 * getSolver(solver).queriesPerStep);
  });

  it('the exact model is the default and equals exact queries', () => {
    const a = runReference({ game: RPS, solver: 'nash-mp', beta: 0.1, steps: 30 });
    const b = runReference({
      game: RPS,
      solver: 'nash-mp',
      beta: 0.1,
      steps: 30,
      queries: { kind: 'exact' },
    });
    expect(Array.from(b.final.logPolicy)).toEqual(Array.from(a.final.logPolicy));
    expect(a.queryModel).toEqual({ kind: 'exact' });
  });

  it('a sampled run still converges near π*_β with many samples (nash-mp, n = 10,000)', () => {
    const r = runReference({
      game: WRPS,
      solver: 'nash-mp',
      beta: 0.1,
      steps: 60,
      queries: sampled(3, 10_000),
    });
    expect(r.final.metrics.klToNE).toBeLessThan(1e-3);
  });

  it('makeQuery counts exact queries too', () => {
    const q = makeQuery(RPS);
    q([1, 0, 0], new Float64Array(3));
    q([0, 1, 0], new Float64Array(3));
    expect(q.count).toBe(2);
  });
});

describe('approximate Nash-MP (m inner policy-gradient steps)', () => {
  const final = (game: Game, beta: number, params: { inner?: number; innerStep?: number }) =>
    runReference({ game, solver: 'nash-mp', beta, steps: 5, params }).final.policy;
  const gap = (a: Float64Array, b: Float64Array) =>
    Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i]!)));

  for (const [name, game] of [
    ['RPS', RPS],
    ['WRPS', WRPS],
    ['random 5×5', RANDOM5],
  ] as const) {
    it(`${name}: m = 500 is within 1e-6 of exact Nash-MP, and the error falls with m`, () => {
      const exact = final(game, 0.1, {});
      const errors = [1, 3, 10, 500].map((inner) => gap(final(game, 0.1, { inner }), exact));
      expect(errors.at(-1)).toBeLessThan(1e-6);
      // After 5 iterations (the inexact steps share π*_β as fixed point, so long runs all end
      // there): strictly falling in m.
      for (let i = 1; i < errors.length; i++) expect(errors[i]).toBeLessThan(errors[i - 1]!);
    });
  }

  it('resolves inner and its step through the registry, refusing bad values', () => {
    expect(resolveParams('nash-mp', 0.1)).toMatchObject({ inner: 0, innerStep: 1 });
    expect(resolveParams('nash-mp', 10).innerStep).toBeCloseTo(3 / 21, 15);
    expect(resolveParams('nash-mp', 0.1, { inner: 5, innerStep: 0.5 })).toMatchObject({
      inner: 5,
      innerStep: 0.5,
    });
    expect(resolveParams('inpo', 0.1)).toMatchObject({ inner: null, innerStep: null });
    expect(() => resolveParams('nash-mp', 0.1, { inner: -1 })).toThrow(/inner must be an integer/);
    expect(() => resolveParams('nash-mp', 0.1, { inner: 1.5 })).toThrow(/inner must be an integer/);
    expect(() => resolveParams('nash-mp', 0.1, { innerStep: 0 })).toThrow(/inner step α/);
    expect(() => resolveParams('inpo', 0.1, { inner: 3 })).toThrow(/INPO has no parameter 'inner'/);
  });

  it('with sampled queries, larger m approaches the sampled exact-step run (same seed)', () => {
    const q = { kind: 'sampled', samples: 50, seed: 4 } as const;
    const run = (inner: number) =>
      runReference({
        game: WRPS,
        solver: 'nash-mp',
        beta: 0.1,
        steps: 30,
        params: { inner },
        queries: q,
      }).final.policy;
    expect(gap(run(500), run(0))).toBeLessThan(1e-6);
  });
});
