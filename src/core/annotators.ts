/**
 * Preference games as they arise in NLHF: a population of annotator groups, each with its own
 * transitive Bradley–Terry preference, aggregated by population weight. Each group alone is
 * transitive; the mixture can be cyclic (a Condorcet cycle).
 */

export interface AnnotatorGroup {
  /** Who these annotators are (shown in the UI). */
  name: string;
  /** Share of the population; need not be normalized. */
  weight: number;
  /** Bradley–Terry scores, one per action: Pr(i ≻ j) = σ(s_i − s_j). */
  scores: number[];
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** P = Σ_g w_g σ(s_g,i − s_g,j) / Σ_g w_g, as nested rows with P + Pᵀ = 1 exactly. */
export function aggregateAnnotators(groups: readonly AnnotatorGroup[]): number[][] {
  if (groups.length === 0) throw new Error('aggregateAnnotators needs at least one group');
  const K = groups[0]!.scores.length;
  const totalWeight = groups.reduce((s, g) => s + g.weight, 0);
  const P = Array.from({ length: K }, () => new Array<number>(K).fill(0.5));
  for (let i = 0; i < K; i++) {
    for (let j = i + 1; j < K; j++) {
      let p = 0;
      for (const g of groups) p += (g.weight / totalWeight) * sigmoid(g.scores[i]! - g.scores[j]!);
      P[i]![j] = p;
      P[j]![i] = 1 - p;
    }
  }
  return P;
}

/**
 * The ranking rule: a ranking (action indices, best first) is a Bradley–Terry group whose scores
 * step down by `strength` per place, s_{ranking[r]} = (K − 1 − r)·strength. Adjacent places are
 * preferred with σ(strength), places d apart with σ(d·strength): a ranking stays a transitive
 * Bradley–Terry preference, so a single ranked group is fitted exactly by the Bradley–Terry model.
 * The preset's groups are rankings of strength 1.5.
 */
export const DEFAULT_RANKING_STRENGTH = 1.5;

export function rankingScores(ranking: readonly number[], strength: number): number[] {
  const K = ranking.length;
  const scores = new Array<number>(K).fill(0);
  ranking.forEach((action, r) => (scores[action] = (K - 1 - r) * strength));
  return scores;
}

/** The ranking (best first) that scores induce; equal scores keep the action order. */
export function scoresRanking(scores: readonly number[]): number[] {
  return scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
}
