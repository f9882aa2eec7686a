/**
 * Every number and claim the tour states, recomputed from its chapters' experiments by the
 * float64 reference engine exactly as the page races them (raceSpec → engine → raceFromResult →
 * the charts' traceMetric). A solver whose defaults change so that a sentence becomes false
 * fails here, naming the chapter.
 */
import { describe, expect, it } from 'vitest';
import { solveEquilibrium } from '../../../src/core/equilibrium';
import { gameToJSON, preferenceRows, type Game } from '../../../src/core/game';
import { computeMetrics } from '../../../src/core/metrics';
import { mulberry32 } from '../../../src/core/random';
import { getSolver, stepSize, type SolverId } from '../../../src/core/solvers';
import { parseGame } from '../../../src/core/validate';
import { ReferenceEngine } from '../../../src/engine/reference';
import { traceMetric, type TraceMetric } from '../../../src/experiment/averages';
import {
  analyzePopulation,
  defaultPopulation,
  editGroup,
} from '../../../src/experiment/population';
import { sampleIndex, type Race } from '../../../src/experiment/race';
import { sweepAxes, sweepFrom, sweepPlan } from '../../../src/experiment/views/sweep';
import { TOUR } from '../../../src/lessons/tour';
import type { Experiment } from '../../../src/state/fields';
import { experimentRace } from '../fixtures';

const chapter = (n: number): Experiment => TOUR.slides[n - 1]!.experiment;

/** What a chart shows for one solver: its values by iteration. */
function line(
  race: Race,
  solver: SolverId,
  metric: TraceMetric,
  iterate: 'last' | 'average' = 'last',
) {
  const trace = race.traces.find((t) => t.solver === solver)!;
  const { values } = traceMetric(race, trace, metric, iterate);
  return {
    at: (t: number): number => values[sampleIndex(trace, t)]!,
    /** Values from iteration `from` on. */
    from: (from: number): number[] => Array.from(values).filter((_, s) => trace.times[s]! >= from),
    /** The first iteration from which the value stays ≤ ε to the end (−1: never). */
    settles(epsilon: number): number {
      let t = -1;
      for (let s = values.length - 1; s >= 0 && values[s]! <= epsilon; s--) t = trace.times[s]!;
      return t;
    },
  };
}

/** Exploitability in the unregularized game of a policy. */
function exploitability(game: Game, policy: ArrayLike<number>): number {
  const eq0 = solveEquilibrium(game, 0);
  return computeMetrics(game, 0, eq0.logPolicy, Array.from(policy, Math.log)).exploitability;
}

describe('chapter 1: rock–paper–scissors', () => {
  const e = chapter(1);
  const P = preferenceRows(e.game);

  it('every answer loses to another, and the uniform π* is beaten by nothing (P(π* ≻ ·) = ½)', () => {
    for (let i = 0; i < 3; i++) expect(P.some((row) => row[i]! > 0.5)).toBe(true);
    const eq = solveEquilibrium(e.game, 0).policy;
    for (const p of eq) expect(p).toBeCloseTo(1 / 3, 12);
    for (let j = 0; j < 3; j++)
      expect(eq.reduce((s, p, i) => s + p * P[i]![j]!, 0)).toBeCloseTo(0.5, 12);
  });

  it('MMD chases what beats it: the favourite answer rotates rock → paper → scissors', () => {
    const race = experimentRace(e);
    const trace = race.traces[0]!;
    const favourites: number[] = [];
    for (let s = 0; s < 300; s++) {
      const row = Array.from(trace.policies.subarray(s * 3, s * 3 + 3));
      const best = row.indexOf(Math.max(...row));
      if (favourites.at(-1) !== best) favourites.push(best);
    }
    expect(favourites.slice(0, 4)).toEqual([0, 1, 2, 0]);
  });

  it('try this: every start spirals in to the centre', () => {
    const rand = mulberry32(12);
    for (let k = 0; k < 12; k++) {
      const w = [rand() + 0.01, rand() + 0.01, rand() + 0.01];
      const sum = w[0]! + w[1]! + w[2]!;
      const game = parseGame({ ...gameToJSON(e.game), start: w.map((x) => x / sum) });
      expect(line(experimentRace(e, { game }), 'mmd', 'klToNE').at(2000)).toBeLessThan(1e-12);
    }
  });
});

describe('chapter 2: multiplicative weights at β = 0', () => {
  const e = chapter(2);
  const race = experimentRace(e);

  it('the last iterate never settles and drifts outward; the running average converges', () => {
    expect(e.beta).toBe(0);
    const last = line(race, 'sppo', 'exploitability');
    expect(Math.min(...last.from(100))).toBeGreaterThan(0.1);
    const kl = line(race, 'sppo', 'klToNE');
    expect(kl.at(2000)).toBeGreaterThan(2 * kl.at(0));
    const average = line(race, 'sppo', 'exploitability', 'average');
    expect(average.at(2000)).toBeLessThan(0.01);
    expect(average.at(2000)).toBeLessThan(last.at(2000) / 30);
  });
});

describe('chapter 3: KL regularization', () => {
  const e = chapter(3);

  it('MMD’s last iterate reaches π*_β (KL at the float64 floor) while its exploitability levels off at 0.041', () => {
    const race = experimentRace(e);
    expect(line(race, 'mmd', 'klToNE').at(2000)).toBeLessThan(1e-14);
    expect(line(race, 'mmd', 'exploitability').at(2000).toFixed(3)).toBe('0.041');
    expect(line(race, 'mmd', 'exploitability').at(1000).toFixed(3)).toBe('0.041');
    // π*_β ≠ π*: the floor is π*_β's own exploitability.
    expect(exploitability(e.game, race.equilibrium)).toBeCloseTo(0.0413, 4);
  });

  it('SPPO ignores β and keeps cycling', () => {
    const kl = line(experimentRace(e), 'sppo', 'klToNE');
    expect(Math.min(...kl.from(1000))).toBeGreaterThan(0.1);
  });

  it('try this: β = 1 raises the floor to 0.075; β = 0.01 lowers it to 0.004, out of MMD’s reach in 2,000 iterations', () => {
    const high = experimentRace(e, { beta: 1, solvers: ['mmd'] });
    expect(line(high, 'mmd', 'exploitability').at(2000).toFixed(3)).toBe('0.075');
    const low = experimentRace(e, { beta: 0.01, solvers: ['mmd'] });
    const floor = exploitability(e.game, low.equilibrium);
    expect(floor.toFixed(3)).toBe('0.004');
    expect(line(low, 'mmd', 'exploitability').at(2000)).toBeGreaterThan(5 * floor);
    expect(line(low, 'mmd', 'klToNE').at(2000)).toBeGreaterThan(1e-6);
  });
});

describe('chapter 4: extragradient against plain mirror descent', () => {
  const e = chapter(4);

  it('KL stays ≤ 1e-6 from iteration 74 (Nash-MP), 176 (EGPO), 1,168 (INPO), 1,926 (MMD)', () => {
    const race = experimentRace(e);
    expect(e.beta).toBe(0.03);
    const settles = Object.fromEntries(
      e.solvers.map((s) => [s, line(race, s, 'klToNE').settles(1e-6)]),
    );
    expect(settles).toEqual({ 'nash-mp': 74, egpo: 176, inpo: 1168, mmd: 1926 });
  });

  it('a look-ahead costs a second query per step, and still wins on the queries axis', () => {
    expect(
      ['nash-mp', 'egpo', 'inpo', 'mmd'].map((s) => getSolver(s as SolverId).queriesPerStep),
    ).toEqual([2, 2, 1, 1]);
    expect(2 * 176).toBeLessThan(1168);
  });

  it('try this: at η = 5 Nash-MP needs 23 iterations and MMD stops converging', () => {
    const race = experimentRace(e, { params: { 'nash-mp': { eta: 5 }, mmd: { eta: 5 } } });
    expect(line(race, 'nash-mp', 'klToNE').settles(1e-6)).toBe(23);
    const mmd = line(race, 'mmd', 'klToNE');
    expect(mmd.settles(1e-6)).toBe(-1);
    expect(Math.min(...mmd.from(1000))).toBeGreaterThan(0.01);
  });
});

describe('chapter 5: the β trade-off', () => {
  const e = chapter(5);

  it('the exploitability of π*_β is 0.0004 at β = 0.001, 0.041 at β = 0.1 and 0.075 at β = 1', () => {
    const of = (beta: number): number =>
      exploitability(e.game, solveEquilibrium(e.game, beta).policy);
    expect(of(0.001).toFixed(4)).toBe('0.0004');
    expect(of(0.1).toFixed(3)).toBe('0.041');
    expect(of(1).toFixed(3)).toBe('0.075');
  });

  it('on the sweep map no MMD cell with β ≤ 0.01 settles within 2,000 iterations; Nash-MP still does at β = 0.001', () => {
    const { etas, betas } = sweepAxes();
    // The map's β = 0 row counts too: mirror descent without regularization does not settle.
    const low = betas.filter((b) => b <= 0.01);
    expect(low.slice(0, 2)).toEqual([0, 0.001]);
    const mmd = sweepFrom(
      sweepPlan(e.game, ['mmd'], e.params, e.budget, 1e-6, { etas, betas: low }),
      new ReferenceEngine().runSync(
        sweepPlan(e.game, ['mmd'], e.params, e.budget, 1e-6, { etas, betas: low }).spec,
      ),
    )[0]!;
    expect(mmd.hits.every((h) => h < 0)).toBe(true);
    const plan = sweepPlan(e.game, ['nash-mp'], e.params, e.budget, 1e-6, { etas, betas: [0.001] });
    const nashMp = sweepFrom(plan, new ReferenceEngine().runSync(plan.spec))[0]!;
    expect(Math.max(...nashMp.hits)).toBeGreaterThan(0);
  });
});

describe('chapter 6: annotators vote a Condorcet cycle', () => {
  const e = chapter(6);
  const analysis = analyzePopulation(defaultPopulation(3), e.game, e.beta);

  it('each group is transitive; pooled, 56% prefer concise ≻ detailed ≻ friendly ≻ concise', () => {
    const P = preferenceRows(e.game);
    expect([P[0]![1]!, P[1]![2]!, P[2]![0]!].map((p) => p.toFixed(3))).toEqual([
      '0.561',
      '0.561',
      '0.561',
    ]);
    expect(analysis.majority?.cycle).toEqual([0, 1, 2]);
  });

  it('the Bradley–Terry fit gives equal scores, predicts ½ everywhere, and its policy is μ', () => {
    const c = analysis.comparison!;
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    for (const s of c.value.fit.scores) expect(Math.abs(s)).toBeLessThan(1e-9);
    for (const row of c.value.fit.matrix) for (const p of row) expect(p).toBeCloseTo(0.5, 9);
    for (let i = 0; i < 3; i++) {
      expect(c.value.rewardPolicy[i]).toBeCloseTo(e.game.reference[i]!, 9);
      expect(c.value.nash0[i]).toBeCloseTo(1 / 3, 9);
    }
  });

  it('try this: experts at weight 1.3 keep the cycle, yet the reward model ranks friendly last (10%) while π*₀ plays it 46%', () => {
    const a = analyzePopulation(
      editGroup(defaultPopulation(3), 0, { weight: '1.3' }),
      e.game,
      e.beta,
    );
    expect(a.majority?.cycle).not.toBeNull();
    const c = a.comparison!;
    if (!c.ok) throw new Error(c.reason);
    expect(c.value.fit.ranking.at(-1)).toBe(2);
    expect(c.value.rewardPolicy[2]!.toFixed(2)).toBe('0.10');
    expect(c.value.nash0[2]!.toFixed(2)).toBe('0.46');
  });
});

describe('chapter 7: sampled preferences', () => {
  const e = chapter(7);
  const race = experimentRace(e);
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

  it('medians over 32 seeds with interquartile bands', () => {
    expect([e.queries, e.seeds]).toEqual([{ kind: 'sampled', samples: 20, seed: 0 }, 32]);
    const trace = race.traces[0]!;
    const s = sampleIndex(trace, 1000);
    expect(trace.bands!.klToNE.lower[s]).toBeLessThan(trace.klToNE[s]!);
    expect(trace.bands!.klToNE.upper[s]).toBeGreaterThan(trace.klToNE[s]!);
  });

  it('Nash-MP (η = 2) stalls near KL 0.07, between 0.02 and 0.16 after iteration 200', () => {
    expect(race.traces[0]!.params.eta).toBe(2);
    const kl = line(race, 'nash-mp', 'klToNE');
    expect(Math.min(...kl.from(200))).toBeGreaterThan(0.02);
    expect(Math.max(...kl.from(200))).toBeLessThan(0.16);
    expect(mean(kl.from(1000)).toFixed(2)).toBe('0.07');
  });

  it('Nash-MD’s η_t = 2/(β(t+2)) lowers KL about fourfold from 500 to 2,000, below 1e-3, ~100× below Nash-MP', () => {
    const params = race.traces[1]!.params;
    expect(stepSize(params)(98)).toBeCloseTo(2 / (0.1 * 100), 12);
    const kl = line(race, 'nash-md', 'klToNE');
    expect(kl.at(2000)).toBeLessThan(1e-3);
    const fourfold = kl.at(500) / kl.at(2000);
    expect(fourfold).toBeGreaterThan(3);
    expect(fourfold).toBeLessThan(6);
    const below = line(race, 'nash-mp', 'klToNE').at(2000) / kl.at(2000);
    expect(below).toBeGreaterThan(50);
    expect(below).toBeLessThan(200);
  });

  it('try this: 200 samples per query narrow the bands and lower Nash-MP’s plateau about tenfold', () => {
    const few = experimentRace(e, { solvers: ['nash-mp'] });
    const many = experimentRace(e, {
      solvers: ['nash-mp'],
      queries: { kind: 'sampled', samples: 200, seed: 0 },
    });
    const plateau = (r: Race): number => mean(line(r, 'nash-mp', 'klToNE').from(1000));
    const ratio = plateau(few) / plateau(many);
    expect(ratio).toBeGreaterThan(7);
    expect(ratio).toBeLessThan(14);
    const width = (r: Race): number => {
      const t = r.traces[0]!;
      const s = sampleIndex(t, 2000);
      return t.bands!.klToNE.upper[s]! - t.bands!.klToNE.lower[s]!;
    };
    expect(width(many)).toBeLessThan(width(few) / 3);
  });
});
