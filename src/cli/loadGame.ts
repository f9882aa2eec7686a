import { existsSync, readFileSync, statSync } from 'node:fs';
import { checkComparisonsSize } from '../comparisons/parse';
import type { Game } from '../core/game';
import { buildPreset, isPresetSpec } from '../core/presets';
import { parseGame } from '../core/validate';
import { GameFileError, parseGameText } from '../core/gameFile';
import { UsageError } from './args';

/** `--game` is a JSON file path or a preset id (`rps`, `random:20:7`, …); a file of that name wins. */
export function loadGame(spec: string | undefined): Game {
  if (spec === undefined || spec === '')
    throw new UsageError('--game is required (a game JSON file or a preset id; see `list`)');
  if (!existsSync(spec) && isPresetSpec(spec)) return parseGame(buildPreset(spec));
  if (!existsSync(spec) && !spec.includes('/') && !spec.includes('\\') && !spec.endsWith('.json')) {
    buildPreset(spec); // throws the unknown-preset message, listing the known ids
  }
  const text = readText(spec, 'game file');
  try {
    return parseGameText(text, spec);
  } catch (e) {
    if (e instanceof GameFileError) throw new UsageError(e.message);
    throw e;
  }
}

function readText(path: string, what: string, beforeReading?: (bytes: number) => void): string {
  try {
    if (beforeReading) beforeReading(statSync(path).size);
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === undefined) throw e;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : String(code);
    throw new UsageError(`cannot read ${what} '${path}': ${why}`);
  }
}

/** A comparisons file's text; one over the size limit is refused before it is read. */
export function readComparisonsFile(path: string): string {
  return readText(path, 'comparisons file', (bytes) => checkComparisonsSize(bytes, path));
}
