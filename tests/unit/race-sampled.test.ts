/**
 * Sampled races in the app: many seeds per solver, the median and quartiles over them, the
 * sampling stride under the transfer budget, the engine choice, and parity with the CLI.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { buildPreset } from '../../src/core/presets';
import { getSolver, type SolverId } from '../../src/core/solvers';
import { parseGame } from '../../src/core/validate';
import { ReferenceEngine } from '../../src/engine/reference';
import {
  averageMetricsOf,
  quantileSorted,
  RACE_TRANSFER_BUDGET,
  raceFromResult,
  raceSpec,
  raceStride,
  sampleIndex,
  seedQuantiles,
  type RaceSettings,
} from '../../src/state/race';
import { raceCsv } from '../../src/state/exports';
import { engineFor } from '../../src/ui/raceRunner';

const game = parseGame(buildPreset('weighted-rps'));
const queriesOf = (s: SolverId): number => getSolver(s).queriesPerStep;

function settings(over: Partial<RaceSettings> = {}): RaceSettings {
  return {
    game,
    beta: 0.1,
    solvers: ['nash-mp', 'sppo'],
    params: { 'nash-mp': { inner: 5 } },
    budget: 60,
    queries: { kind: 'sampled', samples: 20, seed: 7 },
    seeds: 256,
    ...over,
  };
}

interface RunJSON {
  trace: { t: number; policy: number[]; klToNE: number; exploitability: number; regGap: number }[];
}

describe('raceSpec with sampled queries', () => {
  it('makes `seeds` members per solver, identical but for queries.seed = (seed + i) >>> 0', () => {
    const spec = raceSpec(
      settings({ queries: { kind: 'sampled', samples: 20, seed: 2 ** 32 - 2 } }),
    );
    expect(spec.members).toHaveLength(512);
    spec.members.forEach((m, j) => {
      const b = Math.floor(j / 256);
      const i = j % 256;
      expect(m.solver).toBe(['nash-mp', 'sppo'][b]);
      expect(m.queries).toEqual({ kind: 'sampled', samples: 20, seed: (2 ** 32 - 2 + i) >>> 0 });
      expect(m.params).toEqual(spec.members[b * 256]!.params);
    });
    expect(spec.members[1]!.queries).toEqual({ kind: 'sampled', samples: 20, seed: 2 ** 32 - 1 });
    expect(spec.members[2]!.queries).toEqual({ kind: 'sampled', samples: 20, seed: 0 });
    expect(spec.members[0]!.params.inner).toBe(5);
  });

  it('exact races are one member per solver, every iteration', () => {
    const spec = raceSpec(settings({ queries: { kind: 'exact' } }));
    expect(spec.members.map((m) => m.solver)).toEqual(['nash-mp', 'sppo']);
    expect(spec.members[0]!.queries).toBeUndefined();
    expect(spec.every).toBe(1);
  });

  it('the stride keeps what crosses the worker boundary under the budget', () => {
    // 6 solvers × 256 seeds, K = 3, 2,000 iterations: 49 bytes per member and sample.
    expect(raceStride(1536, 3, 2000, true)).toBe(4);
    expect(raceStride(1536, 3, 2000, false)).toBe(1);
    expect(raceStride(256, 3, 2000, true)).toBe(1);
    for (const [members, K] of [
      [1536, 3],
      [11 * 1024, 12],
      [6 * 512, 10],
    ] as const) {
      const every = raceStride(members, K, 2000, true);
      const samples = Math.ceil(2000 / every) + 1;
      expect(samples * members * (8 * K + 25)).toBeLessThanOrEqual(RACE_TRANSFER_BUDGET);
    }
  });

  it('engineFor counts the sampling cost: reference for small work, auto for many seeds', () => {
    const exact = raceSpec(settings({ queries: { kind: 'exact' }, budget: 2000 }));
    expect(engineFor(exact)).toBe('reference');
    const sampled = raceSpec(
      settings({ solvers: ['nash-mp', 'egpo', 'inpo', 'mnpo', 'nash-md', 'sppo'], budget: 2000 }),
    );
    expect(engineFor(sampled)).toBe('auto');
    // One sampled run of 100 steps with n = 1 is tiny.
    expect(
      engineFor({
        game,
        steps: 100,
        members: [{ solver: 'inpo', queries: { kind: 'sampled', samples: 1, seed: 0 } }],
      }),
    ).toBe('reference');
  });
});

describe('median and interquartile band', () => {
  it('quantiles interpolate linearly between order statistics (R-7, as d3.quantile)', () => {
    const v = Float64Array.from([1, 2, 3, 4, 10]);
    expect(quantileSorted(v, 0.5)).toBe(3);
    expect(quantileSorted(v, 0.25)).toBe(2);
    expect(quantileSorted(v, 0.75)).toBe(4);
    const four = Float64Array.from([1, 2, 3, 5]);
    expect(quantileSorted(four, 0.5)).toBe(2.5);
    expect(quantileSorted(four, 0.25)).toBe(1.75);
    expect(quantileSorted(four, 0.75)).toBe(3.5);
    expect(quantileSorted(Float64Array.from([1, Infinity, Infinity]), 0.75)).toBe(Infinity);
    const q = seedQuantiles(2, 4, (s, i) => (s + 1) * [5, 1, 3, 2][i]!);
    expect(Array.from(q.median)).toEqual([2.5, 5]);
    expect(Array.from(q.lower)).toEqual([1.75, 3.5]);
    expect(Array.from(q.upper)).toEqual([3.5, 7]);
  });

  it("a race's traces are the quartiles of its seeds' metrics; the policies are seed 0's", async () => {
    const s = settings();
    const spec = raceSpec(s);
    const result = await new ReferenceEngine().run(spec);
    const race = raceFromResult(s, result, queriesOf, 1);
    expect(race.seeds).toBe(256);
    expect(race.every).toBe(1);
    const { B, K } = result;
    race.traces.forEach((tr, j) => {
      for (const t of [0, 1, 30, 60]) {
        const kl = Float64Array.from(
          { length: 256 },
          (_, i) => result.metrics!.klToNE[t * B + j * 256 + i]!,
        ).sort();
        expect(tr.klToNE[t]).toBe(quantileSorted(kl, 0.5));
        expect(tr.bands!.klToNE.lower[t]).toBe(quantileSorted(kl, 0.25));
        expect(tr.bands!.klToNE.upper[t]).toBe(quantileSorted(kl, 0.75));
        if (t > 0) expect(tr.bands!.klToNE.lower[t]!).toBeLessThan(tr.bands!.klToNE.upper[t]!);
        for (let a = 0; a < K; a++)
          expect(tr.policies[t * K + a]).toBe(
            Math.exp(result.logPolicies[(t * B + j * 256) * K + a]!),
          );
      }
    });
    const avg = averageMetricsOf(race, race.traces[0]!);
    expect(avg.bands).toBeDefined();
    expect(avg.averageRegGap).toHaveLength(61);
    expect(avg.bands!.averageRegGap.lower[60]!).toBeLessThanOrEqual(avg.averageRegGap[60]!);
    expect(avg.bands!.averageRegGap.upper[60]!).toBeGreaterThanOrEqual(avg.averageRegGap[60]!);
  });

  it('the playback cursor maps iterations to samples of a strided race', () => {
    const times = Float64Array.from([0, 4, 8, 10]);
    expect([0, 3, 4, 7, 8, 9, 10, 11].map((t) => sampleIndex({ times }, t))).toEqual([
      0, 0, 1, 1, 2, 2, 3, 3,
    ]);
  });
});

describe("parity with the CLI: the app's seed-0 trace is `run --queries sampled --samples n --seed s`", () => {
  it.each([
    ['nash-mp', 20, 4294967295, ['--inner', '5']],
    ['nash-mp', 50, 7, ['--inner', '20']],
    ['sppo', 20, 123, []],
  ] as const)('%s, n = %i, seed %i %j', async (solver, samples, seed, extra) => {
    const s = settings({
      solvers: [solver],
      params: extra.length ? { 'nash-mp': { inner: Number(extra[1]) } } : {},
      queries: { kind: 'sampled', samples, seed },
      budget: 100,
    });
    const result = await new ReferenceEngine().run(raceSpec(s));
    const race = raceFromResult(s, result, queriesOf, 1);
    const r = await main([
      'run',
      '--game',
      'weighted-rps',
      '--solver',
      solver,
      '--beta',
      '0.1',
      '--steps',
      '100',
      '--every',
      '10',
      '--queries',
      'sampled',
      '--samples',
      String(samples),
      '--seed',
      String(seed),
      ...extra,
    ]);
    expect(r.code).toBe(0);
    const cli = JSON.parse(r.stdout) as RunJSON;
    expect(cli.trace.map((p) => p.t)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    const tr = race.traces[0]!;
    const { B, K } = result;
    for (const p of cli.trace) {
      const s0 = sampleIndex(tr, p.t);
      expect(tr.times[s0]).toBe(p.t);
      p.policy.forEach((v, a) =>
        expect(Math.abs(tr.policies[s0 * K + a]! - v)).toBeLessThan(1e-12),
      );
      const m = result.metrics!;
      expect(Math.abs(m.klToNE[s0 * B]! - p.klToNE)).toBeLessThan(1e-12);
      expect(Math.abs(m.exploitability[s0 * B]! - p.exploitability)).toBeLessThan(1e-12);
      expect(Math.abs(m.regGap[s0 * B]! - p.regGap)).toBeLessThan(1e-12);
    }
  });
});

describe('CSV of a sampled race', () => {
  it('has the medians, their quartiles and seed 0 policy at the kept iterations', async () => {
    const s = settings({ solvers: ['inpo'], budget: 20 });
    const race = raceFromResult(s, await new ReferenceEngine().run(raceSpec(s)), queriesOf, 1);
    const rows = raceCsv(race).trim().split('\n');
    expect(rows[0]).toBe(
      'solver,t,queries,klToNE,exploitability,regGap,klToNE_q25,klToNE_q75,exploitability_q25,exploitability_q75,regGap_q25,regGap_q75,"p(rock)","p(paper)","p(scissors)"',
    );
    expect(rows).toHaveLength(22);
    const last = rows[21]!.split(',');
    const tr = race.traces[0]!;
    expect(last.slice(0, 3)).toEqual(['inpo', '20', '20']);
    expect(Number(last[3])).toBe(tr.klToNE[20]);
    expect(Number(last[6])).toBe(tr.bands!.klToNE.lower[20]);
    expect(Number(last[7])).toBe(tr.bands!.klToNE.upper[20]);
    expect(Number(last[12])).toBe(tr.policies[60]);
  });
});
