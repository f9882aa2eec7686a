/**
 * Nash-MD's fixed mixture weight (`mix`) in the fused WGSL kernels (Dawn in Node) vs float64, on
 * the one-kernel path and the tiled one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../src/engine/backends';
import { FusedEngine } from '../../src/engine/fused/engine';
import { ENGINE_GAMES, policyGaps, reference } from '../unit/engine-fixtures';
import { mixMembers } from '../unit/nash-md-mix-fixtures';

beforeAll(async () => {
  expect(await useBackend('webgpu')).toBe(true);
});

describe('mix on the fused engine', () => {
  for (const game of ENGINE_GAMES) {
    it(`nash-md and nash-md-pg with and without m on ${game.name}: within 1e-4 of float64`, async () => {
      const spec = mixMembers(game);
      const result = await new FusedEngine().run(spec);
      expect(result.engine).toBe('fused');
      expect(Math.max(...policyGaps(result, reference(spec)))).toBeLessThan(1e-4);
    });
  }

  it('on the tiled path (forced: tiledMinK 1) as well', async () => {
    const spec = mixMembers(ENGINE_GAMES[2]!);
    const result = await new FusedEngine({ tiledMinK: 1 }).run(spec);
    expect(Math.max(...policyGaps(result, reference(spec)))).toBeLessThan(1e-4);
  });
});
