/**
 * Synthetic votes from a known preference matrix: for tests of the estimator and the bootstrap, and
 * for the benchmark's workloads. Each pair gets `votesPerPair` independent votes; a vote is a tie
 * with probability `tieRate`, else i wins with probability (P[i][j] − tieRate/2)/(1 − tieRate), so
 * that a tie counting half keeps Pr(i ≻ j) = P[i][j] (needs tieRate/2 ≤ min(P, 1 − P)).
 */
import type { Game } from '../core/game';
import { buildPreset } from '../core/presets';
import { mulberry32 } from '../core/random';
import { parseGame } from '../core/validate';
import { posteriorPreference, type ComparisonCounts } from '../core/counts';
import { binomialSampler } from './resample';

export function simulateCounts(
  P: Float64Array,
  K: number,
  votesPerPair: number,
  uniform: () => number,
  options: { prior?: number; tieRate?: number } = {},
): ComparisonCounts {
  const { prior = 1, tieRate = 0 } = options;
  const binomial = binomialSampler(uniform);
  const wins = new Float64Array(K * K);
  const ties = new Float64Array(K * K);
  for (let i = 0; i < K; i++)
    for (let j = i + 1; j < K; j++) {
      const p = P[i * K + j]!;
      if (tieRate / 2 > Math.min(p, 1 - p) + 1e-12)
        throw new RangeError(`tie rate ${tieRate} is too high for P[${i}][${j}] = ${p}`);
      const t = binomial(votesPerPair, tieRate);
      const w = binomial(votesPerPair - t, tieRate < 1 ? (p - tieRate / 2) / (1 - tieRate) : 0);
      wins[i * K + j] = w;
      wins[j * K + i] = votesPerPair - t - w;
      ties[i * K + j] = ties[j * K + i] = t;
    }
  return { wins, ties, prior };
}

/**
 * A benchmark workload: the seeded `random:K:seed` preset's P as the truth, `votesPerPair` simulated
 * votes per pair (10 % ties), and the game estimated from them, with its counts.
 */
export function simulatedComparisonsGame(K: number, votesPerPair: number, seed: number): Game {
  const truth = parseGame(buildPreset(`random:${K}:${seed}`));
  const tieRate = 0.1;
  // The preset's P reaches 0 and 1; keep every pair able to tie.
  const P = truth.P.map((p) => Math.min(Math.max(p, tieRate / 2), 1 - tieRate / 2));
  const counts = simulateCounts(P, K, votesPerPair, mulberry32(seed), { tieRate });
  return {
    ...truth,
    name: `${K} actions, ${votesPerPair} simulated votes per pair`,
    P: posteriorPreference(counts, K),
    counts,
  };
}
