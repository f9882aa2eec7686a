/**
 * Shared checks of the GPU-scale views: an engine's flow field, basins, sweep and tuning numbers
 * against the float64 reference engine at sampled points (used for tfjs here and fused in gpu/).
 */
import { expect } from 'vitest';
import { buildPreset } from '../../src/core/presets';
import { resolveParams, SOLVERS, type SolverId } from '../../src/core/solvers';
import { parseGame } from '../../src/core/validate';
import { ReferenceEngine } from '../../src/engine/reference';
import type { BatchMember, BatchSpec, Engine } from '../../src/engine/types';
import { basinsFrom, basinsSpec } from '../../src/experiment/views/basins';
import { flowFieldsFrom, flowFieldSpec } from '../../src/experiment/views/flowField';
import { simplexLattice } from '../../src/experiment/views/lattice';
import { staysWithinFrom } from '../../src/core/hitting';
import { sweepAxes, sweepFrom, sweepPlan } from '../../src/experiment/views/sweep';

import { RPS, WRPS } from './fixtures';

export { RPS, WRPS };
const reference = new ReferenceEngine();

/** Every 97th point: spread over the whole lattice, a few dozen per solver. */
export function sampledPoints(count: number, stride = 97): number[] {
  return Array.from({ length: Math.ceil(count / stride) }, (_, i) => i * stride);
}

export async function expectFieldMatchesReference(engine: Engine): Promise<void> {
  const lattice = simplexLattice();
  const settings = SOLVERS.map((s) => ({ solver: s.id, params: resolveParams(s.id, 0.1) }));
  const spec = flowFieldSpec(RPS, settings, lattice);
  const mine = flowFieldsFrom(settings, lattice, await engine.run(spec));
  const ref = flowFieldsFrom(settings, lattice, reference.runSync(spec));
  mine.forEach((field, s) => {
    for (const p of sampledPoints(lattice.count)) {
      for (let i = 0; i < 3; i++) {
        expect(
          Math.abs(field.delta[3 * p + i]! - ref[s]!.delta[3 * p + i]!),
          `${field.solver} at point ${p}`,
        ).toBeLessThan(1e-4);
      }
      expect(Math.abs(field.speed[p]! - ref[s]!.speed[p]!)).toBeLessThan(1e-4);
    }
  });
}

/**
 * Sweep values: final KL within 1e-4 (and within 1e-3 relative above 1e-6, where float32 log π
 * resolution) and iterations to ε within one step or 1 % (float32 rounding moves a crossing by
 * its relative error over the per-step decay, which is tiny at small ηβ).
 */
export async function expectSweepMatchesReference(
  engine: Engine,
  solvers: SolverId[],
  steps: number,
  size = 32,
): Promise<void> {
  const plan = sweepPlan(RPS, solvers, {}, steps, 1e-6, sweepAxes(size));
  const mine = sweepFrom(plan, await engine.run(plan.spec));
  const ref = sweepFrom(plan, reference.runSync(plan.spec));
  mine.forEach((map, s) => {
    const expected = ref[s]!;
    for (const c of sampledPoints(map.hits.length, 7)) {
      const label = `${map.solver} cell ${c}`;
      if (expected.hits[c] === -2) {
        expect(map.hits[c], label).toBe(-2);
        continue;
      }
      const a = map.finalKL[c]!;
      const b = expected.finalKL[c]!;
      // Where the run does not settle (large steps), float32 rounding grows without bound: such
      // cells are compared over short budgets only.
      if (b > 1e-3 && steps > 10) continue;
      expect(Math.abs(a - b), label).toBeLessThan(1e-4);
      if (b > 1e-6) expect(Math.abs(a - b) / b, label).toBeLessThan(1e-3);
      if (expected.hits[c]! >= 0 && expected.hits[c]! < steps - 1)
        expect(Math.abs(map.hits[c]! - expected.hits[c]!), label).toBeLessThanOrEqual(
          Math.max(1, 0.01 * expected.hits[c]!),
        );
    }
  });
}

/** docs/algorithms.md §8: iterations until KL ≤ 1e-6 at β = 0.1 from π₀ = μ (RPS / WRPS). */
export const SECTION4_HITS: { solver: SolverId; eta?: number; rps: number; wrps: number }[] = [
  { solver: 'nash-mp', eta: 2, rps: 18, wrps: 26 },
  { solver: 'egpo', eta: 1 / 1.1, rps: 42, wrps: 55 },
  { solver: 'mmd', eta: 0.4, rps: 169, wrps: 155 },
];

export async function expectSection4Hits(engine: Engine, tolerance: number): Promise<void> {
  for (const game of [RPS, WRPS]) {
    const members = SECTION4_HITS.map((h) => ({
      solver: h.solver,
      params: resolveParams(h.solver, 0.1, h.eta === undefined ? {} : { eta: h.eta }),
      start: game.reference,
    }));
    const result = await engine.run({
      game,
      members,
      steps: 700,
      every: 700,
      metrics: false,
      hit: { epsilon: 1e-6 },
    });
    SECTION4_HITS.forEach((h, b) => {
      const expected = game === RPS ? h.rps : h.wrps;
      expect(Math.abs(result.hitTimes![b]! - expected), `${h.solver}`).toBeLessThanOrEqual(
        tolerance,
      );
    });
  }
}

export async function expectBasinsMatchReference(
  engine: Engine,
  steps: number,
  stop = true,
): Promise<void> {
  const lattice = simplexLattice(40);
  const settings = (['nash-mp', 'inpo'] as const).map((solver) => ({
    solver,
    params: resolveParams(solver, 0.1, solver === 'inpo' ? { schedule: 'constant', eta: 0.5 } : {}),
  }));
  const spec = basinsSpec(RPS, settings, steps, 1e-4, lattice, stop);
  const mine = basinsFrom(settings, lattice, await engine.run(spec), 1e-4);
  const ref = basinsFrom(settings, lattice, reference.runSync(spec), 1e-4);
  mine.forEach((map, s) => {
    for (let p = 0; p < lattice.count; p++) {
      const e = ref[s]!.hits[p]!;
      if (e >= 0)
        expect(Math.abs(map.hits[p]! - e), `${map.solver} at ${p}`).toBeLessThanOrEqual(1);
      else expect(map.hits[p]).toBe(-1);
    }
  });
}

/**
 * A Condorcet winner at β = 0: π* is pure, so log π*_i = −∞ for the others. Their terms must add
 * nothing (not 0·∞ = NaN), and runs that approach the winner must register their hit.
 */
export async function expectPureEquilibriumHits(engine: Engine, tolerance: number): Promise<void> {
  const game = parseGame(buildPreset('transitive'));
  const members = [
    { solver: 'sppo' as const, params: resolveParams('sppo', 0, { eta: 0.5 }), start: game.start },
    { solver: 'nash-mp' as const, params: resolveParams('nash-mp', 0), start: game.start },
  ];
  const spec = { game, members, steps: 400, every: 400, metrics: false, hit: { epsilon: 1e-3 } };
  const mine = await engine.run(spec);
  const ref = reference.runSync(spec);
  expect(Array.from(ref.hitTimes!)).toEqual([114, 29]);
  ref.hitTimes!.forEach((h, b) =>
    expect(Math.abs(mine.hitTimes![b]! - h), members[b]!.solver).toBeLessThanOrEqual(tolerance),
  );
}

/** Nash-MD with a constant step has a biased fixed point: its KL dips under ε, then rises. */
const nashMd = (eta: number): BatchMember => ({
  solver: 'nash-md',
  params: resolveParams('nash-md', 0.1, { eta, schedule: 'constant' }),
  start: RPS.start,
});

/**
 * Two Nash-MD runs whose KL dips under ε and comes back up, and Nash-MP η = 2 (a contraction):
 * Nash-MD η = 0.72, ε = 1e-3: under ε at t = 32, above again, under for good from t = 51;
 * Nash-MD η = 0.2, ε = 1e-6: under ε from t = 213 for a while, ends at 2.3e-5.
 */
export const dipSpec = (epsilon: number, stop = false): BatchSpec => ({
  game: RPS,
  members: [
    nashMd(0.72),
    nashMd(0.2),
    { solver: 'nash-mp', params: resolveParams('nash-mp', 0.1), start: RPS.start },
  ],
  steps: 400,
  every: 400,
  metrics: false,
  hit: { epsilon, stop },
});

/** Hitting times by scanning each member's KL at every iteration (float64). */
export function scannedHits(spec: BatchSpec): number[] {
  const full = reference.runSync({ ...spec, every: 1, hit: undefined, metrics: true });
  const B = spec.members.length;
  return spec.members.map((_, b) =>
    staysWithinFrom(
      Array.from({ length: spec.steps + 1 }, (_, t) => full.metrics!.klToNE[t * B + b]!),
      spec.hit!.epsilon,
    ),
  );
}

/** An engine's hitting times ignore dips: within `tolerance` of the scan, −1 exactly. */
export async function expectDipsNotCounted(engine: Engine, tolerance: number): Promise<void> {
  for (const epsilon of [1e-3, 1e-6]) {
    for (const stop of engine.name === 'tfjs' ? [false] : [false, true]) {
      const spec = dipSpec(epsilon, stop);
      const expected = scannedHits(spec);
      const got = Array.from((await engine.run(spec)).hitTimes!);
      expected.forEach((h, b) => {
        const label = `member ${b} at ε ${epsilon}${stop ? ' with stop' : ''}`;
        if (h < 0) expect(got[b], label).toBe(-1);
        else expect(Math.abs(got[b]! - h), label).toBeLessThanOrEqual(tolerance);
      });
    }
  }
}
