/**
 * Engines on the unregularized game: members with a reference refresh and mpo run on the tfjs
 * engine within 1e-4 of float64, and every engine measures them against π*₀ (their target) and
 * says so in the result (targetBeta, refresh period) so charts can mark the refreshes.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveEquilibrium } from '../../../src/core/equilibrium';
import { computeMetrics } from '../../../src/core/metrics';
import { buildPreset } from '../../../src/core/presets';
import { runReference } from '../../../src/core/run';
import { resolveParams } from '../../../src/core/solvers';
import { parseGame } from '../../../src/core/validate';
import { workloadKey } from '../../../src/engine/auto';
import type { ClientResult, EngineClient } from '../../../src/engine/client';
import { EnginePool, MIN_SHARDED_WORK } from '../../../src/engine/pool';
import { ReferenceEngine } from '../../../src/engine/reference';
import { TfjsEngine } from '../../../src/engine/tfjs/engine';
import type { BatchSpec } from '../../../src/engine/types';
import { averageGaps, policyGaps, reference, refreshMembers, TWO_ROCKS } from '../engine-fixtures';

const DUD = parseGame(buildPreset('rps-dud'));

beforeAll(() => {
  tf.env().set('PROD', true);
});

afterAll(() => {
  tf.engine().reset();
});

describe('reference engine: targets and refresh periods', () => {
  it('reports each member’s target β and refresh period, and measures against that target', () => {
    const spec = refreshMembers(DUD);
    const result = reference(spec);
    const last = spec.members.length - 1;
    expect(Array.from(result.targetBeta)).toEqual([...new Array<number>(last).fill(0), 0.1]);
    expect(Array.from(result.refresh)).toEqual([
      100, 30, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 0,
    ]);
    const eq0 = solveEquilibrium(DUD, 0);
    const eq1 = solveEquilibrium(DUD, 0.1);
    const s = result.times.length - 1;
    spec.members.forEach((m, b) => {
      const at = s * result.B + b;
      const lp = result.logPolicies.subarray(at * DUD.K, (at + 1) * DUD.K);
      const eq = b === last ? eq1 : eq0;
      const expected = computeMetrics(DUD, eq.beta, eq.logPolicy, lp);
      expect(result.metrics!.klToNE[at]).toBe(expected.klToNE);
      expect(result.metrics!.regGap[at]).toBe(expected.regGap);
    });
    // mpo's defaults near π*₀ by t = 600 on rps-dud (exploitability ≤ 1e-6 at t = 816).
    expect(result.metrics!.klToNE[s * result.B]).toBeLessThan(1e-4);
  });

  it('hitting times use the target: mpo reaches KL(π*₀‖π_t) ≤ 1e-6 where the reference run does', async () => {
    const spec: BatchSpec = {
      game: DUD,
      members: [{ solver: 'mpo', params: resolveParams('mpo', 0), start: DUD.start }],
      steps: 1000,
      every: 1000,
      hit: { epsilon: 1e-6 },
    };
    const hit = reference(spec).hitTimes![0]!;
    const run = runReference({ game: DUD, solver: 'mpo', beta: 0, steps: 1000, every: 1 });
    const first = run.trace.find((p) => p.klToNE <= 1e-6)!.t;
    expect(hit).toBe(first);
    expect(hit).toBeGreaterThan(100);
  });

  it('a member whose π*₀ is not unique never hits and has KL NaN', () => {
    const spec: BatchSpec = {
      game: TWO_ROCKS,
      members: [{ solver: 'nash-mp', params: resolveParams('nash-mp', 0), start: TWO_ROCKS.start }],
      steps: 300,
      every: 100,
      hit: { epsilon: 1e-3 },
    };
    const result = reference(spec);
    expect(result.hitTimes![0]).toBe(-1);
    expect(Array.from(result.metrics!.klToNE).every(Number.isNaN)).toBe(true);
    expect(result.metrics!.exploitability.at(-1)!).toBeLessThan(1e-6);
  });
});

describe('tfjs engine (wasm): refresh and mpo', () => {
  const engine = new TfjsEngine({ backends: ['wasm'] });

  it('every refreshed member within 1e-4 of float64 after 600 steps; same targets', async () => {
    const spec = refreshMembers(DUD);
    const result = await engine.run(spec);
    const ref = reference(spec);
    policyGaps(result, ref).forEach((g, m) =>
      expect(g, spec.members[m]!.solver).toBeLessThan(1e-4),
    );
    averageGaps(result, ref).forEach((g, m) =>
      expect(g, spec.members[m]!.solver).toBeLessThan(1e-4),
    );
    expect(Array.from(result.targetBeta)).toEqual(Array.from(ref.targetBeta));
    expect(Array.from(result.refresh)).toEqual(Array.from(ref.refresh));
  }, 60_000);

  it('hitting times of refreshed members match the reference; no tensor leaks', async () => {
    const spec: BatchSpec = { ...refreshMembers(DUD, 300, 300), hit: { epsilon: 1e-3 } };
    const first = await engine.run(spec);
    const before = tf.memory().numTensors;
    const second = await engine.run(spec);
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(second.logPolicies)).toEqual(Array.from(first.logPolicies));
    const ref = reference(spec).hitTimes!;
    first.hitTimes!.forEach((t, b) =>
      expect(Math.abs(t - ref[b]!), String(b)).toBeLessThanOrEqual(1),
    );
  }, 60_000);

  it('sampled queries: the same seed follows the reference within 1e-4 (refresh members)', async () => {
    const base = refreshMembers(DUD, 200, 100);
    const spec: BatchSpec = {
      ...base,
      members: base.members.map((m, i) => ({
        ...m,
        queries: { kind: 'sampled' as const, samples: 50, seed: i },
      })),
    };
    const gaps = policyGaps(await engine.run(spec), reference(spec));
    // float32 π can fall on the other side of an inverse-CDF threshold (engine-tfjs.test.ts),
    // and then that run drifts apart. rps-dud makes it likelier: the dud's probability vanishes,
    // and a sample of it weighs 1/π. Measured: 2 of these 14 (seeds 0–13); 0–2 of 14 for four
    // other seed sets (5 of 70 in all); the rest within 1e-4 (most within 1e-6).
    const apart = gaps.filter((g) => !(g < 1e-4));
    expect(apart.length).toBeLessThanOrEqual(3);
    for (const g of gaps) expect(Number.isFinite(g)).toBe(true);
  }, 60_000);
});

describe('pool and auto', () => {
  it('EnginePool shards merge targets and refresh periods back in member order', async () => {
    const fake = (): EngineClient =>
      ({
        run: async (_engine: string, spec: BatchSpec) =>
          (await new ReferenceEngine().run(spec)) as ClientResult,
        terminate() {},
      }) as unknown as EngineClient;
    const base = refreshMembers(DUD, 10, 10);
    // Enough members and steps to be sharded: the refresh members, then plain ones.
    const members = Array.from({ length: 40 }, (_, i) => base.members[i % base.members.length]!);
    const steps = Math.ceil(MIN_SHARDED_WORK / (members.length * DUD.K * DUD.K)) + 1;
    const spec: BatchSpec = { game: DUD, members, steps, every: steps, metrics: false };
    const merged = await new EnginePool([fake(), fake()]).run('reference', spec);
    const whole = reference(spec);
    expect(Array.from(merged.targetBeta)).toEqual(Array.from(whole.targetBeta));
    expect(Array.from(merged.refresh)).toEqual(Array.from(whole.refresh));
    expect(Array.from(merged.logPolicies)).toEqual(Array.from(whole.logPolicies));
  });

  it('auto calibrates refreshed workloads apart', () => {
    const refreshed = refreshMembers(DUD);
    const plain: BatchSpec = {
      ...refreshed,
      members: refreshed.members
        .filter((m) => m.solver !== 'mpo')
        .map((m) => ({ ...m, params: { ...m.params, refresh: 0 } })),
    };
    expect(workloadKey(refreshed)).toMatch(/:refresh$/);
    expect(workloadKey(plain)).not.toMatch(/:refresh$/);
  });
});
