/** Many seeds in one batch: the reference engine, pool sharding and auto's workload key keep them apart. */
import { describe, expect, it } from 'vitest';
import { runReference } from '../../../src/core/run';
import { resolveParams } from '../../../src/core/solvers';
import { workloadKey } from '../../../src/engine/auto';
import type { ClientResult, EngineClient } from '../../../src/engine/client';
import { EnginePool } from '../../../src/engine/pool';
import { ReferenceEngine } from '../../../src/engine/reference';
import type { BatchMember, BatchSpec } from '../../../src/engine/types';
import { WRPS } from '../fixtures';

const seeds = (count: number, samples = 10): BatchMember[] =>
  Array.from({ length: count }, (_, seed) => ({
    solver: 'nash-mp' as const,
    params: resolveParams('nash-mp', 0.1),
    start: WRPS.start,
    queries: { kind: 'sampled' as const, samples, seed },
  }));

describe('a batch of 256 seeds', () => {
  it('on the reference engine: each member is its own reproducible run', () => {
    const spec: BatchSpec = { game: WRPS, members: seeds(256), steps: 30, every: 30 };
    const result = new ReferenceEngine().runSync(spec);
    const K = WRPS.K;
    const last = result.times.length - 1;
    for (const b of [0, 1, 100, 255]) {
      const single = runReference({
        game: WRPS,
        solver: 'nash-mp',
        beta: 0.1,
        steps: 30,
        queries: { kind: 'sampled', samples: 10, seed: b },
      });
      const got = result.logPolicies.slice((last * 256 + b) * K, (last * 256 + b + 1) * K);
      expect(Array.from(got)).toEqual(Array.from(single.final.logPolicy));
    }
    // Different seeds, different runs.
    const finals = new Set<string>();
    for (let b = 0; b < 256; b++)
      finals.add(
        Array.from(result.logPolicies.slice((last * 256 + b) * K, (last * 256 + b + 1) * K)).join(),
      );
    expect(finals.size).toBe(256);
  });

  it('EnginePool shards keep each member’s seed and merge back in member order', async () => {
    const seen: BatchMember[][] = [];
    const fake = (): EngineClient =>
      ({
        run: async (_engine: string, spec: BatchSpec) => {
          seen.push(spec.members);
          return (await new ReferenceEngine().run(spec)) as ClientResult;
        },
        terminate() {},
      }) as unknown as EngineClient;
    const pool = new EnginePool([fake(), fake()]);
    const members = seeds(256);
    const spec: BatchSpec = { game: WRPS, members, steps: 50, every: 25, metrics: false };
    // Whether a run shards is measured (pool-plan.test.ts); the shards themselves are tested here.
    const merged = await pool.runSharded('reference', spec);
    expect(seen).toHaveLength(2);
    expect(seen.flat().map((m) => m.queries)).toEqual(members.map((m) => m.queries));
    const whole = new ReferenceEngine().runSync(spec);
    expect(Array.from(merged.logPolicies)).toEqual(Array.from(whole.logPolicies));
  });

  it('auto calibrates sampled and inner-step workloads apart from exact ones', () => {
    const exact: BatchSpec = {
      game: WRPS,
      members: seeds(4).map((m) => ({ ...m, queries: { kind: 'exact' } })),
      steps: 10,
      every: 10,
    };
    const sampled: BatchSpec = { ...exact, members: seeds(4, 50) };
    const inner: BatchSpec = {
      ...exact,
      members: exact.members.map((m) => ({
        ...m,
        params: resolveParams('nash-mp', 0.1, { inner: 20 }),
      })),
    };
    expect(new Set([workloadKey(exact), workloadKey(sampled), workloadKey(inner)]).size).toBe(3);
  });
});
