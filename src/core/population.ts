/**
 * Annotator populations as the user states them: groups given by Bradley–Terry scores or by a
 * ranking, each with a population weight. Validation names the group and the field of every
 * problem, in the same `{path, message}` form as the game validator, so the UI can mark the cell.
 */
import { aggregateAnnotators, rankingScores, type AnnotatorGroup } from './annotators';
import { MAX_LABEL_LENGTH } from './game';
import type { ValidationIssue } from './validate';

/** The builder shares the matrix editor's range of K. */
export const POPULATION_MIN_K = 2;
export const POPULATION_MAX_K = 12;
export const POPULATION_MAX_GROUPS = 20;

interface GroupBase {
  name: string;
  /** Population share, positive; the shares are normalized. */
  weight: number;
}

/** A group by its Bradley–Terry scores (one per action), or by a ranking (see rankingScores). */
export type GroupSpec =
  | (GroupBase & { mode: 'scores'; scores: number[] })
  | (GroupBase & {
      mode: 'ranking';
      /** Action indices, best first: a permutation of 0..K−1. */
      ranking: number[];
      /** Score step per place; see DEFAULT_RANKING_STRENGTH. */
      strength: number;
    });

export interface PopulationSpec {
  actions: string[];
  groups: GroupSpec[];
}

export type PopulationResult =
  { ok: true; groups: AnnotatorGroup[]; P: number[][] } | { ok: false; issues: ValidationIssue[] };

function label(actions: readonly string[], i: number): string {
  return actions[i] !== undefined ? JSON.stringify(actions[i]) : `action ${i}`;
}

/** The issues of the action labels (count, empty, too long, duplicated). */
export function actionIssues(actions: readonly string[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (path: string, message: string): void => {
    issues.push({ path, message: `${path} ${message}` });
  };
  if (actions.length < POPULATION_MIN_K || actions.length > POPULATION_MAX_K)
    add(
      'actions',
      `has ${actions.length} labels; a population needs ${POPULATION_MIN_K} to ${POPULATION_MAX_K} actions`,
    );
  const seen = new Map<string, number>();
  actions.forEach((a, i) => {
    if (a.trim() === '') add(`actions[${i}]`, 'is empty; every action needs a label');
    else if (a.length > MAX_LABEL_LENGTH)
      add(`actions[${i}]`, `has ${a.length} characters; labels are at most ${MAX_LABEL_LENGTH}`);
    else if (seen.has(a))
      add(
        `actions[${i}]`,
        `duplicates actions[${seen.get(a)}] (${JSON.stringify(a)}); labels must be distinct`,
      );
    else seen.set(a, i);
  });
  return issues;
}

/** How messages name a group: `group "students"`, or `group 2` when it has no name. */
export function groupLabel(name: string, g: number): string {
  return name.trim() === '' ? `group ${g + 1}` : `group ${JSON.stringify(name)}`;
}

/** Issues of one group; `g` is its index. */
export function groupIssues(
  group: GroupSpec,
  g: number,
  actions: readonly string[],
): ValidationIssue[] {
  const K = actions.length;
  const issues: ValidationIssue[] = [];
  const who = groupLabel(group.name, g);
  // "groups[1].weight of group "students" is -1; …": the path for the UI, the name for the reader.
  const add = (field: string, message: string): void => {
    const path = `groups[${g}]${field}`;
    issues.push({ path, message: `${path} of ${who} ${message}` });
  };
  if (group.name.trim() === '') add('.name', 'is empty; every group needs a name');
  if (!Number.isFinite(group.weight) || group.weight <= 0)
    add('.weight', `is ${group.weight}; a population weight must be a positive finite number`);
  if (group.mode === 'scores') {
    if (group.scores.length !== K)
      add('.scores', `has ${group.scores.length} scores, but there are ${K} actions`);
    group.scores.forEach((s, i) => {
      if (!Number.isFinite(s))
        add(`.scores[${i}]`, `(${label(actions, i)}) is ${s}; scores must be finite numbers`);
    });
  } else {
    if (!Number.isFinite(group.strength) || group.strength <= 0)
      add('.strength', `is ${group.strength}; the ranking strength must be positive and finite`);
    const places = new Map<number, number>();
    group.ranking.forEach((a, r) => {
      if (!Number.isInteger(a) || a < 0 || a >= K)
        add(`.ranking[${r}]`, `is ${a}; it must be an action index from 0 to ${K - 1}`);
      else if (places.has(a))
        add(
          `.ranking[${r}]`,
          `repeats ${label(actions, a)} (already at place ${places.get(a)! + 1}); a ranking lists every action once`,
        );
      else places.set(a, r);
    });
    const missing = actions.map((_, i) => i).filter((i) => !places.has(i));
    if (missing.length > 0 && group.ranking.length <= K)
      add(
        '.ranking',
        `leaves out ${missing.map((i) => label(actions, i)).join(', ')}; a ranking lists every action once`,
      );
    if (group.ranking.length > K)
      add('.ranking', `has ${group.ranking.length} places, but there are ${K} actions`);
  }
  return issues;
}

/** The groups as Bradley–Terry scores (rankings converted by rankingScores); assumes validity. */
export function toAnnotatorGroups(groups: readonly GroupSpec[]): AnnotatorGroup[] {
  return groups.map((g) => ({
    name: g.name,
    weight: g.weight,
    scores: g.mode === 'scores' ? [...g.scores] : rankingScores(g.ranking, g.strength),
  }));
}

/**
 * Validates the population and aggregates it: P = Σ_g w_g P_g / Σ_g w_g with
 * P_g[i][j] = σ(s_g,i − s_g,j), so that P + Pᵀ = 1 and the diagonal is ½ exactly.
 */
export function buildPopulation(spec: PopulationSpec): PopulationResult {
  const issues = actionIssues(spec.actions);
  if (spec.groups.length === 0)
    issues.push({
      path: 'groups',
      message: 'groups is empty; a population needs at least one group',
    });
  if (spec.groups.length > POPULATION_MAX_GROUPS)
    issues.push({
      path: 'groups',
      message: `groups has ${spec.groups.length} groups; at most ${POPULATION_MAX_GROUPS}`,
    });
  spec.groups.forEach((group, g) => issues.push(...groupIssues(group, g, spec.actions)));
  if (issues.length === 0) {
    const total = spec.groups.reduce((s, g) => s + g.weight, 0);
    if (!Number.isFinite(total))
      issues.push({
        path: 'groups',
        message: `groups: the weights sum to ${total}; scale them down`,
      });
  }
  if (issues.length > 0) return { ok: false, issues };
  const groups = toAnnotatorGroups(spec.groups);
  return { ok: true, groups, P: aggregateAnnotators(groups) };
}
