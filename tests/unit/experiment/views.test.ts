/** The GPU-scale views' batches: lattice, flow field, hitting times, sweeps and tuning. */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveParams } from '../../../src/core/solvers';
import { SolverRun } from '../../../src/core/run';
import { ReferenceEngine } from '../../../src/engine/reference';
import { TfjsEngine } from '../../../src/engine/tfjs/engine';
import { flowFieldsFrom, flowFieldSpec } from '../../../src/experiment/views/flowField';
import { logSpace } from '../../../src/experiment/views/grid';
import { DENSE_LATTICE, simplexLattice } from '../../../src/experiment/views/lattice';
import { staysWithinFrom } from '../../../src/core/hitting';
import { sweepAxes, sweepFrom, sweepPlan } from '../../../src/experiment/views/sweep';
import {
  beatsDefault,
  defaultSettingText,
  tunedFrom,
  tunedParams,
  tunePlan,
} from '../../../src/experiment/views/tune';
import { referenceRace } from '../fixtures';
import { buildPreset } from '../../../src/core/presets';
import { parseGame } from '../../../src/core/validate';
import {
  expectBasinsMatchReference,
  expectPureEquilibriumHits,
  expectFieldMatchesReference,
  expectSection4Hits,
  expectSweepMatchesReference,
  RPS,
} from '../views-fixtures';

const reference = new ReferenceEngine();

describe('simplex lattice', () => {
  it('has at least 64 × 64 interior points, each a distribution with full support', () => {
    const lattice = simplexLattice();
    expect(lattice.count).toBe(((DENSE_LATTICE - 1) * (DENSE_LATTICE - 2)) / 2);
    expect(lattice.count).toBeGreaterThanOrEqual(64 * 64);
    for (let p = 0; p < lattice.count; p++) {
      const [a, b, c] = lattice.points.subarray(3 * p, 3 * p + 3);
      expect(a! + b! + c!).toBeCloseTo(1, 14);
      expect(Math.min(a!, b!, c!)).toBeGreaterThan(0);
    }
  });

  it('log-spaced grids hit both ends', () => {
    const g = logSpace(1e-3, 1, 4);
    expect(g.map((v) => Math.log10(v))).toEqual([-3, -2, -1, 0].map((v) => expect.closeTo(v, 12)));
  });
});

describe('flow field on the reference engine', () => {
  it('is exactly one SolverRun step from each lattice point', () => {
    const lattice = simplexLattice(12);
    const settings = [
      { solver: 'nash-mp' as const, params: resolveParams('nash-mp', 0.1) },
      { solver: 'onpo' as const, params: resolveParams('onpo', 0.1) },
    ];
    const fields = flowFieldsFrom(
      settings,
      lattice,
      reference.runSync(flowFieldSpec(RPS, settings, lattice)),
    );
    settings.forEach(({ solver, params }, s) => {
      for (const p of [0, 7, lattice.count - 1]) {
        const start = lattice.points.slice(3 * p, 3 * p + 3);
        const run = new SolverRun(RPS, solver, params, start);
        run.advance(1);
        const next = run.policy();
        for (let i = 0; i < 3; i++)
          expect(fields[s]!.delta[3 * p + i]).toBeCloseTo(next[i]! - start[i]!, 14);
      }
    });
  });

  it('decreases KL(π*_β ‖ π) from every point for Nash-MP (a contraction at β = 0.1)', () => {
    const lattice = simplexLattice(20);
    const settings = [{ solver: 'nash-mp' as const, params: resolveParams('nash-mp', 0.1) }];
    const [field] = flowFieldsFrom(
      settings,
      lattice,
      reference.runSync(flowFieldSpec(RPS, settings, lattice)),
    );
    const eq = [0.3258672159, 0.3861744388, 0.2879583453];
    for (let p = 0; p < lattice.count; p++) {
      const x = lattice.points.subarray(3 * p, 3 * p + 3);
      const kl = (q: (i: number) => number): number =>
        eq.reduce((s, e, i) => s + e * Math.log(e / q(i)), 0);
      const before = kl((i) => x[i]!);
      const after = kl((i) => x[i]! + field!.delta[3 * p + i]!);
      expect(after).toBeLessThan(before);
    }
  });

  it('refuses games that are not on the 2-simplex', () => {
    const game = { ...RPS, K: 4 };
    expect(() => flowFieldSpec(game, [])).toThrow(/K = 3/);
  });
});

describe('hitting times', () => {
  it('reproduce docs/algorithms.md §8 exactly on the reference engine', async () => {
    await expectSection4Hits(reference, 0);
  });

  it('equal a direct scan of the reference trajectory', () => {
    const params = resolveParams('inpo', 0.1, { schedule: 'constant', eta: 0.1 });
    const result = reference.runSync({
      game: RPS,
      members: [{ solver: 'inpo', params, start: RPS.reference }],
      steps: 600,
      every: 1,
      hit: { epsilon: 1e-6 },
    });
    expect(staysWithinFrom(result.metrics!.klToNE, 1e-6)).toBe(575);
    expect(result.hitTimes![0]).toBe(575);
  });

  it('are −1 when the budget runs out and 0 when the start is already close enough', () => {
    const params = resolveParams('nash-mp', 0.1);
    const eq = Float64Array.from([0.3258672159, 0.3861744388, 0.2879583453]);
    const result = reference.runSync({
      game: RPS,
      members: [
        { solver: 'nash-mp', params, start: RPS.reference },
        { solver: 'nash-mp', params, start: eq },
      ],
      steps: 5,
      every: 5,
      hit: { epsilon: 1e-6 },
    });
    expect(Array.from(result.hitTimes!)).toEqual([-1, 0]);
  });

  it('with stop, a member keeps its policy from its hit on, and hits at the same time', () => {
    const members = (['nash-mp', 'mmd'] as const).map((solver) => ({
      solver,
      params: resolveParams(solver, 0.1),
      start: RPS.reference,
    }));
    const spec = { game: RPS, members, steps: 400, every: 1, hit: { epsilon: 1e-6 } };
    const free = reference.runSync(spec);
    const stopped = reference.runSync({ ...spec, hit: { epsilon: 1e-6, stop: true } });
    expect(Array.from(stopped.hitTimes!)).toEqual(Array.from(free.hitTimes!));
    members.forEach((_, b) => {
      const hit = free.hitTimes![b]!;
      expect(hit).toBeGreaterThan(0);
      const at = (t: number) => stopped.logPolicies.subarray((t * 2 + b) * 3, (t * 2 + b + 1) * 3);
      expect(Array.from(at(400))).toEqual(Array.from(at(hit)));
      expect(Array.from(at(hit))).toEqual(
        Array.from(free.logPolicies.subarray((hit * 2 + b) * 3, (hit * 2 + b + 1) * 3)),
      );
    });
  });

  it('with stop and a single final sample, the final policy is the one at the hit', () => {
    const members = (['nash-mp', 'mmd'] as const).map((solver) => ({
      solver,
      params: resolveParams(solver, 0.1),
      start: RPS.reference,
    }));
    const free = reference.runSync({ game: RPS, members, steps: 400, every: 1 });
    const stopped = reference.runSync({
      game: RPS,
      members,
      steps: 400,
      every: 400,
      hit: { epsilon: 1e-6, stop: true },
    });
    expect(Array.from(stopped.hitTimes!)).toEqual([18, 169]);
    members.forEach((_, b) => {
      const hit = stopped.hitTimes![b]!;
      const last = Array.from(stopped.logPolicies.subarray((2 + b) * 3, (2 + b + 1) * 3));
      expect(last).toEqual(
        Array.from(free.logPolicies.subarray((hit * 2 + b) * 3, (hit * 2 + b + 1) * 3)),
      );
    });
  });

  it('register hits on a pure equilibrium (β = 0, a Condorcet winner)', async () => {
    await expectPureEquilibriumHits(reference, 0);
  });

  it('refuses a non-positive ε', () => {
    const params = resolveParams('nash-mp', 0.1);
    expect(() =>
      reference.runSync({
        game: RPS,
        members: [{ solver: 'nash-mp', params, start: RPS.reference }],
        steps: 5,
        every: 5,
        hit: { epsilon: 0 },
      }),
    ).toThrow(/epsilon/);
  });
});

describe('sweep map', () => {
  it('has 32 × 32 log-spaced cells and a β = 0 row; refused settings are marked, not clipped', () => {
    const plan = sweepPlan(RPS, ['nash-mp', 'egpo', 'fictitious-play'], {}, 50, 1e-6);
    expect(plan.solvers).toEqual(['nash-mp', 'egpo']); // fictitious play has no η
    expect(plan.cells[0]!.length).toBe(33 * 32);
    expect(plan.axes.betas[0]).toBe(0);
    expect(plan.axes.betas[1]).toBeCloseTo(1e-3, 15);
    expect(sweepAxes(32, false).betas).toHaveLength(32);
    expect(Math.min(...plan.cells[0]!)).toBeGreaterThanOrEqual(0); // Nash-MP takes any ηβ
    const { etas, betas } = plan.axes;
    // EGPO needs ηβ ≤ 1: exactly the cells above that line are invalid.
    plan.cells[1]!.forEach((b, c) => {
      const eta = etas[c % 32]!;
      const beta = betas[Math.floor(c / 32)]!;
      expect(b < 0, `η ${eta} β ${beta}`).toBe(eta * beta > 1);
    });
  });

  it('each cell equals a reference run with that η and β', () => {
    const axes = sweepAxes(4);
    const plan = sweepPlan(RPS, ['inpo'], {}, 300, 1e-6, axes);
    const [map] = sweepFrom(plan, reference.runSync(plan.spec));
    // Rows: β = 0 (KL to the β = 0 equilibrium), then four log-spaced β.
    expect(map!.hits).toHaveLength(20);
    for (let c = 0; c < 20; c++) {
      const eta = axes.etas[c % 4]!;
      const beta = axes.betas[Math.floor(c / 4)]!;
      if (eta * beta > 1) {
        expect(map!.hits[c]).toBe(-2);
        continue;
      }
      const params = resolveParams('inpo', beta, { eta, schedule: 'constant' });
      const r = reference.runSync({
        game: RPS,
        members: [{ solver: 'inpo', params, start: RPS.start }],
        steps: 300,
        every: 1,
      });
      expect(map!.finalKL[c]).toBeCloseTo(r.metrics!.klToNE[300]!, 15);
      expect(map!.hits[c]).toBe(staysWithinFrom(r.metrics!.klToNE, 1e-6));
    }
  });
});

describe('fair race tuning', () => {
  it('finds a Nash-MP step at least as fast as the theory default, and the best among those tried', () => {
    const plan = tunePlan(RPS, 0.1, ['nash-mp', 'egpo', 'rm-plus'], {}, 500, 1e-6, 24);
    expect(plan.solvers).toEqual(['nash-mp', 'egpo']);
    const result = reference.runSync(plan.spec);
    const tuned = tunedFrom(plan, result);
    const [mp, eg] = tuned;
    // Default η = 2 needs 18 iterations from μ; from the game's start it is similar.
    const byDefault = reference.runSync({
      game: RPS,
      members: [{ solver: 'nash-mp', params: resolveParams('nash-mp', 0.1), start: RPS.start }],
      steps: 500,
      every: 500,
      metrics: false,
      hit: { epsilon: 1e-6 },
    }).hitTimes![0]!;
    expect(mp!.hit).toBeGreaterThan(0);
    expect(mp!.hit).toBeLessThanOrEqual(byDefault);
    for (const [s, t] of tuned.entries()) {
      const hits = plan.candidates[s]!.map((c) => result.hitTimes![c.member]!).filter(
        (h) => h >= 0,
      );
      expect(t.hit).toBe(Math.min(...hits));
    }
    // EGPO needs ηβ ≤ 1: nothing above η = 10 was tried.
    expect(Math.max(...plan.candidates[1]!.map((c) => c.eta))).toBeLessThanOrEqual(10);
    expect(eg!.eta * 0.1).toBeLessThanOrEqual(1);
    const params = tunedParams(tuned, { 'nash-mp': { eta: 1 } });
    expect(params['nash-mp']).toEqual({ eta: mp!.eta });
    expect(params.egpo).toEqual({ eta: eg!.eta });
  });
});

describe('views on the tfjs engine (cpu) equal the reference at sampled points', () => {
  const engine = new TfjsEngine({ backends: ['cpu'] });
  beforeAll(() => {
    tf.env().set('PROD', true);
  });
  afterAll(() => {
    tf.engine().reset();
  });

  // Every solver at 4,186 starts on the per-op engine: seconds on an idle machine; a budget for a
  // busy one (no timing is asserted).
  it('flow field of every solver within 1e-4', async () => {
    await expectFieldMatchesReference(engine);
  }, 60_000);

  it('hitting times: §4 within one iteration, basins within one', async () => {
    const before = tf.memory().numTensors;
    await expectSection4Hits(engine, 1);
    await expectBasinsMatchReference(engine, 120, false);
    await expectPureEquilibriumHits(engine, 1);
    await expect(expectBasinsMatchReference(engine, 120, true)).rejects.toThrow(/hit.stop/);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('sweep values within 1e-4', async () => {
    await expectSweepMatchesReference(engine, ['nash-mp', 'inpo'], 150, 8);
  });
});

describe('Tune η never shows a slower setting as an improvement', () => {
  const UNIFORM_RPS = parseGame(buildPreset('rps'));
  it("keeps Nash-MD's theory schedule where it beats every constant η, and says so", () => {
    // On RPS with μ uniform, at β = 0.1 the theory schedule's first step η₀ = 2/(2β) = 10 lands on π*_β: KL
    // stays ≤ 1e-6 from t = 1, while the best constant η needs a few iterations.
    const plan = tunePlan(UNIFORM_RPS, 0.1, ['nash-md', 'nash-mp'], {}, 300, 1e-6, 24);
    const tuned = tunedFrom(plan, reference.runSync(plan.spec));
    const race = referenceRace({
      game: UNIFORM_RPS,
      beta: 0.1,
      solvers: ['nash-md', 'nash-mp'],
      params: {},
      budget: 300,
    });
    const [md, mp] = tuned;
    const mdDefault = race.traces.find((tr) => tr.key === 'nash-md')!;
    const mpDefault = race.traces.find((tr) => tr.key === 'nash-mp')!;
    expect(staysWithinFrom(mdDefault.klToNE, 1e-6)).toBeLessThan(md!.hit);
    expect(beatsDefault(md!, mdDefault, 1e-6)).toBe(false);
    expect(beatsDefault(mp!, mpDefault, 1e-6)).toBe(true);
    expect(defaultSettingText(mdDefault.params)).toBe('theory schedule');
    expect(defaultSettingText(mpDefault.params)).toBe('η = 2');
    const keep = (t: (typeof tuned)[number]): boolean =>
      !beatsDefault(
        t,
        race.traces.find((tr) => tr.key === t.solver)!,
        1e-6,
      );
    const params = tunedParams(tuned, {}, keep);
    expect(params['nash-md']).toBeUndefined();
    expect(params['nash-mp']).toEqual({ eta: mp!.eta });
    // A tie is no improvement either.
    const hit = staysWithinFrom(mdDefault.klToNE, 1e-6);
    expect(beatsDefault({ hit, finalKL: 0 }, mdDefault, 1e-6)).toBe(false);
  });
});
