/**
 * The fused engine's tiled path (large K: one tiled P·X per query, one kernel per piece of a
 * step) against float64, on Dawn + SwiftShader. Forced on small games (tiledMinK: 1) for every
 * solver, then at K = 200 with both GEMM tilings, hitting times ("stays ≤ ε"), stops, and groups
 * the tiled path leaves to the one-kernel path (refreshed references, sampled queries, formulas)
 * in the same run.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPreset } from '../../src/core/presets';
import { resolveParams, SOLVER_IDS } from '../../src/core/solvers';
import { parseGame } from '../../src/core/validate';
import { useBackend } from '../../src/engine/backends';
import {
  MAX_WORK_PER_DISPATCH,
  MIN_WORK_PER_DISPATCH,
  FusedEngine,
} from '../../src/engine/fused/engine';
import { tiledSupports, tilingFor, TILED_MIN_K } from '../../src/engine/fused/tiled';
import type { BatchSpec } from '../../src/engine/types';
import { resolveCustomParams } from '../../src/formula/solver';
import {
  averageGaps,
  ENGINE_GAMES,
  everySolver,
  policyGaps,
  reference,
  refreshMembers,
} from '../unit/engine-fixtures';
import { TWO_ROCKS } from '../unit/engine-fixtures';
import { dipSpec, scannedHits } from '../unit/views-fixtures';

beforeAll(async () => {
  expect(await useBackend('webgpu')).toBe(true);
});

/** B spread starts on a K-action game. */
function starts(K: number, B: number): Float64Array[] {
  return Array.from({ length: B }, (_, b) => {
    const w = Float64Array.from({ length: K }, (_, i) => 1 + ((b * 7 + i * 13) % 17));
    const total = w.reduce((s, v) => s + v, 0);
    return w.map((v) => v / total);
  });
}

describe('fused tiled path', () => {
  const forced = new FusedEngine({ tiledMinK: 1 });

  it('takes registry solvers with exact queries and a fixed reference, nothing else', () => {
    const exact = { sampled: false, inner: false, refresh: false };
    for (const id of SOLVER_IDS) expect(tiledSupports(id, exact), id).toBe(true);
    expect(tiledSupports('nash-mp', { ...exact, inner: true })).toBe(true);
    expect(tiledSupports('inpo', { ...exact, sampled: true })).toBe(false);
    expect(tiledSupports('inpo', { ...exact, refresh: true })).toBe(false);
    expect(tiledSupports('custom', exact)).toBe(false);
  });

  // Each step is several dispatches here (one per piece and query): short runs keep this quick.
  // mpo always refreshes its magnet, so it runs on the one-kernel path beside the tiled groups.
  it('every solver on weighted RPS, forced tiled: within 1e-4 of float64 after 60 steps', async () => {
    const spec = everySolver(ENGINE_GAMES[1]!, 0.1, 60, 20);
    const result = await forced.run(spec);
    const ref = reference(spec);
    policyGaps(result, ref).forEach((g, m) => expect(g, SOLVER_IDS[m]).toBeLessThan(1e-4));
    averageGaps(result, ref).forEach((g, m) => expect(g, SOLVER_IDS[m]).toBeLessThan(1e-4));
  });

  it("MNPO with 4 players and approximate Nash-MP's inner steps, forced tiled", async () => {
    const game = ENGINE_GAMES[2]!;
    const members = [
      { solver: 'mnpo' as const, params: resolveParams('mnpo', 0.1, { players: 4 }) },
      { solver: 'nash-mp' as const, params: resolveParams('nash-mp', 0.1, { inner: 3 }) },
      { solver: 'nash-md-pg' as const, params: resolveParams('nash-md-pg', 0.1) },
      { solver: 'online-ipo' as const, params: resolveParams('online-ipo', 0.1) },
    ].map((m) => ({ ...m, start: game.start }));
    const spec: BatchSpec = { game, members, steps: 60, every: 20 };
    const result = await forced.run(spec);
    policyGaps(result, reference(spec)).forEach((g, m) =>
      expect(g, members[m]!.solver).toBeLessThan(1e-4),
    );
  });

  it('refreshed, sampled and custom groups beside tiled ones: each on its path, all exact', async () => {
    const game = parseGame(buildPreset('rps-dud'));
    const base = refreshMembers(game, 200, 100);
    const custom = {
      solver: 'custom' as const,
      formula: 'next = logpi + eta * P·pi',
      params: resolveCustomParams(0.1),
      start: game.start,
    };
    const sampled = {
      ...base.members.at(-1)!,
      queries: { kind: 'sampled' as const, samples: 64, seed: 7 },
    };
    const spec: BatchSpec = { ...base, members: [...base.members, custom, sampled] };
    const result = await forced.run(spec);
    const oneKernel = await new FusedEngine().run(spec);
    const ref = reference(spec);
    const gaps = policyGaps(result, ref);
    spec.members.forEach((m, b) => {
      const label = `${b}: ${m.solver}`;
      // Sampled queries may flip a draw against float64 (sampled-fused.test.ts); the rest is exact.
      if (m !== sampled) expect(gaps[b], label).toBeLessThan(1e-4);
      if (m.queries || m.solver === 'custom' || (m.params.refresh ?? 0) > 0) {
        const rows = (r: typeof result): number[] =>
          r.times.flatMap((_, s) =>
            Array.from(r.logPolicies.subarray((s * r.B + b) * r.K, (s * r.B + b + 1) * r.K)),
          );
        expect(rows(result), label).toEqual(rows(oneKernel));
      }
    });
  });

  it('K = 200 takes the tiled path by default and matches float64 with both tilings', async () => {
    expect(TILED_MIN_K).toBeLessThanOrEqual(200);
    const game = parseGame(buildPreset('random:200:5'));
    const engine = new FusedEngine();
    for (const B of [5, 70]) {
      expect(tilingFor(B).WY).toBe(B >= 64 ? 16 : 64);
      const members = starts(200, B).map((start, b) => {
        const solver = b % 2 ? ('nash-mp' as const) : ('inpo' as const);
        return { solver, params: resolveParams(solver, 0.1), start };
      });
      const spec: BatchSpec = { game, members, steps: 10, every: 5, metrics: false };
      const result = await engine.run(spec);
      expect(result.engine).toBe('fused');
      expect(Math.max(...policyGaps(result, reference(spec)))).toBeLessThan(1e-4);
      expect(Math.max(...averageGaps(result, reference(spec)))).toBeLessThan(1e-4);
    }
  });

  it('hitting times and stops on the tiled path agree with float64', async () => {
    const game = ENGINE_GAMES[2]!;
    const members = starts(10, 6).map((start, b) => {
      const solver = b % 2 ? ('nash-mp' as const) : ('inpo' as const);
      return { solver, params: resolveParams(solver, 0.1), start };
    });
    for (const stop of [false, true]) {
      const spec: BatchSpec = {
        game,
        members,
        steps: 150,
        every: 150,
        metrics: false,
        hit: { epsilon: 1e-3, stop },
      };
      const result = await forced.run(spec);
      const ref = reference(spec);
      expect(Array.from(result.hitTimes!)).toEqual(Array.from(ref.hitTimes!));
      expect(ref.hitTimes!.some((h) => h > 0)).toBe(true);
      expect(Math.max(...policyGaps(result, ref))).toBeLessThan(1e-4);
    }
  });

  it('hitting times mean "stays ≤ ε": dips are not hits; no unique target, no hit', async () => {
    // ε = 1e-3: two members dip below ε before their hit (tests/unit/core/hitting.test.ts).
    for (const stop of [false, true]) {
      const spec = dipSpec(1e-3, stop);
      const expected = scannedHits(spec);
      expect(expected).toEqual([51, 106, 7]);
      const got = Array.from((await forced.run(spec)).hitTimes!);
      expected.forEach((h, b) =>
        expect(Math.abs(got[b]! - h), `member ${b}`).toBeLessThanOrEqual(1),
      );
    }
    const never: BatchSpec = {
      game: TWO_ROCKS,
      members: [{ solver: 'nash-mp', params: resolveParams('nash-mp', 0), start: TWO_ROCKS.start }],
      steps: 100,
      every: 100,
      hit: { epsilon: 1e-3, stop: true },
    };
    expect(Array.from((await forced.run(never)).hitTimes!)).toEqual([-1]);
  });

  it('the one-kernel path sizes its dispatches by timing and gets the same bits', async () => {
    const game = parseGame(buildPreset('random:100:3'));
    const members = starts(100, 64).map((start) => ({
      solver: 'inpo' as const,
      params: resolveParams('inpo', 0.1),
      start,
    }));
    const spec: BatchSpec = { game, members, steps: 30, every: 10, metrics: false };
    const engine = new FusedEngine();
    // The first run builds the pipeline, the second times a warm interval.
    await engine.run(spec);
    const timed = await engine.run(spec);
    expect(engine.workPerDispatch).toBeGreaterThanOrEqual(MIN_WORK_PER_DISPATCH);
    expect(engine.workPerDispatch).toBeLessThanOrEqual(MAX_WORK_PER_DISPATCH);
    const fixed = new FusedEngine({ workPerDispatch: 1 }); // one step per dispatch
    expect(fixed.workPerDispatch).toBe(1);
    const stepwise = await fixed.run(spec);
    expect(Array.from(timed.logPolicies)).toEqual(Array.from(stepwise.logPolicies));
    expect(Array.from(timed.average)).toEqual(Array.from(stepwise.average));
  });
});
