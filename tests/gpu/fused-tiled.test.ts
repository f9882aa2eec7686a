/**
 * The fused engine's tiled path (large K: one tiled P·X per query, one kernel per piece of a
 * step) against float64, on Dawn + SwiftShader. Forced on small games (tiledMinK: 1) for every
 * solver, then at K = 200 with both GEMM tilings, hitting times and stops.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPreset } from '../../src/core/presets';
import { resolveParams, SOLVER_IDS } from '../../src/core/solvers';
import { parseGame } from '../../src/core/validate';
import { useBackend } from '../../src/engine/backends';
import { FusedEngine } from '../../src/engine/fused/engine';
import { tilingFor, TILED_MIN_K } from '../../src/engine/fused/tiled';
import type { BatchSpec } from '../../src/engine/types';
import {
  averageGaps,
  ENGINE_GAMES,
  everySolver,
  policyGaps,
  reference,
} from '../unit/engine-fixtures';

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

  // Each step is several dispatches here (one per piece and query): short runs keep this quick.
  for (const game of ENGINE_GAMES.slice(1, 2)) {
    it(`every solver on ${game.name}, forced tiled: within 1e-4 of float64 after 60 steps`, async () => {
      const spec = everySolver(game, 0.1, 60, 20);
      const result = await forced.run(spec);
      const ref = reference(spec);
      policyGaps(result, ref).forEach((g, m) => expect(g, SOLVER_IDS[m]).toBeLessThan(1e-4));
      averageGaps(result, ref).forEach((g, m) => expect(g, SOLVER_IDS[m]).toBeLessThan(1e-4));
    });
  }

  it("MNPO with 4 players and approximate Nash-MP's inner steps, forced tiled", async () => {
    const game = ENGINE_GAMES[2]!;
    const members = [
      { solver: 'mnpo' as const, params: resolveParams('mnpo', 0.1, { players: 4 }) },
      { solver: 'nash-mp' as const, params: resolveParams('nash-mp', 0.1, { inner: 3 }) },
    ].map((m) => ({ ...m, start: game.start }));
    const spec: BatchSpec = { game, members, steps: 60, every: 20 };
    const result = await forced.run(spec);
    expect(Math.max(...policyGaps(result, reference(spec)))).toBeLessThan(1e-4);
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

  it('the one-kernel path times its dispatches and keeps the split within bounds', async () => {
    const engine = new FusedEngine();
    await engine.run(everySolver(ENGINE_GAMES[2]!, 0.1, 200, 100));
    expect(engine.workPerDispatch).toBeGreaterThanOrEqual(2 ** 20);
    expect(engine.workPerDispatch).toBeLessThanOrEqual(2 ** 36);
    expect(new FusedEngine({ workPerDispatch: 1234 }).workPerDispatch).toBe(1234);
  });
});
