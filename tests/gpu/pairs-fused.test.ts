/**
 * The EGPO authors' noise (`pairs`, `pairs-binary`) on the fused WGSL kernels (Dawn +
 * SwiftShader in Node): the same draws as the float64 reference (the uniform action of WGSL's u32
 * arithmetic is the TypeScript integer), for every solver and a custom formula's P·x.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { resolveParams, SOLVER_IDS } from '../../src/core/solvers';
import { useBackend } from '../../src/engine/backends';
import { FusedEngine } from '../../src/engine/fused/engine';
import type { BatchMember, BatchSpec } from '../../src/engine/types';
import { resolveCustomParams } from '../../src/formula/solver';
import { ENGINE_GAMES, policyGaps, reference } from '../unit/engine-fixtures';

beforeAll(async () => {
  expect(await useBackend('webgpu')).toBe(true);
});

const game = ENGINE_GAMES[2]!; // random:10:3

function pairsMembers(samples: number, seeds: number): BatchMember[] {
  const members: BatchMember[] = [];
  for (const kind of ['pairs', 'pairs-binary'] as const) {
    for (const solver of SOLVER_IDS)
      for (let seed = 0; seed < seeds; seed++)
        members.push({
          solver,
          params: resolveParams(solver, 0.1),
          start: game.start,
          queries: { kind, samples, seed: seed * 7919 + 1 },
        });
    for (let seed = 0; seed < seeds; seed++)
      members.push({
        solver: 'custom',
        formula: 'next = (1 - eta*beta)*logpi + eta*beta*logmu + eta * P·pi',
        params: resolveCustomParams(0.1, { eta: 0.3 }),
        start: game.start,
        queries: { kind, samples, seed: 2 ** 32 - 1 - seed },
      });
  }
  return members;
}

describe('pairs queries on the fused kernels', () => {
  const engine = new FusedEngine();

  it('one step from the same start takes the same samples as the reference (n = 100)', async () => {
    const spec: BatchSpec = { game, members: pairsMembers(100, 4), steps: 1, every: 1 };
    const gaps = policyGaps(await engine.run(spec), reference(spec));
    for (const g of gaps) expect(g).toBeLessThan(1e-5);
  });

  it('200 steps, n = 30: the same seed follows the reference within 1e-4 (but for rare inverse-CDF flips)', async () => {
    const members = pairsMembers(30, 4);
    const spec: BatchSpec = { game, members, steps: 200, every: 100 };
    const a = await engine.run(spec);
    const b = await engine.run(spec);
    expect(Array.from(b.logPolicies)).toEqual(Array.from(a.logPolicies));
    const gaps = policyGaps(a, reference(spec));
    const apart = gaps.filter((g) => !(g < 1e-4));
    console.info(`fused vs float64, pairs: ${apart.length} of ${gaps.length} runs apart`);
    expect(apart.length).toBeLessThanOrEqual(Math.ceil(members.length / 20));
  });

  it('CLI: --engine fused --queries pairs-binary gives the reference numbers for the same seed', async () => {
    const args = ['run', '--game', 'weighted-rps', '--solver', 'egpo', '--steps', '100'];
    const flags = ['--queries', 'pairs-binary', '--samples', '50', '--seed', '3'];
    type Doc = { params: { queries: unknown }; trace: { policy: number[] }[] };
    const parse = async (argv: string[]): Promise<Doc> => {
      const r = await main(argv);
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout) as Doc;
    };
    const ref = await parse([...args, ...flags]);
    const out = await parse([...args, ...flags, '--engine', 'fused']);
    expect(out.params.queries).toEqual({ model: 'pairs-binary', samples: 50, seed: 3 });
    out.trace.forEach((p, s) =>
      p.policy.forEach((v, i) => expect(Math.abs(v - ref.trace[s]!.policy[i]!)).toBeLessThan(1e-4)),
    );
  });
});
