/**
 * The reference engine answers its members' first queries of each step together (one pass over P
 * for every π_t, see matVecs and QueryFn.offer), and measures a sample's members together. Both
 * must leave every number bit-identical to each member run alone.
 */
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../../src/core/metrics';
import { matVec, matVecs } from '../../../src/core/numeric';
import { buildPreset } from '../../../src/core/presets';
import { makeQuery } from '../../../src/core/sampling';
import { resolveParams, SOLVER_IDS } from '../../../src/core/solvers';
import { parseGame } from '../../../src/core/validate';
import { comparableLog, targetEquilibrium } from '../../../src/core/equilibrium';
import { resolveCustomParams } from '../../../src/formula/solver';
import { ReferenceEngine, SHARED_QUERY_MIN_K } from '../../../src/engine/reference';
import type { BatchResult, BatchSpec } from '../../../src/engine/types';

function randomVectors(n: number, seed: number): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  });
}

const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean =>
  a.length === b.length && Array.from(a).every((x, i) => Object.is(x, b[i]));

describe('matVecs', () => {
  it('gives every vector exactly what matVec gives it, for odd and even K and B', () => {
    for (const K of [1, 2, 3, 5, 8, 13]) {
      const M = randomVectors(K * K, K);
      for (const B of [1, 2, 3, 4, 5, 7]) {
        const V = randomVectors(B * K, 7 * K + B);
        const out = matVecs(M, V, B, K, new Float64Array(B * K));
        for (let b = 0; b < B; b++) {
          const one = matVec(M, V.subarray(b * K, (b + 1) * K), K, new Float64Array(K));
          expect(same(out.subarray(b * K, (b + 1) * K), one)).toBe(true);
        }
      }
    }
  });
});

describe('an exact query answered ahead', () => {
  const game = parseGame(buildPreset('random:6:2'));
  const pi = Float64Array.from(game.start);
  const asked = matVec(game.P, pi, 6, new Float64Array(6));

  it('is taken by the next query at the same π and counted as a query', () => {
    const query = makeQuery(game);
    const fake = new Float64Array(6).fill(0.25);
    query.offer!(pi, fake);
    // The offer is what the next query at this array with these values returns.
    expect(Array.from(query(pi, new Float64Array(6)))).toEqual(Array.from(fake));
    expect(query.count).toBe(1);
    // Only once: the query after it computes.
    expect(same(query(pi, new Float64Array(6)), asked)).toBe(true);
    expect(query.count).toBe(2);
  });

  it('is ignored by a query elsewhere, or at the same array once its values changed', () => {
    const query = makeQuery(game);
    const fake = new Float64Array(6).fill(0.25);
    query.offer!(pi, fake);
    const other = Float64Array.from(pi);
    expect(same(query(other, new Float64Array(6)), asked)).toBe(true);
    const moved = Float64Array.from(pi);
    query.offer!(moved, fake);
    moved[0] = moved[0]! / 2;
    moved[1] = moved[1]! + moved[0]!;
    expect(
      same(query(moved, new Float64Array(6)), matVec(game.P, moved, 6, new Float64Array(6))),
    ).toBe(true);
  });

  it('does not exist for sampled queries (their draws stay in order)', () => {
    expect(makeQuery(game, { kind: 'sampled', samples: 10, seed: 1 }).offer).toBeUndefined();
  });
});

describe('the reference engine with shared queries', () => {
  const game = parseGame(buildPreset(`random:${SHARED_QUERY_MIN_K + 5}:4`));
  const beta = 0.1;
  const spec: BatchSpec = {
    game,
    members: [
      ...SOLVER_IDS.map((solver) => ({
        solver,
        params: resolveParams(solver, beta),
        start: game.start,
      })),
      // A reference refresh, a custom rule and a sampled member among them.
      {
        solver: 'nash-mp',
        params: { ...resolveParams('nash-mp', beta), refresh: 40 },
        start: game.start,
      },
      {
        solver: 'custom',
        formula: 'next = logpi + eta * P·pi',
        params: resolveCustomParams(beta, { eta: 0.5 }),
        start: game.start,
      },
      {
        solver: 'inpo',
        params: resolveParams('inpo', beta),
        start: game.start,
        queries: { kind: 'sampled', samples: 20, seed: 3 },
      },
    ],
    steps: 120,
    every: 7,
  };

  const expectSameResult = (a: BatchResult, b: BatchResult): void => {
    expect(same(a.logPolicies, b.logPolicies)).toBe(true);
    expect(same(a.average, b.average)).toBe(true);
    expect(same(a.metrics!.exploitability, b.metrics!.exploitability)).toBe(true);
    expect(same(a.metrics!.regGap, b.metrics!.regGap)).toBe(true);
    expect(same(a.metrics!.klToNE, b.metrics!.klToNE)).toBe(true);
  };

  it('gives every member bit for bit what it gets alone', () => {
    const shared = new ReferenceEngine().runSync(spec);
    const alone = new ReferenceEngine({ shareQueries: false }).runSync(spec);
    expectSameResult(shared, alone);
    // Each member alone in a batch of its own: the same numbers again.
    spec.members.forEach((member, b) => {
      const single = new ReferenceEngine().runSync({ ...spec, members: [member] });
      for (let s = 0; s < shared.times.length; s++) {
        const at = (s * spec.members.length + b) * game.K;
        expect(
          same(
            single.logPolicies.subarray(s * game.K, (s + 1) * game.K),
            shared.logPolicies.subarray(at, at + game.K),
          ),
        ).toBe(true);
      }
    });
  });

  it('with hitting times that stop members, too', () => {
    const hit = { ...spec, steps: 300, hit: { epsilon: 1e-6, stop: true } };
    const shared = new ReferenceEngine().runSync(hit);
    const alone = new ReferenceEngine({ shareQueries: false }).runSync(hit);
    expectSameResult(shared, alone);
    expect(Array.from(shared.hitTimes!)).toEqual(Array.from(alone.hitTimes!));
    expect(Array.from(shared.hitTimes!).some((t) => t >= 0)).toBe(true);
  });

  it('measures each sample as computeMetrics does, member by member', () => {
    const result = new ReferenceEngine().runSync(spec);
    const B = spec.members.length;
    const s = 5;
    spec.members.forEach((member, b) => {
      const eq = targetEquilibrium(game, member.solver, member.params);
      const at = (s * B + b) * game.K;
      const m = computeMetrics(
        game,
        eq.beta,
        comparableLog(eq),
        result.logPolicies.subarray(at, at + game.K),
      );
      expect(Object.is(result.metrics!.exploitability[s * B + b], m.exploitability)).toBe(true);
      expect(Object.is(result.metrics!.regGap[s * B + b], m.regGap)).toBe(true);
      expect(Object.is(result.metrics!.klToNE[s * B + b], m.klToNE)).toBe(true);
    });
  });
});
