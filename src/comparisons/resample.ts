/**
 * One bootstrap resample of vote counts, stratified by pair: each compared pair keeps its number of
 * votes n_ij and redraws them from its own observed outcome frequencies,
 * (wins, losses, ties) ~ Multinomial(n_ij; w/n, l/n, t/n).
 *
 * Why per pair and not over all votes: P[i][j] depends only on the votes of pair (i, j), and how
 * many votes each pair got is the collector's design (Chatbot Arena's sampler, a tournament's
 * schedule), not an outcome to be uncertain about. Pooled resampling would add noise from random
 * pair sizes and, for rarely compared pairs, draw zero votes and jump to the prior's ½, an artefact
 * of the resampling rather than of the data. Never-compared pairs stay never compared.
 */
import binomialFactory from '@stdlib/random-base-binomial';
import type { ComparisonCounts } from '../core/counts';

/** A binomial sampler over a uniform source; stdlib's (Hörmann's BTRD for n·p ≥ 10): O(1) per draw. */
export type Binomial = (n: number, p: number) => number;

export function binomialSampler(uniform: () => number): Binomial {
  const draw = binomialFactory.factory({ prng: uniform });
  return (n, p) => (n === 0 || p <= 0 ? 0 : p >= 1 ? n : draw(n, p));
}

/** Writes a resample of `counts` into `out` (same K); the prior is carried over. */
export function resampleCounts(
  counts: ComparisonCounts,
  K: number,
  binomial: Binomial,
  out: ComparisonCounts,
): ComparisonCounts {
  const { wins, ties } = counts;
  for (let i = 0; i < K; i++)
    for (let j = i + 1; j < K; j++) {
      const w = wins[i * K + j]!;
      const l = wins[j * K + i]!;
      const t = ties[i * K + j]!;
      const n = w + l + t;
      const w2 = binomial(n, w / n);
      const rest = n - w2;
      const l2 = l + t === 0 ? 0 : binomial(rest, l / (l + t));
      out.wins[i * K + j] = w2;
      out.wins[j * K + i] = l2;
      out.ties[i * K + j] = out.ties[j * K + i] = rest - l2;
    }
  out.prior = counts.prior;
  return out;
}

/** A 32-bit mix (the murmur3 finalizer): independent-looking seeds from (seed, index). */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * The seed of resample `b`: a function of (seed, b) alone, so that shards of a bootstrap run on
 * several workers give exactly the resamples of one run.
 */
export function resampleSeed(seed: number, b: number): number {
  return mix32((seed >>> 0) ^ mix32(b + 0x9e3779b9));
}
