/**
 * The annotator-population builder's draft: what the user typed, group by group. Like the matrix
 * editor's draft, texts stay as typed and are validated by the core (src/core/population.ts); only
 * a valid population is analysed or applied. Rankings are typed as one rank per action (1 = best)
 * and converted here to the core's best-first list.
 */
import { rankingScores, scoresRanking, DEFAULT_RANKING_STRENGTH } from '../core/annotators';
import type { Game } from '../core/game';
import { analyzeMajority, describeMajority, type MajorityAnalysis } from '../core/majority';
import {
  buildPopulation,
  groupLabel,
  POPULATION_MAX_GROUPS,
  type GroupSpec,
} from '../core/population';
import { CONDORCET_GROUPS } from '../core/presets';
import { compareRewardModelWithNash, type RewardVsNashResult } from '../core/rewardVsNash';
import { validateGame, type ValidationIssue } from '../core/validate';

export type GroupMode = 'scores' | 'ranking';

export interface GroupDraft {
  name: string;
  weight: string;
  mode: GroupMode;
  /** Score step per place in ranking mode. */
  strength: string;
  /** One Bradley–Terry score per action (scores mode). */
  scores: string[];
  /** One rank per action, 1 = best (ranking mode). Both lists are kept so a mode switch loses nothing. */
  ranks: string[];
}

export interface PopulationDraft {
  groups: GroupDraft[];
}

/** A finite number in plain decimal notation, else NaN (the matrix editor's rule). */
function parseNumber(text: string): number {
  return /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(text) ? Number(text) : NaN;
}

/** ranks[i] = place of action i (1-based) for a best-first ranking. */
function ranksOf(ranking: readonly number[]): string[] {
  const ranks = new Array<string>(ranking.length);
  ranking.forEach((action, r) => (ranks[action] = String(r + 1)));
  return ranks;
}

function groupOf(name: string, weight: number, scores: readonly number[]): GroupDraft {
  return {
    name,
    weight: String(weight),
    mode: 'scores',
    strength: String(DEFAULT_RANKING_STRENGTH),
    scores: scores.map(String),
    ranks: ranksOf(scoresRanking(scores)),
  };
}

function rankedGroup(name: string, ranking: readonly number[]): GroupDraft {
  const strength = DEFAULT_RANKING_STRENGTH;
  return {
    ...groupOf(name, 1, rankingScores(ranking, strength)),
    mode: 'ranking',
    ranks: ranksOf(ranking),
  };
}

/**
 * The builder's first content: with three actions the condorcet-annotators preset's groups (the
 * interesting case: transitive groups, cyclic aggregate); otherwise three rankings rotated by a
 * third of K, which also tend to aggregate into a cycle.
 */
export function defaultPopulation(K: number): PopulationDraft {
  if (K === 3) return { groups: CONDORCET_GROUPS.map((g) => groupOf(g.name, g.weight, g.scores)) };
  const shift = Math.ceil(K / 3);
  const names = ['experts', 'students', 'casual users'];
  return {
    groups: names.map((name, g) =>
      rankedGroup(
        name,
        Array.from({ length: K }, (_, r) => (r + g * shift) % K),
      ),
    ),
  };
}

/** Number of actions the draft is for. */
export function populationK(draft: PopulationDraft): number {
  return draft.groups[0]?.scores.length ?? 0;
}

/**
 * The draft resized to K actions (the game gained or lost actions): scores of new actions are 0
 * and they rank last; dropped actions are cut from the end and the remaining ranks renumbered.
 */
export function fitPopulation(draft: PopulationDraft, K: number): PopulationDraft {
  if (populationK(draft) === K) return draft;
  return {
    groups: draft.groups.map((g) => {
      const scores = Array.from({ length: K }, (_, i) => g.scores[i] ?? '0');
      // Keep the relative order of the kept ranks (unparsable ones last), then add the new actions.
      const kept = g.ranks.slice(0, K).map((t, i) => ({ i, r: parseNumber(t) }));
      const key = (r: number): number => (Number.isNaN(r) ? Infinity : r);
      kept.sort((a, b) => key(a.r) - key(b.r) || a.i - b.i);
      const ranks = new Array<string>(K);
      kept.forEach(({ i }, place) => (ranks[i] = String(place + 1)));
      for (let i = kept.length; i < K; i++) ranks[i] = String(i + 1);
      return { ...g, scores, ranks };
    }),
  };
}

export function editGroup(
  draft: PopulationDraft,
  g: number,
  change: Partial<Pick<GroupDraft, 'name' | 'weight' | 'strength'>>,
): PopulationDraft {
  return { groups: draft.groups.map((group, k) => (k === g ? { ...group, ...change } : group)) };
}

/** Score or rank of action i in group g, as typed. */
export function editEntry(
  draft: PopulationDraft,
  g: number,
  i: number,
  text: string,
): PopulationDraft {
  return {
    groups: draft.groups.map((group, k) => {
      if (k !== g) return group;
      const field = group.mode === 'scores' ? 'scores' : 'ranks';
      const values = [...group[field]];
      values[i] = text;
      return { ...group, [field]: values };
    }),
  };
}

/**
 * Switches a group's mode. When the side being left is valid, the other is derived from it
 * (scores → their ranking; ranking → the ranking rule's scores), so the preference carries over.
 */
export function setGroupMode(draft: PopulationDraft, g: number, mode: GroupMode): PopulationDraft {
  return {
    groups: draft.groups.map((group, k) => {
      if (k !== g || group.mode === mode) return group;
      if (mode === 'ranking') {
        const scores = group.scores.map(parseNumber);
        const ok = scores.every(Number.isFinite);
        return { ...group, mode, ...(ok ? { ranks: ranksOf(scoresRanking(scores)) } : {}) };
      }
      const ranking = parseRanks(group.ranks);
      const strength = parseNumber(group.strength);
      const ok = ranking !== null && Number.isFinite(strength) && strength > 0;
      return {
        ...group,
        mode,
        ...(ok ? { scores: rankingScores(ranking, strength).map(String) } : {}),
      };
    }),
  };
}

export function addGroup(draft: PopulationDraft): PopulationDraft {
  if (draft.groups.length >= POPULATION_MAX_GROUPS) return draft;
  const K = populationK(draft);
  let n = draft.groups.length + 1;
  while (draft.groups.some((g) => g.name === `group ${n}`)) n++;
  return {
    groups: [
      ...draft.groups,
      rankedGroup(
        `group ${n}`,
        Array.from({ length: K }, (_, i) => i),
      ),
    ],
  };
}

export function removeGroup(draft: PopulationDraft, g: number): PopulationDraft {
  if (draft.groups.length <= 1) return draft;
  return { groups: draft.groups.filter((_, k) => k !== g) };
}

/** ranks (1 = best, one per action) → best-first ranking, or null when not a permutation. */
function parseRanks(ranks: readonly string[]): number[] | null {
  const ranking = new Array<number>(ranks.length).fill(-1);
  for (let i = 0; i < ranks.length; i++) {
    const r = parseNumber(ranks[i]!);
    if (!Number.isInteger(r) || r < 1 || r > ranks.length || ranking[r - 1] !== -1) return null;
    ranking[r - 1] = i;
  }
  return ranking;
}

/** Why typed ranks are not a ranking, per action, in the validator's `{path, message}` form. */
function rankIssues(group: GroupDraft, g: number, actions: readonly string[]): ValidationIssue[] {
  const K = actions.length;
  const issues: ValidationIssue[] = [];
  const holder = new Map<number, number>();
  group.ranks.forEach((text, i) => {
    const path = `groups[${g}].ranks[${i}]`;
    const of = `${path} of ${groupLabel(group.name, g)} (${JSON.stringify(actions[i])})`;
    const r = parseNumber(text);
    if (!Number.isInteger(r) || r < 1 || r > K)
      issues.push({
        path,
        message: `${of} is ${JSON.stringify(text)}; ranks are whole numbers from 1 (best) to ${K}`,
      });
    else if (holder.has(r))
      issues.push({
        path,
        message: `${of} repeats rank ${r} of ${JSON.stringify(actions[holder.get(r)!])}; each action needs its own rank`,
      });
    else holder.set(r, i);
  });
  return issues;
}

export type PopulationEvaluation =
  { ok: true; P: number[][] } | { ok: false; issues: ValidationIssue[] };

/** The draft validated against the game's action labels and aggregated into P. */
export function evaluatePopulation(
  draft: PopulationDraft,
  actions: readonly string[],
): PopulationEvaluation {
  const issues: ValidationIssue[] = [];
  const groups = draft.groups.map((group, g): GroupSpec => {
    const base = { name: group.name, weight: parseNumber(group.weight) };
    if (group.mode === 'scores')
      return { ...base, mode: 'scores', scores: group.scores.map(parseNumber) };
    const ranking = parseRanks(group.ranks);
    if (!ranking) issues.push(...rankIssues(group, g, actions));
    // An invalid ranking is reported above; the identity stands in so other fields still get checked.
    const stand = ranking ?? actions.map((_, i) => i);
    return { ...base, mode: 'ranking', ranking: stand, strength: parseNumber(group.strength) };
  });
  const result = buildPopulation({ actions: [...actions], groups });
  if (!result.ok) issues.push(...result.issues);
  if (issues.length > 0 || !result.ok)
    return {
      ok: false,
      issues: issues.map((i) => ({
        ...i,
        message: i.message.replace(' is NaN;', ' is not a number;'),
      })),
    };
  return { ok: true, P: result.P };
}

export interface PopulationAnalysis {
  evaluation: PopulationEvaluation;
  majority: MajorityAnalysis | null;
  /** "Intransitive: Condorcet cycle …" or "Transitive: …". */
  majorityText: string | null;
  comparison: RewardVsNashResult | null;
}

/**
 * Everything the builder shows live: P, the majority relation, and the Bradley–Terry reward model
 * against the Nash equilibria of P with the game's μ at the current β.
 */
export function analyzePopulation(
  draft: PopulationDraft,
  game: Game,
  beta: number,
): PopulationAnalysis {
  const evaluation = evaluatePopulation(draft, game.actions);
  if (!evaluation.ok) return { evaluation, majority: null, majorityText: null, comparison: null };
  const majority = analyzeMajority(evaluation.P);
  const candidate = validateGame({
    name: 'Annotator population',
    actions: game.actions,
    preference: evaluation.P,
    reference: Array.from(game.reference),
  });
  return {
    evaluation,
    majority,
    majorityText: describeMajority(majority, game.actions),
    comparison: candidate.ok
      ? compareRewardModelWithNash(candidate.game, beta)
      : { ok: false, reason: candidate.issues[0]!.message },
  };
}

/** The game's name and description after "Apply to game". */
export function populationGameText(draft: PopulationDraft): { name: string; description: string } {
  return {
    name: 'Annotator population',
    description: `Aggregated from ${draft.groups
      .map((g) => `${g.name} (weight ${g.weight})`)
      .join(', ')}.`,
  };
}
