/**
 * The matrix editor's draft: what the user typed, cell by cell. Edits are validated with the same
 * validator as files and the CLI; only a valid draft becomes the game, so a typo never reaches
 * the engine and the last valid game keeps running.
 */
import type { Game } from '../core/game';
import { validateGame, type ValidationIssue } from '../core/validate';

export const EDITOR_MIN_K = 2;
export const EDITOR_MAX_K = 12;

export interface Draft {
  name: string;
  description: string;
  actions: string[];
  /** Cell texts; the diagonal is always "0.5". */
  cells: string[][];
  /** μ and π₀ as typed. */
  reference: string[];
  start: string[];
  /** Problems of the current draft (empty when it is the game). */
  issues: ValidationIssue[];
}

export function draftOf(game: Game): Draft {
  return {
    name: game.name,
    description: game.description,
    actions: [...game.actions],
    cells: game.actions.map((_, i) =>
      // Full precision: rounded texts of P[i][j] and 1 − P[i][j] need not sum to 1 any more.
      game.actions.map((_, j) => String(game.P[i * game.K + j]!)),
    ),
    reference: Array.from(game.reference, String),
    start: Array.from(game.start, String),
    issues: [],
  };
}

/** A finite number written in plain decimal notation, else NaN. */
function parseCell(text: string): number {
  return /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(text) ? Number(text) : NaN;
}

/**
 * Applies the draft: the validated game (start kept when K is unchanged and still valid) or the
 * issues. Cells that are not numbers are reported here with their position.
 */
export function applyDraft(
  draft: Draft,
  previous: Game,
): { game: Game | null; issues: ValidationIssue[] } {
  const preference = draft.cells.map((row) => row.map(parseCell));
  void previous;
  const result = validateGame({
    name: draft.name,
    ...(draft.description ? { description: draft.description } : {}),
    actions: draft.actions,
    preference,
    reference: draft.reference.map(parseCell),
    start: draft.start.map(parseCell),
  });
  if (!result.ok) {
    return {
      game: null,
      issues: result.issues.map((i) => ({
        ...i,
        message: readablePath(i.message, i.path, draft.actions).replace(
          'must be a finite number, got NaN',
          'must be a number',
        ),
      })),
    };
  }
  return { game: result.game, issues: [] };
}

/**
 * The validator's messages start with a JSON path (`preference[0][1] …`); the editor names the
 * cell as its field does: "P(rock ≻ paper) …", "μ(rock) …", "π₀(rock) …", "label 2 …".
 */
function readablePath(message: string, path: string, actions: readonly string[]): string {
  if (!message.startsWith(path)) return message;
  const name = (i: string): string => actions[Number(i)] || `action ${Number(i) + 1}`;
  const m =
    /^preference\[(\d+)\]\[(\d+)\]$/.exec(path) ??
    /^(reference|start)\[(\d+)\]$/.exec(path) ??
    /^actions\[(\d+)\]$/.exec(path);
  if (!m) return message;
  let readable: string;
  if (path.startsWith('preference')) readable = `P(${name(m[1]!)} ≻ ${name(m[2]!)})`;
  else if (path.startsWith('reference')) readable = `μ(${name(m[2]!)})`;
  else if (path.startsWith('start')) readable = `π₀(${name(m[2]!)})`;
  else readable = `label ${Number(m[1]) + 1}`;
  return readable + message.slice(path.length);
}

/** μ_i or π₀_i := text. Probabilities must still sum to 1: the user edits the others to match. */
export function editDistribution(
  draft: Draft,
  field: 'reference' | 'start',
  i: number,
  text: string,
): Draft {
  const values = [...draft[field]];
  values[i] = text;
  return { ...draft, [field]: values };
}

/** Texts of probabilities rescaled to sum to 1 (uniform where they are not numbers). */
function rescaled(values: readonly number[]): string[] {
  const K = values.length;
  const ok = values.every((v) => Number.isFinite(v) && v > 0);
  const total = ok ? values.reduce((s, v) => s + v, 0) : 0;
  return values.map((v) => String(+(ok ? v / total : 1 / K).toFixed(12)));
}

/** P[i][j] := text, and P[j][i] := 1 − P[i][j] when the text is a number. */
export function editCell(draft: Draft, i: number, j: number, text: string): Draft {
  const cells = draft.cells.map((row) => [...row]);
  cells[i]![j] = text;
  const v = parseCell(text);
  if (Number.isFinite(v)) cells[j]![i] = String(+(1 - v).toFixed(12));
  return { ...draft, cells };
}

export function editLabel(draft: Draft, i: number, text: string): Draft {
  const actions = [...draft.actions];
  actions[i] = text;
  return { ...draft, actions };
}

/** A new action that ties with every other (½ everywhere): the user edits from there. */
export function addAction(draft: Draft): Draft {
  if (draft.actions.length >= EDITOR_MAX_K) return draft;
  let n = draft.actions.length + 1;
  while (draft.actions.includes(`action ${n}`)) n++;
  return {
    ...draft,
    actions: [...draft.actions, `action ${n}`],
    cells: [
      ...draft.cells.map((row) => [...row, '0.5']),
      Array.from({ length: draft.actions.length + 1 }, () => '0.5'),
    ],
    // The new action gets 1/(K+1) of μ and π₀, the others keep their proportions: a start away
    // from the equilibrium stays away from it, so the race does not go flat.
    reference: withNewEntry(draft.reference),
    start: withNewEntry(draft.start),
  };
}

export function removeAction(draft: Draft, i: number): Draft {
  if (draft.actions.length <= EDITOR_MIN_K) return draft;
  return {
    ...draft,
    actions: draft.actions.filter((_, k) => k !== i),
    cells: draft.cells.filter((_, k) => k !== i).map((row) => row.filter((_, k) => k !== i)),
    reference: rescaled(draft.reference.filter((_, k) => k !== i).map(parseCell)),
    start: rescaled(draft.start.filter((_, k) => k !== i).map(parseCell)),
  };
}

function withNewEntry(texts: readonly string[]): string[] {
  const K = texts.length;
  const values = texts.map(parseCell);
  const total = values.reduce((s, v) => s + v, 0);
  return rescaled([...values.map((v) => (v / total) * K), 1]);
}
