/**
 * From a comparisons file to a game: the counts become the game's `counts` block and P their
 * Beta-posterior mean. `importGameText` is the one entry point for the app's import (picker and
 * drag-and-drop): a game JSON file or a comparisons file, told apart by name and content.
 */
import type { Game, GameJSON } from '../core/game';
import { GameFileError, parseGameText } from '../core/gameFile';
import { parseGame } from '../core/validate';
import {
  countsToJSON,
  DEFAULT_PRIOR,
  posteriorPreference,
  summarizeCounts,
  type ComparisonCounts,
} from '../core/counts';
import {
  checkComparisonsSize,
  ComparisonsError,
  readComparisons,
  type ComparisonTable,
} from './parse';

/** Game JSON files may be larger than comparison files: a K = 1024 game with counts is ~40 MB. */
export const MAX_GAME_FILE_BYTES = 64 * 1024 * 1024;

/**
 * For the app's import, before reading the file: `.json` files (games, or JSON-lines votes, whose
 * 20 MB limit is then checked on the text) up to 64 MB, anything else as a comparisons file up to
 * 20 MB. Throws GameFileError or ComparisonsError.
 */
export function checkImportSize(bytes: number, source: string): void {
  if (!/\.json$/i.test(source)) return checkComparisonsSize(bytes, source);
  if (bytes > MAX_GAME_FILE_BYTES)
    throw new GameFileError(
      `${source} is ${(bytes / (1024 * 1024)).toFixed(1)} MB; game files are limited to ${MAX_GAME_FILE_BYTES / (1024 * 1024)} MB`,
    );
}

export interface ComparisonsOptions {
  /** Beta prior strength a ≥ 0 (default 1: one pseudo-win each way). */
  prior?: number;
  /** Game name (default: the file name without its extension). */
  name?: string;
}

export function checkPrior(prior: number, source: string): void {
  if (!(prior >= 0) || !Number.isFinite(prior))
    throw new ComparisonsError(source, [
      { path: 'prior', message: `prior is ${prior}; the prior strength must be a number ≥ 0` },
    ]);
}

/**
 * "votes.csv" from "/home/me/data/votes.csv": what a description names, never a path (a game's
 * description travels in share links and exported files).
 */
export function fileName(source: string): string {
  return source.split(/[/\\]/).pop() ?? source;
}

/** "votes" from "data/votes.csv". */
export function baseName(source: string): string {
  const stem = fileName(source).replace(/\.[^.]*$/, '');
  return stem.trim() === '' ? 'Imported comparisons' : stem;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** One line for the game's description: what the matrix was estimated from. */
export function describeCounts(
  counts: ComparisonCounts,
  actions: readonly string[],
  source: string,
): string {
  const s = summarizeCounts(counts, actions.length);
  const never =
    s.uncompared.length === 0
      ? ''
      : `; ${plural(s.uncompared.length, 'pair')} never compared (P = ½ there)`;
  return `${plural(s.votes, 'vote')} (${plural(s.ties, 'tie')}) from ${fileName(source)} on ${s.comparedPairs} of ${s.pairs} pairs; P is the posterior mean under a Beta(${counts.prior}, ${counts.prior}) prior, a tie counting half to each side${never}.`;
}

/** The game JSON of a comparisons table: labels, counts, and P derived from them. */
export function comparisonsGameJSON(
  table: ComparisonTable,
  source: string,
  options: ComparisonsOptions = {},
): GameJSON {
  const prior = options.prior ?? DEFAULT_PRIOR;
  checkPrior(prior, source);
  const counts: ComparisonCounts = { wins: table.wins, ties: table.ties, prior };
  const P = posteriorPreference(counts, table.K);
  return {
    name: options.name ?? baseName(source),
    description: describeCounts(counts, table.actions, source),
    actions: table.actions,
    preference: Array.from({ length: table.K }, (_, i) =>
      Array.from(P.subarray(i * table.K, (i + 1) * table.K)),
    ),
    counts: countsToJSON(counts, table.K),
  };
}

/** Parses a comparisons file (CSV or JSON lines) into a validated game with counts. */
export function gameFromComparisons(
  text: string,
  source: string,
  options: ComparisonsOptions = {},
): Game {
  if (options.prior !== undefined) checkPrior(options.prior, source);
  return parseGame(comparisonsGameJSON(readComparisons(text, source), source, options));
}

/**
 * A game file (the JSON format) or a comparisons file? `.csv`, `.jsonl` and `.ndjson` are
 * comparisons; otherwise text starting with `{` is a game file unless its first line alone is a
 * JSON object with an `a` field (a JSON-lines vote), and any other text is read as CSV.
 */
export function isComparisonsText(text: string, source: string): boolean {
  if (/\.(csv|jsonl|ndjson)$/i.test(source)) return true;
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{')) return true;
  const firstLine = trimmed.slice(0, trimmed.indexOf('\n') >>> 0).trim();
  try {
    const first: unknown = JSON.parse(firstLine);
    return typeof first === 'object' && first !== null && 'a' in first;
  } catch {
    return false;
  }
}

/**
 * The app's import: a game JSON file or a comparisons file. Throws GameFileError or
 * GameValidationError (game files) or ComparisonsError (comparisons); nothing else changes, so the
 * caller keeps its current game on any error.
 */
export function importGameText(
  text: string,
  source: string,
  options: ComparisonsOptions = {},
): Game {
  return isComparisonsText(text, source)
    ? gameFromComparisons(text, source, options)
    : parseGameText(text, source);
}
