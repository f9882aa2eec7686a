/**
 * The statistics of games from votes: the estimator converging like 1/√n on a synthetic annotator
 * population, bootstrap percentile intervals covering the true equilibria at about their nominal
 * rate, the cycle fractions, the Bradley–Terry fit to the votes, and the mechanics of the bootstrap
 * (determinism, shards, cancellation, the warm-started equilibria).
 */
import { describe, expect, it } from 'vitest';
import {
  bootstrapComparisons,
  bootstrapComparisonsSync,
  bootstrapShard,
  BootstrapError,
  combineBootstrap,
  fitVotes,
  hasMajorityCycle,
  quantileSorted,
} from '../../../src/comparisons/bootstrap';
import { posteriorPreference, type ComparisonCounts } from '../../../src/core/counts';
import { gameFromComparisons } from '../../../src/comparisons/import';
import { binomialSampler, resampleCounts } from '../../../src/comparisons/resample';
import { simulateCounts } from '../../../src/comparisons/simulate';
import { aggregateAnnotators, sigmoid } from '../../../src/core/annotators';
import {
  prepareWarmStart,
  solveEquilibrium,
  solveEquilibriumNear,
} from '../../../src/core/equilibrium';
import type { Game } from '../../../src/core/game';
import { CONDORCET_GROUPS, buildPreset } from '../../../src/core/presets';
import { luFactor, luSolve, solveLinear } from '../../../src/core/numeric';
import { mulberry32 } from '../../../src/core/random';
import { parseGame } from '../../../src/core/validate';

/** A game whose P is the posterior mean of `counts` (as an import makes it). */
function fromCounts(truth: Game, counts: ComparisonCounts): Game {
  return { ...truth, P: posteriorPreference(counts, truth.K), counts };
}

/**
 * A cycle x ≻ z ≻ y ≻ x with unequal margins (A = 2P − 1: a_xy = −0.3, a_xz = 0.4, a_yz = −0.5):
 * the β = 0 equilibrium is (5/12, 1/3, 1/4), interior, so it moves smoothly with P.
 */
const CYCLE = parseGame({
  name: 'cycle',
  actions: ['x', 'y', 'z'],
  preference: [
    [0.5, 0.35, 0.7],
    [0.65, 0.5, 0.25],
    [0.3, 0.75, 0.5],
  ],
});

describe('the estimator on a synthetic population', () => {
  it('recovers P with an error shrinking like 1/√n', () => {
    // Votes drawn one by one from the Condorcet annotator population: a group by its weight, then
    // the group's Bradley–Terry preference. Their aggregate is the known P.
    const groups = CONDORCET_GROUPS;
    const P = aggregateAnnotators(groups);
    const K = P.length;
    const totalWeight = groups.reduce((s, g) => s + g.weight, 0);
    const rand = mulberry32(2024);
    const replications = 50;
    const rmse: number[] = [];
    const sizes = [100, 400, 1600, 6400];
    for (const n of sizes) {
      let sq = 0;
      for (let r = 0; r < replications; r++) {
        const wins = new Float64Array(K * K);
        for (let i = 0; i < K; i++)
          for (let j = i + 1; j < K; j++)
            for (let v = 0; v < n; v++) {
              let u = rand() * totalWeight;
              const group = groups.find((g) => (u -= g.weight) < 0) ?? groups.at(-1)!;
              if (rand() < sigmoid(group.scores[i]! - group.scores[j]!)) wins[i * K + j]! += 1;
              else wins[j * K + i]! += 1;
            }
        const est = posteriorPreference({ wins, ties: new Float64Array(K * K), prior: 1 }, K);
        for (let i = 0; i < K; i++)
          for (let j = i + 1; j < K; j++) sq += (est[i * K + j]! - P[i]![j]!) ** 2;
      }
      rmse.push(Math.sqrt(sq / (replications * 3)));
    }
    // The binomial standard error √(p(1 − p)/n), p = P[i][j] ≈ 0.67 or 0.33 here.
    const pq = [P[0]![1]!, P[0]![2]!, P[1]![2]!].reduce((s, p) => s + p * (1 - p), 0) / 3;
    sizes.forEach((n, k) => {
      expect(rmse[k]! * Math.sqrt(n)).toBeGreaterThan(0.8 * Math.sqrt(pq));
      expect(rmse[k]! * Math.sqrt(n)).toBeLessThan(1.2 * Math.sqrt(pq));
    });
    for (let k = 1; k < sizes.length; k++) {
      expect(rmse[k - 1]! / rmse[k]!).toBeGreaterThan(1.6);
      expect(rmse[k - 1]! / rmse[k]!).toBeLessThan(2.5);
    }
    expect(rmse.at(-1)!).toBeLessThan(0.01);
  });
});

describe('bootstrap intervals', () => {
  it('cover the true equilibria at about their nominal 95 % over 200 simulated data sets', () => {
    // 200 data sets of 200 votes per pair (10 % ties), B = 200 resamples each.
    const beta = 0.1;
    const truthBeta = solveEquilibrium(CYCLE, beta).policy;
    const truth0 = solveEquilibrium(CYCLE, 0).policy;
    expect(Array.from(truth0)).toEqual([
      expect.closeTo(5 / 12, 12),
      expect.closeTo(1 / 3, 12),
      expect.closeTo(1 / 4, 12),
    ]);
    const rand = mulberry32(11);
    const datasets = 200;
    const covered = { beta: [0, 0, 0], zero: [0, 0, 0] };
    for (let d = 0; d < datasets; d++) {
      const counts = simulateCounts(CYCLE.P, 3, 200, rand, { tieRate: 0.1 });
      const r = bootstrapComparisonsSync(fromCounts(CYCLE, counts), {
        beta,
        resamples: 200,
        seed: d,
      });
      for (let i = 0; i < 3; i++) {
        const { nashBeta: ib, nash0: i0 } = r.intervals;
        if (ib.lower[i]! <= truthBeta[i]! && truthBeta[i]! <= ib.upper[i]!) covered.beta[i]!++;
        if (i0.lower[i]! <= truth0[i]! && truth0[i]! <= i0.upper[i]!) covered.zero[i]!++;
      }
    }
    for (const c of [...covered.beta, ...covered.zero]) {
      expect(c / datasets).toBeGreaterThanOrEqual(0.9);
      expect(c / datasets).toBeLessThanOrEqual(0.99);
    }
  }, 120_000);

  it('are type-7 percentiles of the cloud, and contain the median', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.025)).toBeCloseTo(1.075, 14);
    expect(quantileSorted([5], 0.975)).toBe(5);
    const counts = simulateCounts(CYCLE.P, 3, 100, mulberry32(5));
    const r = bootstrapComparisonsSync(fromCounts(CYCLE, counts), { beta: 0.1, resamples: 101 });
    for (let i = 0; i < 3; i++) {
      const column = Array.from({ length: 101 }, (_, b) => r.nashBeta[b * 3 + i]!).sort(
        (a, b) => a - b,
      );
      expect(r.intervals.nashBeta.median[i]).toBe(column[50]);
      expect(r.intervals.nashBeta.lower[i]).toBeCloseTo(
        column[2]! + 0.5 * (column[3]! - column[2]!),
        15,
      );
      expect(r.intervals.nashBeta.lower[i]!).toBeLessThanOrEqual(r.intervals.nashBeta.median[i]!);
    }
    // Every resampled equilibrium is a distribution.
    for (let b = 0; b < 101; b++) {
      const s = r.nash0[b * 3]! + r.nash0[b * 3 + 1]! + r.nash0[b * 3 + 2]!;
      expect(s).toBeCloseTo(1, 12);
    }
  });
});

describe('majority cycles across resamples', () => {
  it('holds in every resample of a strong cycle and in none of a clear order', () => {
    const counts = simulateCounts(CYCLE.P, 3, 400, mulberry32(8));
    const cyc = bootstrapComparisonsSync(fromCounts(CYCLE, counts), { beta: 0.1 });
    expect(cyc.point.cycle).toEqual([0, 2, 1]);
    expect(cyc.cycleFraction).toBe(1);
    expect(cyc.sameCycleFraction).toBe(1);

    const transitive = parseGame(buildPreset('transitive'));
    const t = simulateCounts(transitive.P, 4, 400, mulberry32(9));
    const ord = bootstrapComparisonsSync(fromCounts(transitive, t), { beta: 0.1 });
    expect(ord.point.cycle).toBeNull();
    expect(ord.cycleFraction).toBe(0);
    expect(ord.sameCycleFraction).toBeNull();
    expect(ord.sameCycleCount).toBeNull();
  });

  it('counts the resamples where a weak cycle survives', () => {
    // 6–4 on each side of a cycle: the majority flips often under resampling.
    const g = gameFromComparisons('a,b,wins_a,wins_b\nx,y,6,4\ny,z,6,4\nz,x,6,4\n', 'weak.csv');
    const r = bootstrapComparisonsSync(g, { beta: 0.1, resamples: 400, seed: 3 });
    expect(r.point.cycle).not.toBeNull();
    expect(r.cycleFraction).toBeGreaterThan(0.05);
    expect(r.cycleFraction).toBeLessThan(0.6);
    // Here the only possible cycles are x ≻ y ≻ z ≻ x and its reverse, which needs all three flipped.
    expect(r.sameCycleCount!).toBeLessThanOrEqual(r.cycleCount);
  });

  it('detects cycles like a depth-first search of the majority edges', () => {
    for (let k = 0; k < 50; k++) {
      const g = parseGame(buildPreset(`random:6:${k + 1}`));
      const rows = Array.from({ length: 6 }, (_, i) => Array.from(g.P.subarray(i * 6, i * 6 + 6)));
      const cycle = rows.some((_, s) => {
        const seen = new Set<number>();
        const stack = [s];
        while (stack.length) {
          const u = stack.pop()!;
          for (let v = 0; v < 6; v++)
            if (rows[u]![v]! > 0.5) {
              if (v === s) return true;
              if (!seen.has(v)) {
                seen.add(v);
                stack.push(v);
              }
            }
        }
        return false;
      });
      expect(hasMajorityCycle(g.P, 6)).toBe(cycle);
    }
  });
});

describe('the Bradley–Terry fit to the votes', () => {
  it('matches the closed form for two actions: s_x − s_y = log(wins/losses)', () => {
    const g = gameFromComparisons('a,b,wins_a,wins_b,ties\nx,y,5,1,2\n', 'two.csv');
    const bt = fitVotes(g.counts!, 2, g.actions);
    expect(bt.ok).toBe(true);
    if (!bt.ok) return;
    // Ties half each way: 6 "wins" of 8; σ(d) = 3/4, d = log 3.
    expect(bt.fit.scores[0]! - bt.fit.scores[1]!).toBeCloseTo(Math.log(3), 12);
    expect(bt.fit.scores[0]! + bt.fit.scores[1]!).toBeCloseTo(0, 14);
  });

  it('weights pairs by their votes, unlike the uniform fit to P', () => {
    // A 3-cycle with one heavily compared pair: the weighted fit follows that pair closely.
    const g = gameFromComparisons('a,b,wins_a,wins_b\nx,y,900,100\ny,z,6,4\nz,x,6,4\n', 'w.csv');
    const bt = fitVotes(g.counts!, 3, g.actions);
    expect(bt.ok).toBe(true);
    if (!bt.ok) return;
    const [sx, sy] = [bt.fit.scores[0]!, bt.fit.scores[1]!];
    expect(sigmoid(sx - sy)).toBeGreaterThan(0.85);
    // The first-order conditions of the weighted likelihood hold: Σ_j N_ij (σ_ij − P̂_ij) = 0.
    const N = [
      [0, 1000, 10],
      [1000, 0, 10],
      [10, 10, 0],
    ];
    const Phat = [
      [0.5, 0.9, 0.4],
      [0.1, 0.5, 0.6],
      [0.6, 0.4, 0.5],
    ];
    for (let i = 0; i < 3; i++) {
      let grad = 0;
      for (let j = 0; j < 3; j++)
        if (i !== j)
          grad += N[i]![j]! * (sigmoid(bt.fit.scores[i]! - bt.fit.scores[j]!) - Phat[i]![j]!);
      expect(Math.abs(grad)).toBeLessThan(1e-9);
    }
  });

  it('says why it fails: an unbeaten action, or actions never compared with the rest', () => {
    const unbeaten = gameFromComparisons('a,b,wins_a,wins_b\nx,y,3,0\ny,z,2,1\n', 'u.csv');
    const r1 = fitVotes(unbeaten.counts!, 3, unbeaten.actions);
    expect(r1.ok).toBe(false);
    if (!r1.ok) expect(r1.reason).toContain('y, z never beat x (in any vote)');
    const apart = gameFromComparisons('a,b,wins_a,wins_b\nx,y,3,1\nz,w,2,1\n', 'a.csv');
    const r2 = fitVotes(apart.counts!, 4, apart.actions);
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.reason).toContain('z, w were never compared');
  });

  it('comes with the bootstrap, with its RLHF policy at β', () => {
    const counts = simulateCounts(CYCLE.P, 3, 300, mulberry32(1));
    const r = bootstrapComparisonsSync(fromCounts(CYCLE, counts), { beta: 0.1, resamples: 10 });
    expect(r.bradleyTerry.ok).toBe(true);
    expect(r.rewardPolicy).not.toBeNull();
    expect(Array.from(r.rewardPolicy!).reduce((s, p) => s + p, 0)).toBeCloseTo(1, 14);
  });
});

describe('the bootstrap run', () => {
  const counts = simulateCounts(CYCLE.P, 3, 150, mulberry32(21), { tieRate: 0.2 });
  const game = fromCounts(CYCLE, counts);

  it('is determined by its seed, and shards combine to the same run', () => {
    const a = bootstrapComparisonsSync(game, { beta: 0.2, resamples: 30, seed: 7 });
    const b = bootstrapComparisonsSync(game, { beta: 0.2, resamples: 30, seed: 7 });
    const c = bootstrapComparisonsSync(game, { beta: 0.2, resamples: 30, seed: 8 });
    expect(Array.from(a.nashBeta)).toEqual(Array.from(b.nashBeta));
    expect(Array.from(a.nashBeta)).not.toEqual(Array.from(c.nashBeta));
    const opts = { beta: 0.2, resamples: 30, seed: 7 };
    const shards = [bootstrapShard(game, opts, 20, 10), bootstrapShard(game, opts, 0, 20)];
    const combined = combineBootstrap(game, opts, shards);
    expect(Array.from(combined.nashBeta)).toEqual(Array.from(a.nashBeta));
    expect(Array.from(combined.nash0)).toEqual(Array.from(a.nash0));
    expect(combined.cycleCount).toBe(a.cycleCount);
    expect(() => combineBootstrap(game, opts, [shards[1]!])).toThrow(/resample 20 is in no shard/);
    expect(() => combineBootstrap(game, opts, [shards[1]!, shards[1]!, shards[0]!])).toThrow(
      /in two shards/,
    );
  });

  it('runs async with progress, and stops on abort', async () => {
    const seen: number[] = [];
    const r = await bootstrapComparisons(
      game,
      { beta: 0.2, resamples: 25, seed: 7 },
      { onProgress: (done, total) => seen.push(done * 100 + total) },
    );
    expect(seen).toHaveLength(25);
    expect(seen.at(-1)).toBe(2525);
    const sync = bootstrapComparisonsSync(game, { beta: 0.2, resamples: 25, seed: 7 });
    expect(Array.from(r.nash0)).toEqual(Array.from(sync.nash0));

    const controller = new AbortController();
    controller.abort(new Error('cancelled by the user'));
    await expect(
      bootstrapComparisons(game, { beta: 0.2 }, { signal: controller.signal }),
    ).rejects.toThrow('cancelled by the user');
  });

  it('at β = 0 gives one equilibrium twice', () => {
    const r = bootstrapComparisonsSync(game, { beta: 0, resamples: 12 });
    expect(Array.from(r.nashBeta)).toEqual(Array.from(r.nash0));
  });

  it('refuses a game without votes and bad options', () => {
    expect(() => bootstrapComparisonsSync(CYCLE, { beta: 0.1 })).toThrow(BootstrapError);
    expect(() => bootstrapComparisonsSync(CYCLE, { beta: 0.1 })).toThrow(/no vote counts/);
    for (const bad of [
      { beta: -1 },
      { beta: 0.1, resamples: 0 },
      { beta: 0.1, resamples: 2.5 },
      { beta: 0.1, level: 1 },
      { beta: 0.1, seed: -1 },
    ])
      expect(() => bootstrapComparisonsSync(game, bad)).toThrow(BootstrapError);
  });

  it('keeps pair sizes and never-compared pairs in every resample', () => {
    const g = gameFromComparisons(
      'a,b,wins_a,wins_b,ties\nx,y,7,2,1\ny,z,0,0,0\nz,x,30,0,0\n',
      'r.csv',
    );
    const binomial = binomialSampler(mulberry32(1));
    const out: ComparisonCounts = {
      wins: new Float64Array(9),
      ties: new Float64Array(9),
      prior: 0,
    };
    for (let k = 0; k < 50; k++) {
      resampleCounts(g.counts!, 3, binomial, out);
      expect(out.wins[1]! + out.wins[3]! + out.ties[1]!).toBe(10);
      expect(out.ties[1]).toBe(out.ties[3]);
      expect(out.wins[5]! + out.wins[7]! + out.ties[5]!).toBe(0);
      expect(out.wins[2]! + out.wins[6]!).toBe(30);
      expect(out.wins[6]).toBe(30); // z always beat x
      expect(out.prior).toBe(1);
    }
  });
});

describe('warm-started equilibria', () => {
  it('reuse one LU factorization for many right-hand sides', () => {
    // Needs a row exchange: the first pivot is 0.
    const A = [0, 2, 1, 1, 1, 1, 2, 1, 3];
    const f = luFactor(A, 3)!;
    for (const b of [
      [3, 3, 6],
      [1, 0, 0],
      [-2, 5, 0.5],
    ]) {
      const x = luSolve(f, b);
      const expected = solveLinear(Float64Array.from(A), Float64Array.from(b), 3)!;
      for (let i = 0; i < 3; i++) expect(x[i]).toBeCloseTo(expected[i]!, 14);
    }
    expect(Array.from(luSolve(f, [3, 3, 6]))).toEqual([
      expect.closeTo(1, 14),
      expect.closeTo(1, 14),
      expect.closeTo(1, 14),
    ]);
    expect(luFactor([1, 2, 2, 4], 2)).toBeNull();
  });

  it('equal the cold solves on resampled games', () => {
    const truth = parseGame(buildPreset('random:12:5'));
    const counts = simulateCounts(truth.P, 12, 300, mulberry32(6));
    const game = fromCounts(truth, counts);
    const near = { b: prepareWarmStart(game, 0.05), z: prepareWarmStart(game, 0) };
    const binomial = binomialSampler(mulberry32(2));
    const out: ComparisonCounts = {
      wins: new Float64Array(144),
      ties: new Float64Array(144),
      prior: 1,
    };
    for (let k = 0; k < 10; k++) {
      resampleCounts(counts, 12, binomial, out);
      const g = { ...game, P: posteriorPreference(out, 12), counts: undefined };
      const warmB = solveEquilibriumNear(g, 0.05, near.b);
      const coldB = solveEquilibrium({ ...g }, 0.05);
      expect(warmB.regGap).toBeLessThan(1e-12);
      for (let i = 0; i < 12; i++) expect(warmB.policy[i]).toBeCloseTo(coldB.policy[i]!, 10);
      const warm0 = solveEquilibriumNear(g, 0, near.z);
      const cold0 = solveEquilibrium({ ...g }, 0);
      expect(warm0.exploitability).toBeLessThan(1e-12);
      for (let i = 0; i < 12; i++) expect(warm0.policy[i]).toBeCloseTo(cold0.policy[i]!, 10);
    }
  });

  it('fall back to the cold solve when the warm start does not fit', () => {
    const rps = parseGame(buildPreset('rps'));
    const transitive = parseGame(buildPreset('transitive'));
    // RPS's support (all three) is wrong for a transitive game of another size: cold solve.
    const farAway = prepareWarmStart(rps, 0);
    const eq = solveEquilibriumNear(transitive, 0, farAway);
    expect(Array.from(eq.policy)).toEqual(Array.from(solveEquilibrium(transitive, 0).policy));
    // A support that no longer holds: the weighted RPS equilibrium from RPS's uniform one.
    const wrps = parseGame(buildPreset('weighted-rps'));
    const fromUniform = solveEquilibriumNear(wrps, 0, prepareWarmStart(rps, 0));
    expect(Array.from(fromUniform.policy)).toEqual([
      expect.closeTo(5 / 9, 12),
      expect.closeTo(1 / 3, 12),
      expect.closeTo(1 / 9, 12),
    ]);
    // A pure equilibrium's support on a cycle: the one-action solve fails its check (paper beats
    // rock), and the LP finds the uniform equilibrium.
    const ordered = parseGame({
      name: 'ordered',
      actions: ['a', 'b', 'c'],
      preference: [
        [0.5, 0.7, 0.8],
        [0.3, 0.5, 0.6],
        [0.2, 0.4, 0.5],
      ],
    });
    const fromPure = solveEquilibriumNear(rps, 0, prepareWarmStart(ordered, 0));
    expect(Array.from(fromPure.policy)).toEqual([
      expect.closeTo(1 / 3, 12),
      expect.closeTo(1 / 3, 12),
      expect.closeTo(1 / 3, 12),
    ]);
  });
});
