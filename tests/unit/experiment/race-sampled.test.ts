/**
 * Sampled races in the app: many seeds per solver, the median and quartiles over them, the
 * sampling stride under the transfer budget, the engine choice, and parity with the CLI.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { buildPreset } from '../../../src/core/presets';
import { parseGame } from '../../../src/core/validate';
import { ReferenceEngine } from '../../../src/engine/reference';
import { chooseRaceEngine } from '../../../src/engine/choice';
import { averageMetricsOf } from '../../../src/experiment/averages';
import { quantileSorted, seedQuantiles } from '../../../src/experiment/quantiles';
import {
  RACE_TRANSFER_BUDGET,
  raceEntries,
  raceFromResult,
  raceSpec,
  raceStride,
  sampleIndex,
  type RaceSettings,
} from '../../../src/experiment/race';
import { raceCsv, runDocuments } from '../../../src/experiment/exports';
import { staysWithinFrom } from '../../../src/core/hitting';
import { epsilonText } from '../../../src/experiment/hits';

const game = parseGame(buildPreset('weighted-rps'));

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

  it('chooseRaceEngine counts the sampling cost: reference for small work, auto for many seeds', () => {
    const exact = raceSpec(settings({ queries: { kind: 'exact' }, budget: 2000 }));
    expect(chooseRaceEngine(exact)).toBe('reference');
    const sampled = raceSpec(
      settings({ solvers: ['nash-mp', 'egpo', 'inpo', 'mnpo', 'nash-md', 'sppo'], budget: 2000 }),
    );
    expect(chooseRaceEngine(sampled)).toBe('auto');
    // One sampled run of 100 steps with n = 1 is tiny.
    expect(
      chooseRaceEngine({
        game,
        steps: 100,
        members: [
          {
            solver: 'inpo',
            params: raceSpec(settings()).members[0]!.params,
            start: game.start,
            queries: { kind: 'sampled', samples: 1, seed: 0 },
          },
        ],
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
    const race = raceFromResult(s, raceEntries(s).entries, result, 1);
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
    expect(avg.values.regGap).toHaveLength(61);
    expect(avg.bands!.regGap.lower[60]!).toBeLessThanOrEqual(avg.values.regGap[60]!);
    expect(avg.bands!.regGap.upper[60]!).toBeGreaterThanOrEqual(avg.values.regGap[60]!);
    expect(avg.bands!.klToNE.lower[60]!).toBeLessThanOrEqual(avg.values.klToNE[60]!);
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
    const spec = raceSpec(s);
    const result = await new ReferenceEngine().run(spec);
    const race = raceFromResult(s, raceEntries(s).entries, result, 1);
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

describe('exports of a sampled race name what they hold', () => {
  it('CSV: medians and quartiles of the last iterate and the running average, seed s policy', async () => {
    const s = settings({ solvers: ['inpo'], budget: 20 });
    const spec = raceSpec(s);
    const race = raceFromResult(
      s,
      raceEntries(s).entries,
      await new ReferenceEngine().run(spec),
      1,
    );
    // ε: the largest median KL of the last five iterations, so that it is reached.
    const epsilon = Math.max(...race.traces[0]!.klToNE.subarray(15));
    const lines = raceCsv(race, epsilon).trim().split('\n');
    const rows = lines.filter((l) => !l.startsWith('#'));
    // The hits are those of the medians the charts draw (every iteration kept at this budget).
    const t = staysWithinFrom(race.traces[0]!.klToNE, epsilon);
    expect(t).toBeGreaterThan(0);
    expect(lines).toContain(`# hit,inpo,klToNE_median,${epsilonText(epsilon)},${t},${t}`);
    const metrics = (prefix: string): string[] =>
      ['klToNE', 'exploitability', 'regGap'].flatMap((m) =>
        ['median', 'q25', 'q75'].map((q) => `${prefix}${m}_${q}`),
      );
    expect(rows[0]!.split(',')).toEqual([
      'solver',
      't',
      'queries',
      ...metrics(''),
      ...metrics('avg_'),
      '"p(rock) seed 7"',
      '"p(paper) seed 7"',
      '"p(scissors) seed 7"',
    ]);
    expect(rows).toHaveLength(22);
    const last = rows[21]!.split(',').map(Number);
    const tr = race.traces[0]!;
    const avg = averageMetricsOf(race, tr);
    expect(rows[21]!.split(',').slice(0, 3)).toEqual(['inpo', '20', '20']);
    expect(last[3]).toBe(tr.klToNE[20]);
    expect(last[4]).toBe(tr.bands!.klToNE.lower[20]);
    expect(last[5]).toBe(tr.bands!.klToNE.upper[20]);
    expect(last[12]).toBe(avg.values.klToNE[20]);
    expect(last[13]).toBe(avg.bands!.klToNE.lower[20]);
    expect(last[21]).toBe(tr.policies[60]);
  });

  it('JSON: the seed-s CLI run, plus the median and quartiles the charts show, named', async () => {
    const s = settings({ solvers: ['sppo'], params: {}, budget: 30 });
    const spec = raceSpec(s);
    const race = raceFromResult(
      s,
      raceEntries(s).entries,
      await new ReferenceEngine().run(spec),
      1,
    );
    const [doc] = runDocuments(s, race) as {
      params: { queries: unknown };
      overSeeds: {
        description: string;
        seeds: number;
        trace: { t: number; klToNE: { median: number } }[];
      };
    }[];
    expect(doc!.params.queries).toEqual({ model: 'sampled', samples: 20, seed: 7 });
    expect(doc!.overSeeds.description).toBe(
      "median and quartiles over 256 seeds (7 … 262); trace and final above are seed 7's run",
    );
    expect(doc!.overSeeds.trace[30]!.klToNE.median).toBe(race.traces[0]!.klToNE[30]);
    // Exact races export the CLI documents alone.
    const exact = settings({
      solvers: ['sppo'],
      params: {},
      budget: 30,
      queries: { kind: 'exact' },
    });
    const exactSpec = raceSpec(exact);
    const exactRace = raceFromResult(
      exact,
      raceEntries(exact).entries,
      await new ReferenceEngine().run(exactSpec),
      1,
    );
    expect('overSeeds' in runDocuments(exact, exactRace)[0]!).toBe(false);
  });
});
