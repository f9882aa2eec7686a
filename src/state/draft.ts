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
        message: i.message.replace('must be a finite number, got NaN', 'must be a number'),
      })),
    };
  }
  return { game: result.game, issues: [] };
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

function uniform(K: number): string[] {
  return Array.from({ length: K }, () => String(+(1 / K).toFixed(12)));
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
    // A new action changes K: μ and π₀ start over as uniform.
    reference: uniform(draft.actions.length + 1),
    start: uniform(draft.actions.length + 1),
  };
}

export function removeAction(draft: Draft, i: number): Draft {
  if (draft.actions.length <= EDITOR_MIN_K) return draft;
  return {
    ...draft,
    actions: draft.actions.filter((_, k) => k !== i),
    cells: draft.cells.filter((_, k) => k !== i).map((row) => row.filter((_, k) => k !== i)),
    reference: uniform(draft.actions.length - 1),
    start: uniform(draft.actions.length - 1),
  };
}
