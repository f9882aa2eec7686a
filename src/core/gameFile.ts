/** Reading a game file's text: one path for the CLI's --game and the app's import. */
import type { Game } from './game';
import { parseGame } from './validate';

export class GameFileError extends Error {
  override name = 'GameFileError';
}

/** Parses and validates; throws GameFileError (not JSON) or GameValidationError (invalid game). */
export function parseGameText(text: string, source: string): Game {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new GameFileError(`game file '${source}' is not valid JSON: ${(e as Error).message}`);
  }
  return parseGame(json);
}
