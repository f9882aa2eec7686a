/**
 * Validation of the game JSON format. Every problem names its field and index, so the CLI, the
 * import dialog and the matrix editor can all say exactly what is wrong.
 */
import { Issues, type ValidationIssue } from './issues';
import { DEFAULT_PRIOR, posteriorMean, posteriorPreference, type ComparisonCounts } from './counts';
import {
  GAME_TOLERANCE,
  MAX_ACTIONS,
  MAX_LABEL_LENGTH,
  MIN_ACTIONS,
  type Game,
  type GameJSON,
} from './game';

export type { ValidationIssue };

export type ValidationResult = { ok: true; game: Game } | { ok: false; issues: ValidationIssue[] };

/** Thrown by {@link parseGame}; `issues` holds every problem found. */
export class GameValidationError extends Error {
  readonly issues: ValidationIssue[];
  constructor(issues: ValidationIssue[]) {
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(`${issues[0]!.message}${more}`);
    this.name = 'GameValidationError';
    this.issues = issues;
  }
}

const KNOWN_FIELDS = new Set([
  'name',
  'description',
  'actions',
  'preference',
  'payoff',
  'reference',
  'start',
  'counts',
]);

/** Stop collecting after this many issues: a 1024×1024 matrix of junk should not build a 1M-line list. */

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string')
    return `the string ${JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v)}`;
  if (typeof v === 'number') return String(v);
  if (v === undefined) return 'nothing';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

export function validateGame(input: unknown): ValidationResult {
  const issues = new Issues();
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      issues: [{ path: 'game', message: `game must be a JSON object, got ${describe(input)}` }],
    };
  }
  const obj = input as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!KNOWN_FIELDS.has(key)) {
      issues.add(
        key === '' ? '(field with an empty name)' : key,
        `is not a known field (expected ${[...KNOWN_FIELDS].join(', ')}); check the spelling`,
      );
    }
  }

  if (typeof obj.name !== 'string' || obj.name.trim() === '') {
    issues.add('name', obj.name === undefined ? 'is missing' : 'must be a non-empty string');
  }
  if (obj.description !== undefined && typeof obj.description !== 'string') {
    issues.add('description', 'must be a string');
  }

  const given = obj.preference !== undefined || obj.payoff !== undefined;
  const counts = obj.counts === undefined ? undefined : readCounts(obj.counts, givenK(obj), issues);
  const matrix =
    counts && !given
      ? { K: counts.K, P: posteriorPreference(counts.counts, counts.K) }
      : obj.counts !== undefined && !given
        ? undefined
        : readMatrix(obj, issues);
  if (matrix && counts && given) checkAgainstCounts(matrix, counts, obj, issues);
  const K = matrix?.K ?? (Array.isArray(obj.actions) ? obj.actions.length : undefined);
  const actions = readActions(obj.actions, K, issues);
  const reference = readDistribution(obj.reference, 'reference', K, true, issues);
  const start = readDistribution(obj.start, 'start', K, false, issues);

  if (issues.list.length > 0 || !matrix || !actions || K === undefined) {
    if (issues.list.length === 0) issues.add('game', 'is incomplete');
    return { ok: false, issues: issues.list };
  }
  const ref = reference ?? new Float64Array(K).fill(1 / K);
  const logReference = new Float64Array(K);
  for (let i = 0; i < K; i++) logReference[i] = Math.log(ref[i]!);
  return {
    ok: true,
    game: {
      name: (obj.name as string).trim(),
      description: typeof obj.description === 'string' ? obj.description : '',
      actions,
      K,
      P: matrix.P,
      reference: ref,
      logReference,
      start: start ?? Float64Array.from(ref),
      ...(counts ? { counts: counts.counts } : {}),
    },
  };
}

/** Validates and returns the game, or throws {@link GameValidationError}. */
export function parseGame(input: unknown): Game {
  const result = validateGame(input);
  if (!result.ok) throw new GameValidationError(result.issues);
  return result.game;
}

function readMatrix(
  obj: Record<string, unknown>,
  issues: Issues,
): { K: number; P: Float64Array } | undefined {
  const hasP = obj.preference !== undefined;
  const hasA = obj.payoff !== undefined;
  if (hasP && hasA) {
    issues.add('payoff', 'cannot be given together with preference: give one of them');
    return undefined;
  }
  if (!hasP && !hasA) {
    issues.add('preference', 'is missing (give preference, or payoff as a skew-symmetric matrix)');
    return undefined;
  }
  const field = hasP ? 'preference' : 'payoff';
  const rows = obj[field];
  if (!Array.isArray(rows)) {
    issues.add(field, `must be an array of rows, got ${describe(rows)}`);
    return undefined;
  }
  const K = rows.length;
  if (K < MIN_ACTIONS || K > MAX_ACTIONS) {
    issues.add(
      field,
      `has ${K} rows; a game needs between ${MIN_ACTIONS} and ${MAX_ACTIONS} actions`,
    );
    return undefined;
  }
  const raw = new Float64Array(K * K);
  let shapeOk = true;
  for (let i = 0; i < K; i++) {
    const row: unknown = rows[i];
    if (!Array.isArray(row)) {
      issues.add(`${field}[${i}]`, `must be an array, got ${describe(row)}`);
      shapeOk = false;
      continue;
    }
    if (row.length !== K) {
      issues.add(
        `${field}[${i}]`,
        `has ${row.length} entries; the matrix must be square (${K}×${K})`,
      );
      shapeOk = false;
      continue;
    }
    for (let j = 0; j < K; j++) {
      const v: unknown = row[j];
      const path = `${field}[${i}][${j}]`;
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        issues.add(path, `must be a finite number, got ${describe(v)}`);
        shapeOk = false;
      } else if (hasP ? v < 0 || v > 1 : v < -1 || v > 1) {
        issues.add(path, `is ${v}; entries must lie in ${hasP ? '[0, 1]' : '[−1, 1]'}`);
        shapeOk = false;
      } else raw[i * K + j] = v;
      if (issues.full) return undefined;
    }
  }
  if (!shapeOk) return undefined;

  // Checks in the user's units (P, or A for payoff) so that messages quote the numbers given.
  const diagonal = hasP ? 0.5 : 0;
  const pairSum = hasP ? 1 : 0;
  const P = new Float64Array(K * K);
  let ok = true;
  for (let i = 0; i < K && !issues.full; i++) {
    const d = raw[i * K + i]!;
    if (Math.abs(d - diagonal) > GAME_TOLERANCE) {
      ok = false;
      issues.add(
        `${field}[${i}][${i}]`,
        hasP
          ? `is ${d}; the diagonal must be 0.5 (an action ties with itself)`
          : `is ${d}; the diagonal must be 0`,
      );
    }
    P[i * K + i] = 0.5;
    for (let j = i + 1; j < K; j++) {
      const a = raw[i * K + j]!;
      const b = raw[j * K + i]!;
      if (Math.abs(a + b - pairSum) > GAME_TOLERANCE) {
        ok = false;
        issues.add(
          `${field}[${i}][${j}]`,
          hasP
            ? `+ ${field}[${j}][${i}] = ${a} + ${b} = ${a + b}; P[i][j] + P[j][i] must be 1 (within ${GAME_TOLERANCE})`
            : `+ ${field}[${j}][${i}] = ${a} + ${b} = ${a + b}; the payoff must be skew-symmetric, A[i][j] = −A[j][i] (within ${GAME_TOLERANCE})`,
        );
        if (issues.full) break;
      }
      const p = hasP ? a : (1 + a) / 2;
      P[i * K + j] = p;
      P[j * K + i] = 1 - p;
    }
  }
  return ok ? { K, P } : undefined;
}

/** K as the matrix gives it (rows of preference or payoff), if it gives one. */
function givenK(obj: Record<string, unknown>): number | undefined {
  const rows = obj.preference ?? obj.payoff;
  return Array.isArray(rows) ? rows.length : undefined;
}

const COUNTS_FIELDS = new Set(['wins', 'ties', 'prior']);

/**
 * The `counts` block: wins (K×K whole numbers ≥ 0, diagonal 0), ties (symmetric, optional) and the
 * prior strength (≥ 0, default 1). K is the matrix's when one is given, else the rows of wins.
 */
function readCounts(
  v: unknown,
  matrixK: number | undefined,
  issues: Issues,
): { K: number; counts: ComparisonCounts } | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    issues.add('counts', `must be an object {wins, ties, prior}, got ${describe(v)}`);
    return undefined;
  }
  const obj = v as Record<string, unknown>;
  let ok = true;
  for (const key of Object.keys(obj)) {
    if (!COUNTS_FIELDS.has(key)) {
      issues.add(`counts.${key}`, 'is not a known field (expected wins, ties, prior)');
      ok = false;
    }
  }
  let prior = DEFAULT_PRIOR;
  if (obj.prior !== undefined) {
    if (typeof obj.prior !== 'number' || !Number.isFinite(obj.prior) || obj.prior < 0) {
      issues.add(
        'counts.prior',
        `is ${describe(obj.prior)}; the prior strength must be a number ≥ 0`,
      );
      ok = false;
    } else prior = obj.prior;
  }
  if (obj.wins === undefined) {
    issues.add('counts.wins', 'is missing (wins[i][j]: votes in which action i beat action j)');
    return undefined;
  }
  const K = matrixK ?? (Array.isArray(obj.wins) ? obj.wins.length : 0);
  if (matrixK === undefined && (K < MIN_ACTIONS || K > MAX_ACTIONS)) {
    issues.add(
      'counts.wins',
      Array.isArray(obj.wins)
        ? `has ${K} rows; a game needs between ${MIN_ACTIONS} and ${MAX_ACTIONS} actions`
        : `must be an array of rows, got ${describe(obj.wins)}`,
    );
    return undefined;
  }
  const wins = readCountMatrix(obj.wins, 'counts.wins', K, issues);
  const ties =
    obj.ties === undefined
      ? new Float64Array(K * K)
      : readCountMatrix(obj.ties, 'counts.ties', K, issues);
  if (!wins || !ties || !ok) return undefined;
  for (let i = 0; i < K && !issues.full; i++)
    for (let j = i + 1; j < K; j++)
      if (ties[i * K + j] !== ties[j * K + i]) {
        issues.add(
          `counts.ties[${i}][${j}]`,
          `is ${ties[i * K + j]} but counts.ties[${j}][${i}] is ${ties[j * K + i]}; ties are symmetric`,
        );
        ok = false;
        if (issues.full) break;
      }
  return ok ? { K, counts: { wins, ties, prior } } : undefined;
}

function readCountMatrix(
  rows: unknown,
  field: string,
  K: number,
  issues: Issues,
): Float64Array | undefined {
  if (!Array.isArray(rows)) {
    issues.add(field, `must be an array of rows, got ${describe(rows)}`);
    return undefined;
  }
  if (rows.length !== K) {
    issues.add(field, `has ${rows.length} rows, but the game has ${K} actions`);
    return undefined;
  }
  const out = new Float64Array(K * K);
  let ok = true;
  for (let i = 0; i < K; i++) {
    const row: unknown = rows[i];
    if (!Array.isArray(row) || row.length !== K) {
      issues.add(
        `${field}[${i}]`,
        Array.isArray(row)
          ? `has ${row.length} entries; it must have ${K} (one per action)`
          : `must be an array, got ${describe(row)}`,
      );
      ok = false;
      if (issues.full) return undefined;
      continue;
    }
    for (let j = 0; j < K; j++) {
      const x: unknown = row[j];
      const path = `${field}[${i}][${j}]`;
      if (typeof x !== 'number' || !Number.isFinite(x)) {
        issues.add(path, `must be a whole number, got ${describe(x)}`);
        ok = false;
      } else if (x < 0) {
        issues.add(path, `is ${x}; counts cannot be negative`);
        ok = false;
      } else if (!Number.isSafeInteger(x)) {
        issues.add(path, `is ${x}; counts must be whole numbers (at most 2^53 − 1)`);
        ok = false;
      } else if (i === j && x !== 0) {
        issues.add(
          path,
          `is ${x}; the diagonal must be 0 (an action is never compared with itself)`,
        );
        ok = false;
      } else out[i * K + j] = x;
      if (issues.full) return undefined;
    }
  }
  return ok ? out : undefined;
}

/**
 * With both a matrix and counts, the matrix must be the counts' posterior mean: a file whose votes
 * and matrix disagree would show one thing and bootstrap another.
 */
function checkAgainstCounts(
  matrix: { K: number; P: Float64Array },
  counts: { K: number; counts: ComparisonCounts },
  obj: Record<string, unknown>,
  issues: Issues,
): void {
  const { K } = matrix;
  const field = obj.preference !== undefined ? 'preference' : 'payoff';
  const { wins, ties, prior } = counts.counts;
  for (let i = 0; i < K && !issues.full; i++)
    for (let j = i + 1; j < K; j++) {
      const w = wins[i * K + j]!;
      const l = wins[j * K + i]!;
      const t = ties[i * K + j]!;
      const p = posteriorMean(w, l, t, prior);
      const given = matrix.P[i * K + j]!;
      if (Math.abs(given - p) > GAME_TOLERANCE) {
        const shown = field === 'preference' ? given : 2 * given - 1;
        const expected = field === 'preference' ? p : 2 * p - 1;
        issues.add(
          `${field}[${i}][${j}]`,
          `is ${shown}, but counts give ${expected} (${w} wins, ${l} losses, ${t} ties, prior ${prior}); leave ${field} out to derive it from counts`,
        );
        if (issues.full) return;
      }
    }
  // The accepted matrix is the counts' own, bit for bit, so that P and the bootstrap agree.
  matrix.P = posteriorPreference(counts.counts, K);
}

function readActions(v: unknown, K: number | undefined, issues: Issues): string[] | undefined {
  if (v === undefined) {
    issues.add('actions', 'is missing (one label per action)');
    return undefined;
  }
  if (!Array.isArray(v)) {
    issues.add('actions', `must be an array of labels, got ${describe(v)}`);
    return undefined;
  }
  let ok = true;
  if (K !== undefined && v.length !== K) {
    issues.add('actions', `has ${v.length} labels, but the matrix has ${K} actions`);
    ok = false;
  }
  const seen = new Map<string, number>();
  for (let i = 0; i < v.length; i++) {
    const label: unknown = v[i]; // an index loop: forEach would skip the holes of a sparse array
    const path = `actions[${i}]`;
    if (typeof label !== 'string') {
      issues.add(path, `must be a string, got ${describe(label)}`);
      ok = false;
    } else if (label.trim() === '') {
      issues.add(path, 'is empty; every action needs a label');
      ok = false;
    } else if (label.length > MAX_LABEL_LENGTH) {
      issues.add(path, `has ${label.length} characters; labels are at most ${MAX_LABEL_LENGTH}`);
      ok = false;
    } else if (seen.has(label)) {
      issues.add(
        path,
        `duplicates actions[${seen.get(label)}] (${JSON.stringify(label)}); labels must be distinct`,
      );
      ok = false;
    } else seen.set(label, i);
  }
  return ok ? (v as string[]) : undefined;
}

function readDistribution(
  v: unknown,
  field: 'reference' | 'start',
  K: number | undefined,
  isReference: boolean,
  issues: Issues,
): Float64Array | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) {
    issues.add(field, `must be an array of probabilities, got ${describe(v)}`);
    return undefined;
  }
  if (K !== undefined && v.length !== K) {
    issues.add(field, `has ${v.length} entries, but the game has ${K} actions`);
    return undefined;
  }
  return checkDistribution(v, field, isReference, issues);
}

/**
 * Shared by the game validator and the CLI's --start: a probability vector, strictly positive.
 * A zero is refused in the start as well as in μ: the log-space (multiplicative) updates can never
 * put mass back on an action that has none, so such a start could never reach the equilibrium.
 */
function checkDistribution(
  v: readonly unknown[],
  field: string,
  isReference: boolean,
  issues: Issues,
): Float64Array | undefined {
  const out = new Float64Array(v.length);
  let ok = true;
  let total = 0;
  for (let i = 0; i < v.length; i++) {
    const x: unknown = v[i];
    const path = `${field}[${i}]`;
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      issues.add(path, `must be a finite number, got ${describe(x)}`);
      ok = false;
    } else if (x < 0) {
      issues.add(path, `is ${x}; probabilities cannot be negative`);
      ok = false;
    } else if (x === 0) {
      issues.add(
        path,
        isReference
          ? 'is 0; the reference policy μ needs full support (KL(π‖μ) would be infinite)'
          : 'is 0; every action needs positive probability at the start (multiplicative updates never revive a dead action)',
      );
      ok = false;
    } else {
      out[i] = x;
      total += x;
    }
  }
  if (!ok) return undefined;
  if (Math.abs(total - 1) > GAME_TOLERANCE) {
    issues.add(field, `sums to ${total}; it must sum to 1 (within ${GAME_TOLERANCE})`);
    return undefined;
  }
  // Within tolerance: renormalize, unless the sum is 1 up to rounding (then keep the user's digits;
  // 0.6 + 0.3 + 0.1 is 0.9999999999999999 in float64).
  if (Math.abs(total - 1) > 1e-15) for (let i = 0; i < out.length; i++) out[i] = out[i]! / total;
  return out;
}

/** Validates a probability vector given outside a game file (e.g. the CLI's --start). */
export function parseDistribution(v: readonly number[], field: string, K: number): Float64Array {
  const issues = new Issues();
  if (v.length !== K) {
    issues.add(field, `has ${v.length} entries, but the game has ${K} actions`);
    throw new GameValidationError(issues.list);
  }
  const out = checkDistribution(v, field, false, issues);
  if (!out) throw new GameValidationError(issues.list);
  return out;
}

export type { GameJSON };
