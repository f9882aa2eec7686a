/**
 * Every number the built-in lessons (src/lessons/builtin.ts) state, recomputed by the float64
 * reference engine from the slides' own experiments (each solver with the parameters the race
 * gives it: resolveParams at the slide's β), one iteration at a time. "Stays ≤ ε from t" means
 * ≤ ε at every iteration from t to the end of the slide's budget.
 */
import { describe, expect, it } from 'vitest';
import { solveEquilibrium } from '../../../src/core/equilibrium';
import { computeMetrics } from '../../../src/core/metrics';
import { buildPreset } from '../../../src/core/presets';
import { SolverRun } from '../../../src/core/run';
import { getSolver, resolveParams, type SolverId } from '../../../src/core/solvers';
import { parseGame } from '../../../src/core/validate';
import { BUILTIN_LESSONS, builtinLesson, EGPO_GAME } from '../../../src/lessons/builtin';
import { decodeLesson, encodeLesson } from '../../../src/lessons/codec';
import type { Experiment } from '../../../src/state/fields';

/** A budget for the long runs (100,000 iterations of five methods) on a busy CI machine. */
const LONG_RUN_MS = 120_000;

type Metric = 'regGap' | 'klToNE';

function runOf(e: Experiment, solver: SolverId, over: Partial<Experiment> = {}): SolverRun {
  const x = { ...e, ...over };
  return new SolverRun(
    x.game,
    solver,
    resolveParams(solver, x.beta, x.params[solver] ?? {}),
    x.game.start,
  );
}

/** The metric at every iteration from `from` (the run advanced there first) to `to`. */
function trace(
  e: Experiment,
  solver: SolverId,
  metric: Metric,
  { from = 0, to = e.budget, over = {} as Partial<Experiment> } = {},
): {
  at: (t: number) => number;
  settles: (eps: number) => number;
  firstBelow: (eps: number) => number;
} {
  const x = { ...e, ...over };
  const eq = solveEquilibrium(x.game, x.beta).logPolicy;
  const run = runOf(e, solver, over);
  run.advance(from);
  const values: number[] = [];
  for (let t = from; t <= to; t++) {
    if (t > from) run.advance(1);
    values.push(computeMetrics(x.game, x.beta, eq, run.logPolicy)[metric]);
  }
  return {
    at: (t) => values[t - from]!,
    settles(eps) {
      let t = -1;
      for (let s = values.length - 1; s >= 0 && values[s]! <= eps; s--) t = s + from;
      return t;
    },
    firstBelow: (eps) => {
      const s = values.findIndex((v) => v <= eps);
      return s < 0 ? -1 : s + from;
    },
  };
}

/** The metric at the end of the slide's budget. */
function finalOf(e: Experiment, solver: SolverId, metric: Metric, over: Partial<Experiment> = {}) {
  const x = { ...e, ...over };
  const run = runOf(e, solver, over);
  run.advance(x.budget);
  const eq = solveEquilibrium(x.game, x.beta).logPolicy;
  return computeMetrics(x.game, x.beta, eq, run.logPolicy)[metric];
}

const egpo = builtinLesson('egpo-experiment')!.lesson;
const nashMp = builtinLesson('nash-mp-rate')!.lesson;
const slideOf = (lesson: typeof egpo, n: number): Experiment => lesson.slides[n - 1]!.experiment;

describe('the built-in lessons', () => {
  it('have unique ids that are not lesson links, and survive a lesson link unchanged', () => {
    const ids = BUILTIN_LESSONS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const l of BUILTIN_LESSONS) {
      expect(l.id).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(l.summary.length).toBeLessThanOrEqual(120);
      const d = decodeLesson(encodeLesson(l.lesson));
      if (!d.ok) throw new Error(d.error);
      expect(d.value.slides.map((s) => s.experiment.params)).toEqual(
        l.lesson.slides.map((s) => s.experiment.params),
      );
    }
  });

  it('EGPO’s slides race the five methods on game 1 of seed 2018011309 with the code’s steps', () => {
    const K = 10;
    for (const [n, beta, lr] of [
      [1, 0.1, 0.1],
      [2, 0.01, 0.02],
      [3, 0.001, 2e-4],
    ] as const) {
      const e = slideOf(egpo, n);
      expect(e.presetId).toBe(EGPO_GAME);
      expect(e.beta).toBe(beta);
      const p = e.params;
      // docs/algorithms.md §7, to the float64 rounding of the written decimals.
      expect(p.egpo!.eta).toBeCloseTo((4 * lr) / (K * beta), 14);
      expect(p.inpo!.eta).toBeCloseTo((4 * lr) / (K * beta), 14);
      expect(p['nash-md']!.eta).toBeCloseTo((4 * lr) / (K * beta), 14);
      expect(p['online-ipo']!.eta).toBeCloseTo((4 * lr) / beta, 14);
      expect(p['nash-md-pg']!.eta).toBeCloseTo(lr, 14);
      expect(p['nash-md']!.mix).toBeCloseTo((2 * lr) / K, 14);
      expect(p['nash-md-pg']!.mix).toBeCloseTo((2 * lr) / K, 14);
      // The authors' iteration counts.
      expect(e.budget).toBe([1000, 5000, 100_000][n - 1]);
    }
  });
});

describe('Why extragradient — EGPO’s experiment', () => {
  it('β = 0.1: the gap stays ≤ 1e-6 from 133 (EGPO), 137 (INPO), 211 (Online IPO); Nash-MD stops at 9.8e-6, Nash-MD-PG later', () => {
    const e = slideOf(egpo, 1);
    expect(trace(e, 'egpo', 'regGap').settles(1e-6)).toBe(133);
    expect(trace(e, 'inpo', 'regGap').settles(1e-6)).toBe(137);
    expect(trace(e, 'online-ipo', 'regGap').settles(1e-6)).toBe(211);
    expect(trace(e, 'nash-md', 'regGap').settles(1e-6)).toBe(-1);
    expect(finalOf(e, 'nash-md', 'regGap').toExponential(1)).toBe('9.8e-6');
    expect(trace(e, 'nash-md-pg', 'regGap').settles(1e-6)).toBe(-1);
    expect(finalOf(e, 'nash-md-pg', 'regGap').toExponential(1)).toBe('5.4e-3');
    // Later, the same floor: both play the code's mixture m = 0.02 against the same μ.
    const later = finalOf(e, 'nash-md-pg', 'regGap', { budget: 100_000 });
    expect(later.toExponential(1)).toBe('9.8e-6');
  });

  it('try this: Nash-MD with its own m = ηβ settles on another floor', () => {
    const e = slideOf(egpo, 1);
    const own = { ...e.params, 'nash-md': { schedule: 'constant' as const, eta: 0.4 } };
    const floor = finalOf(e, 'nash-md', 'regGap', { params: own });
    expect(floor).toBeGreaterThan(1e-6);
    expect(Math.abs(floor - finalOf(e, 'nash-md', 'regGap')) / floor).toBeGreaterThan(0.5);
  });

  it('β = 0.01: only EGPO, from 667; INPO ends at 0.032, Nash-MD 0.027, Nash-MD-PG 0.11, Online IPO 0.20', () => {
    const e = slideOf(egpo, 2);
    expect(trace(e, 'egpo', 'regGap').settles(1e-6)).toBe(667);
    const ends = {
      inpo: '0.032',
      'nash-md': '0.027',
      'nash-md-pg': '0.11',
      'online-ipo': '0.20',
    } as const;
    for (const [s, shown] of Object.entries(ends) as [SolverId, string][]) {
      expect(trace(e, s, 'regGap').settles(1e-6), s).toBe(-1);
      expect(finalOf(e, s, 'regGap').toPrecision(2), s).toBe(Number(shown).toPrecision(2));
    }
  });

  it('try this: on run 0 Nash-MD dips below 1e-6 at 1,240 and ends at 1.2e-5 (the plot’s cut would call it converged)', () => {
    const e = slideOf(egpo, 2);
    const game = parseGame(buildPreset('egpo-grid:2018011309:0'));
    const md = trace(e, 'nash-md', 'regGap', { over: { game } });
    expect(md.firstBelow(1e-6)).toBe(1240);
    expect(md.settles(1e-6)).toBe(-1);
    expect(md.at(5000).toExponential(1)).toBe('1.2e-5');
  });

  it(
    'β = 0.001: EGPO stays ≤ 1e-6 from 84,693 (within 100,000); every other method ends above 0.06',
    () => {
      const e = slideOf(egpo, 3);
      expect(e.budget).toBeLessThanOrEqual(100_000);
      const eg = trace(e, 'egpo', 'regGap', { from: 84_600 });
      expect(eg.settles(1e-6)).toBe(84_693);
      for (const s of ['inpo', 'online-ipo', 'nash-md', 'nash-md-pg'] as const)
        expect(finalOf(e, s, 'regGap'), s).toBeGreaterThan(0.06);
      // EGPO's contraction per iteration is about ηβ = 8e-5.
      const p = resolveParams('egpo', e.beta, e.params.egpo);
      expect(p.eta! * e.beta).toBeCloseTo(8e-5, 15);
    },
    LONG_RUN_MS,
  );
});

describe('Nash-MP’s rate does not depend on K', () => {
  for (const [n, K] of [
    [1, 10],
    [2, 100],
  ] as const) {
    it(`K = ${K}: KL ≤ 1e-6 from iteration 33 for Nash-MP (66 queries), 64 for EGPO (128), under the bounds`, () => {
      const e = slideOf(nashMp, n);
      expect(e.game.K).toBe(K);
      expect(e.beta).toBe(0.1);
      expect(e.xAxis).toBe('queries');
      for (const [solver, at] of [
        ['nash-mp', 33],
        ['egpo', 64],
      ] as const) {
        const kl = trace(e, solver, 'klToNE', { to: 200 });
        expect(kl.settles(1e-6)).toBe(at);
        expect(at * getSolver(solver).queriesPerStep).toBe(solver === 'nash-mp' ? 66 : 128);
        // The drawn bound holds at every iteration up to there.
        const params = resolveParams(solver, e.beta, e.params[solver] ?? {});
        const kl0 = kl.at(0);
        for (let t = 0; t <= at; t++) {
          const bound = getSolver(solver).theory!.bound(t, { beta: e.beta, eta: params.eta, kl0 })!;
          expect(kl.at(t)).toBeLessThanOrEqual(bound * (1 + 1e-9));
        }
      }
      // Nash-MP's bound is (1 + 2β)^(−k)·KL₀.
      const params = resolveParams('nash-mp', e.beta);
      expect(getSolver('nash-mp').theory!.bound(10, { beta: 0.1, eta: params.eta, kl0: 1 })).toBe(
        1.2 ** -10,
      );
    });
  }

  it('try this: at β = 0.01 both need more iterations on either game', () => {
    for (const n of [1, 2]) {
      const e = slideOf(nashMp, n);
      for (const [solver, at] of [
        ['nash-mp', 33],
        ['egpo', 64],
      ] as const) {
        const slow = trace(e, solver, 'klToNE', { to: 3000, over: { beta: 0.01 } }).settles(1e-6);
        expect(slow).toBeGreaterThan(at);
      }
    }
  });
});
