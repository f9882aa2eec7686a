import { existsSync, readFileSync } from 'node:fs';
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
  let text: string;
  try {
    text = readFileSync(spec, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : String(code ?? e);
    throw new UsageError(`cannot read game file '${spec}': ${why}`);
  }
  try {
    return parseGameText(text, spec);
  } catch (e) {
    if (e instanceof GameFileError) throw new UsageError(e.message);
    throw e;
  }
}
