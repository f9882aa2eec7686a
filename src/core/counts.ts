/**
 * Pairwise comparison counts and the preference matrix they imply. P[i][j] is the posterior mean
 * of Pr(i ≻ j) under a Beta(a, a) prior, with a tie counting half a win to each side:
 *
 *   P[i][j] = (wins[i][j] + ties[i][j]/2 + a) / (n_ij + 2a),   n_ij = wins[i][j] + wins[j][i] + ties[i][j].
 *
 * A pair never compared (n_ij = 0) gets ½ whatever a is, and is flagged: its ½ is the prior, not data.
 */

/** The default prior strength: one pseudo-win each way (Laplace's rule of succession). */
export const DEFAULT_PRIOR = 1;

/** Counts of votes between K actions, row-major K×K. */
export interface ComparisonCounts {
  /** wins[i·K + j]: votes in which i beat j. Whole numbers ≥ 0; the diagonal is 0. */
  wins: Float64Array;
  /** ties[i·K + j] = ties[j·K + i]: tied votes between i and j. Whole numbers ≥ 0; diagonal 0. */
  ties: Float64Array;
  /** Strength a ≥ 0 of the Beta(a, a) prior on every P[i][j]. */
  prior: number;
}

/** The `counts` block of the game JSON format. */
export interface CountsJSON {
  /** K×K, wins[i][j] = votes in which action i beat action j. */
  wins: number[][];
  /** K×K symmetric, ties[i][j] = tied votes between i and j (default: none). */
  ties?: number[][];
  /** Beta prior strength a ≥ 0 (default 1). */
  prior?: number;
}

/** Votes between i and j, both orders and ties. */
export function pairVotes(counts: ComparisonCounts, K: number, i: number, j: number): number {
  return counts.wins[i * K + j]! + counts.wins[j * K + i]! + counts.ties[i * K + j]!;
}

/** The posterior mean of Pr(i ≻ j) for one pair (½ when the pair was never compared). */
export function posteriorMean(win: number, loss: number, tie: number, prior: number): number {
  const n = win + loss + tie;
  return n === 0 ? 0.5 : (win + tie / 2 + prior) / (n + 2 * prior);
}

/**
 * The preference matrix of the counts: row-major K×K with P[j][i] = 1 − P[i][j] exactly and a
 * diagonal of exactly ½, as the game validator requires.
 */
export function posteriorPreference(
  counts: ComparisonCounts,
  K: number,
  out = new Float64Array(K * K),
): Float64Array {
  const { wins, ties, prior } = counts;
  for (let i = 0; i < K; i++) {
    out[i * K + i] = 0.5;
    for (let j = i + 1; j < K; j++) {
      const p = posteriorMean(wins[i * K + j]!, wins[j * K + i]!, ties[i * K + j]!, prior);
      out[i * K + j] = p;
      out[j * K + i] = 1 - p;
    }
  }
  return out;
}

/** Pairs i < j that no vote compared: their P[i][j] = ½ comes from no data. */
export function uncomparedPairs(counts: ComparisonCounts, K: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < K; i++)
    for (let j = i + 1; j < K; j++) if (pairVotes(counts, K, i, j) === 0) out.push([i, j]);
  return out;
}

export interface CountsSummary {
  /** All votes, ties included. */
  votes: number;
  ties: number;
  /** Pairs with at least one vote, of K(K − 1)/2. */
  comparedPairs: number;
  pairs: number;
  /** Pairs never compared (P = ½ by the prior alone). */
  uncompared: [number, number][];
  /** Fewest and most votes over the compared pairs. */
  minPairVotes: number;
  maxPairVotes: number;
}

export function summarizeCounts(counts: ComparisonCounts, K: number): CountsSummary {
  let votes = 0;
  let ties = 0;
  let minPairVotes = Infinity;
  let maxPairVotes = 0;
  for (let i = 0; i < K; i++)
    for (let j = i + 1; j < K; j++) {
      const n = pairVotes(counts, K, i, j);
      votes += n;
      ties += counts.ties[i * K + j]!;
      if (n > 0) {
        minPairVotes = Math.min(minPairVotes, n);
        maxPairVotes = Math.max(maxPairVotes, n);
      }
    }
  const uncompared = uncomparedPairs(counts, K);
  const pairs = (K * (K - 1)) / 2;
  return {
    votes,
    ties,
    comparedPairs: pairs - uncompared.length,
    pairs,
    uncompared,
    minPairVotes: minPairVotes === Infinity ? 0 : minPairVotes,
    maxPairVotes,
  };
}

function rows(m: Float64Array, K: number): number[][] {
  return Array.from({ length: K }, (_, i) => Array.from(m.subarray(i * K, (i + 1) * K)));
}

export function countsToJSON(counts: ComparisonCounts, K: number): CountsJSON {
  return { wins: rows(counts.wins, K), ties: rows(counts.ties, K), prior: counts.prior };
}

/** A copy with another prior strength (the counts stay). */
export function withPrior(counts: ComparisonCounts, prior: number): ComparisonCounts {
  return { wins: Float64Array.from(counts.wins), ties: Float64Array.from(counts.ties), prior };
}
