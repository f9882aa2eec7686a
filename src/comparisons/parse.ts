/**
 * Reading pairwise comparisons: CSV with a header row, or JSON lines, each either one row per vote
 * (`a,b,winner`, winner `a`, `b`, `tie` or one of the two labels) or counts
 * (`a,b,wins_a,wins_b[,ties]`). Labels come from the data in order of first appearance. Every
 * problem names its row (the line it starts on; the header is row 1) and field, in the
 * `{path, message}` form of the game validator. Oversized and binary files are refused before any
 * parsing.
 */
import { MAX_ACTIONS, MAX_LABEL_LENGTH } from '../core/game';
import { Issues, MAX_ISSUES, type ValidationIssue } from '../core/issues';
import { CsvSyntaxError, readCsv } from './csv';

/** Larger files are refused unread: about 600,000 votes as `a,b,winner` rows. */
export const MAX_COMPARISONS_BYTES = 20 * 1024 * 1024;
/** The first this many characters decide whether a file is text. */
const TEXT_PROBE = 64 * 1024;

export type ComparisonsFormat = 'csv' | 'jsonl';
export type ComparisonsForm = 'votes' | 'counts';

export interface ComparisonTable {
  /** Labels in order of first appearance. */
  actions: string[];
  K: number;
  /** wins[i·K + j]: votes in which i beat j. */
  wins: Float64Array;
  /** Symmetric: tied votes between i and j. */
  ties: Float64Array;
  /** Data rows read (blank lines not counted). */
  rows: number;
  format: ComparisonsFormat;
  form: ComparisonsForm;
}

/** Thrown for every unreadable comparisons file; `issues` holds each problem found (≤ 20). */
export class ComparisonsError extends Error {
  override name = 'ComparisonsError';
  readonly issues: ValidationIssue[];
  constructor(
    readonly source: string,
    issues: ValidationIssue[],
  ) {
    super(comparisonsMessage(source, issues));
    this.issues = issues;
  }
}

/**
 * One problem as itself; several as a count and then every one of them (at most MAX_ISSUES), one
 * per line ending in ';' (the CLI prints them on one line, the app's notice keeps the lines).
 */
function comparisonsMessage(source: string, issues: readonly ValidationIssue[]): string {
  const first = issues[0]!;
  // File-level messages already start with the file's name.
  if (issues.length === 1) return `${first.path === 'file' ? '' : `${source}: `}${first.message}`;
  const count =
    issues.length >= MAX_ISSUES
      ? `${issues.length} problems (reading stops at ${MAX_ISSUES})`
      : `${issues.length} problems`;
  return `${source}: ${count}:\n${issues.map((i) => i.message).join(';\n')}`;
}

/** A problem with the file as a whole; the message starts with its name. */
function fail(source: string, message: string): never {
  throw new ComparisonsError(source, [{ path: 'file', message: `${source} ${message}` }]);
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** For callers that know the size before reading (a File, a stat): refuse without reading. */
export function checkComparisonsSize(bytes: number, source: string): void {
  if (bytes > MAX_COMPARISONS_BYTES)
    fail(
      source,
      `is ${megabytes(bytes)}; comparison files are limited to ${megabytes(MAX_COMPARISONS_BYTES)} (aggregate the votes into counts rows a,b,wins_a,wins_b,ties)`,
    );
}

/**
 * Binary data decoded as UTF-8 is full of NULs, control characters and U+FFFD replacement
 * characters; text has almost none. Decided on the first 64 K characters, so junk costs nothing.
 */
export function checkLooksLikeText(text: string, source: string): void {
  const n = Math.min(text.length, TEXT_PROBE);
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0)
      fail(
        source,
        `is not a text file (a NUL byte at character ${i + 1}: binary data, or UTF-16 text, which needs saving as UTF-8); comparisons are CSV or JSON lines`,
      );
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd || c === 127) odd++;
  }
  if (odd > Math.max(8, n / 100))
    fail(
      source,
      `does not look like text (${odd} control or undecodable characters in its first ${n} characters); comparisons are CSV or JSON lines`,
    );
}

function quote(s: string): string {
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
}

function describeJson(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${quote(v)}`;
  if (typeof v === 'object') return 'an object';
  return String(v);
}

type Outcome = { winner: 'a' | 'b' | 'tie' } | { winsA: number; winsB: number; ties: number };

/** Accumulates rows into counts; labels get indices in order of first appearance. */
class Tally {
  readonly labels = new Map<string, number>();
  /** Per unordered pair lo < hi: [lo beat hi, hi beat lo, ties]. */
  readonly pairs = new Map<number, [number, number, number]>();
  rows = 0;

  constructor(private readonly issues: Issues) {}

  /** The label's index, or undefined (with an issue) past the action limit. */
  private index(label: string, path: string): number | undefined {
    let i = this.labels.get(label);
    if (i === undefined) {
      if (this.labels.size >= MAX_ACTIONS) {
        this.issues.add(
          path,
          `is a ${MAX_ACTIONS + 1}th action (${quote(label)}); a game has at most ${MAX_ACTIONS} actions`,
        );
        return undefined;
      }
      this.labels.set(label, (i = this.labels.size));
    }
    return i;
  }

  add(row: string, a: string, b: string, outcome: Outcome): void {
    const i = this.index(a, `${row}, a`);
    const j = i === undefined ? undefined : this.index(b, `${row}, b`);
    if (i === undefined || j === undefined) return;
    const lo = Math.min(i, j);
    const key = lo * MAX_ACTIONS + Math.max(i, j);
    let pair = this.pairs.get(key);
    if (!pair) this.pairs.set(key, (pair = [0, 0, 0]));
    const aFirst = i === lo;
    if ('winner' in outcome) {
      if (outcome.winner === 'tie') pair[2]++;
      else if ((outcome.winner === 'a') === aFirst) pair[0]++;
      else pair[1]++;
    } else {
      pair[aFirst ? 0 : 1] += outcome.winsA;
      pair[aFirst ? 1 : 0] += outcome.winsB;
      pair[2] += outcome.ties;
    }
    this.rows++;
  }

  table(format: ComparisonsFormat, form: ComparisonsForm): ComparisonTable {
    const actions = [...this.labels.keys()];
    const K = actions.length;
    const wins = new Float64Array(K * K);
    const ties = new Float64Array(K * K);
    for (const [key, [w, l, t]] of this.pairs) {
      const lo = Math.floor(key / MAX_ACTIONS);
      const hi = key % MAX_ACTIONS;
      wins[lo * K + hi] = w;
      wins[hi * K + lo] = l;
      ties[lo * K + hi] = ties[hi * K + lo] = t;
    }
    return { actions, K, wins, ties, rows: this.rows, format, form };
  }
}

const VOTE_COLUMNS = ['a', 'b', 'winner'];
const COUNT_COLUMNS = ['a', 'b', 'wins_a', 'wins_b', 'ties'];
const EXPECTED = 'a,b,winner (one row per vote) or a,b,wins_a,wins_b[,ties] (counts)';

/** The form given by a row's column names, or an issue. */
function formOf(
  names: readonly string[],
  path: string,
  issues: Issues,
): ComparisonsForm | undefined {
  const has = (c: string): boolean => names.includes(c);
  if (!has('winner') && !has('wins_a') && !has('wins_b')) {
    issues.add(
      path,
      `has columns ${names.map(quote).join(', ') || '(none)'}; expected ${EXPECTED}`,
    );
    return undefined;
  }
  if (has('winner') && (has('wins_a') || has('wins_b') || has('ties'))) {
    issues.add(path, `mixes a winner column with counts columns; expected ${EXPECTED}`);
    return undefined;
  }
  const form: ComparisonsForm = has('winner') ? 'votes' : 'counts';
  const known = form === 'votes' ? VOTE_COLUMNS : COUNT_COLUMNS;
  let ok = true;
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      issues.add(path, `names the column ${quote(name)} twice`);
      ok = false;
    } else if (!known.includes(name)) {
      issues.add(
        path,
        name === ''
          ? `has a column without a name; expected ${EXPECTED}`
          : `has an unknown column ${quote(name)}; expected ${EXPECTED}`,
      );
      ok = false;
    }
    seen.add(name);
  }
  const required = form === 'votes' ? VOTE_COLUMNS : ['a', 'b', 'wins_a', 'wins_b'];
  const missing = required.filter((c) => !has(c));
  if (missing.length > 0) {
    issues.add(
      path,
      `has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''} (got ${names.map(quote).join(', ') || 'none'}); expected ${EXPECTED}`,
    );
    ok = false;
  }
  return ok ? form : undefined;
}

/** A label field: trimmed, non-empty, at most 64 characters. */
function readLabel(v: unknown, path: string, issues: Issues): string | undefined {
  if (typeof v !== 'string') {
    issues.add(
      path,
      v === undefined ? 'is missing' : `must be a label (a string), got ${describeJson(v)}`,
    );
    return undefined;
  }
  const label = v.trim();
  if (label === '') issues.add(path, 'is empty; every comparison names two actions');
  else if (label.length > MAX_LABEL_LENGTH)
    issues.add(path, `has ${label.length} characters; labels are at most ${MAX_LABEL_LENGTH}`);
  else return label;
  return undefined;
}

function readWinner(
  v: unknown,
  a: string | undefined,
  b: string | undefined,
  path: string,
  issues: Issues,
): 'a' | 'b' | 'tie' | undefined {
  if (typeof v !== 'string') {
    issues.add(
      path,
      v === undefined ? 'is missing' : `must be a, b or tie, got ${describeJson(v)}`,
    );
    return undefined;
  }
  const w = v.trim();
  const key = w.toLowerCase();
  if (key === 'a' || key === 'b' || key === 'tie') return key;
  if (w === a) return 'a';
  if (w === b) return 'b';
  issues.add(
    path,
    w === ''
      ? 'is empty; it must be a, b or tie'
      : `is ${quote(w)}, neither side; it must be a, b or tie${a !== undefined && b !== undefined ? `, or one of the two labels (${quote(a)} or ${quote(b)})` : ''}`,
  );
  return undefined;
}

/** A count: a whole number ≥ 0, given as a JSON number or as digits in CSV. */
function readCount(v: unknown, path: string, issues: Issues): number | undefined {
  let x: number;
  if (typeof v === 'number') x = v;
  else if (typeof v === 'string') {
    const t = v.trim();
    if (t === '') {
      issues.add(path, 'is empty; give a whole number (0 for none)');
      return undefined;
    }
    x = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : NaN;
    if (Number.isNaN(x)) {
      issues.add(path, `is ${quote(t)}; expected a whole number`);
      return undefined;
    }
  } else {
    issues.add(
      path,
      v === undefined ? 'is missing' : `must be a whole number, got ${describeJson(v)}`,
    );
    return undefined;
  }
  if (!Number.isFinite(x)) issues.add(path, `is ${x}; expected a whole number`);
  else if (x < 0) issues.add(path, `is ${x}; counts cannot be negative`);
  else if (!Number.isInteger(x)) issues.add(path, `is ${x}; counts must be whole numbers`);
  else if (!Number.isSafeInteger(x)) issues.add(path, `is ${x}; counts must be at most 2^53 − 1`);
  else return x;
  return undefined;
}

/** One data row, given as a field lookup; adds it to the tally or records its issues. */
function readRow(
  row: string,
  get: (name: string) => unknown,
  form: ComparisonsForm,
  tally: Tally,
  issues: Issues,
): void {
  const before = issues.list.length;
  const a = readLabel(get('a'), `${row}, a`, issues);
  const b = readLabel(get('b'), `${row}, b`, issues);
  if (a !== undefined && b !== undefined && a === b)
    issues.add(
      `${row}, b`,
      `is ${quote(b)}, the same as a; an action cannot be compared with itself`,
    );
  let outcome: Outcome | undefined;
  if (form === 'votes') {
    const winner = readWinner(get('winner'), a, b, `${row}, winner`, issues);
    if (winner) outcome = { winner };
  } else {
    const winsA = readCount(get('wins_a'), `${row}, wins_a`, issues);
    const winsB = readCount(get('wins_b'), `${row}, wins_b`, issues);
    const rawTies = get('ties');
    const ties = rawTies === undefined ? 0 : readCount(rawTies, `${row}, ties`, issues);
    if (winsA !== undefined && winsB !== undefined && ties !== undefined)
      outcome = { winsA, winsB, ties };
  }
  if (issues.list.length === before && a !== undefined && b !== undefined && outcome)
    tally.add(row, a, b, outcome);
}

function readCsvRows(text: string, source: string, issues: Issues, tally: Tally): ComparisonsForm {
  let header: string[] | undefined;
  let form: ComparisonsForm | undefined;
  try {
    readCsv(text, ({ line, fields }) => {
      if (!header) {
        header = fields.map((f) => f.trim().toLowerCase());
        form = formOf(header, 'row 1 (the header)', issues);
        return form !== undefined;
      }
      if (fields.every((f) => f.trim() === '')) return true; // an empty spreadsheet row
      const row = `row ${line}`;
      if (fields.length !== header.length) {
        issues.add(
          row,
          `has ${fields.length} field${fields.length === 1 ? '' : 's'}, but the header has ${header.length} (${header.join(',')})`,
        );
      } else {
        const h = header;
        readRow(
          row,
          (name) => {
            const k = h.indexOf(name);
            return k < 0 ? undefined : fields[k];
          },
          form!,
          tally,
          issues,
        );
      }
      return !issues.full;
    });
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    issues.add(`row ${e.line}`, e.message);
  }
  if (!header) fail(source, 'is empty; expected a header row and comparisons');
  return form ?? 'votes';
}

function readJsonLines(text: string, issues: Issues, tally: Tally): ComparisonsForm {
  let form: ComparisonsForm | undefined;
  let line = 0;
  for (let start = 0; start < text.length && !issues.full;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end).trim();
    start = end + 1;
    line++;
    if (raw === '') continue;
    const row = `row ${line}`;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      issues.add(row, `is not valid JSON (${(e as Error).message})`);
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      issues.add(
        row,
        `must be a JSON object like {"a": "x", "b": "y", "winner": "a"}, got ${describeJson(value)}`,
      );
      continue;
    }
    const obj = value as Record<string, unknown>;
    const names = Object.keys(obj);
    const rowForm = formOf(names, row, issues);
    if (!rowForm) continue;
    if (form === undefined) form = rowForm;
    else if (rowForm !== form) {
      issues.add(
        row,
        `is a ${rowForm === 'votes' ? 'vote' : 'counts'} row, but earlier rows are ${form === 'votes' ? 'votes (a, b, winner)' : 'counts (a, b, wins_a, wins_b, ties)'}; use one form per file`,
      );
      continue;
    }
    readRow(row, (name) => obj[name], form, tally, issues);
  }
  return form ?? 'votes';
}

/** The file's format: by extension when it has a telling one, else by its first character. */
export function comparisonsFormat(text: string, source: string): ComparisonsFormat {
  const ext = /\.([a-z0-9]+)$/i.exec(source)?.[1]?.toLowerCase();
  if (ext === 'csv') return 'csv';
  if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
  return text.trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

/**
 * Reads a comparisons file into counts. Throws {@link ComparisonsError} naming the row and field
 * of every problem (at most 20), for an oversized or binary file, or for a file without votes.
 */
export function readComparisons(
  text: string,
  source: string,
  format = comparisonsFormat(text, source),
): ComparisonTable {
  checkComparisonsSize(text.length, source);
  checkLooksLikeText(text, source);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a byte-order mark
  const issues = new Issues();
  const tally = new Tally(issues);
  const form =
    format === 'csv'
      ? readCsvRows(body, source, issues, tally)
      : readJsonLines(body, issues, tally);
  if (issues.list.length > 0) throw new ComparisonsError(source, issues.list);
  if (tally.rows === 0)
    fail(
      source,
      format === 'csv' ? 'has a header but no comparisons' : 'has no comparisons (no JSON lines)',
    );
  return tally.table(format, form);
}
