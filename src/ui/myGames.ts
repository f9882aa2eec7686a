/**
 * "My games": the last MY_GAMES_MAX games this browser made or imported (an edited preset, a game
 * file, a votes file, a custom game from a link), kept in local storage with their names, so that
 * picking another preset and coming back loses nothing. The Game picker lists them in a group of
 * their own; picking one loads it exactly as it was saved (through the same validation as an
 * imported game file).
 *
 * One entry per game being worked on: the first edit of a preset, an import, or a custom game
 * from a link starts an entry; later edits of that game update it (and move it to the top); a game
 * picked from the list continues its own entry. The eleventh entry pushes out the oldest.
 */
import { create } from 'zustand';
import { gameToJSON, type Game, type GameJSON } from '../core/game';
import { useStore, type AppState } from '../state/store';

export const MY_GAMES_KEY = 'nash-playground:my-games';
export const MY_GAMES_MAX = 10;
/** The picker's value for a saved game: this prefix and the entry's id. */
export const MY_GAME_PREFIX = 'my:';

export interface MyGame {
  id: string;
  name: string;
  game: GameJSON;
}

interface MyGamesState {
  games: MyGame[];
  /** The entry the page's custom game is, or null while a preset is shown. */
  current: string | null;
}

export const useMyGames = create<MyGamesState>(() => ({ games: [], current: null }));

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage can be disabled (privacy settings, sandboxed frames)
  }
}

function isMyGame(x: unknown): x is MyGame {
  if (typeof x !== 'object' || x === null) return false;
  const g = x as Partial<MyGame>;
  return typeof g.id === 'string' && typeof g.name === 'string' && typeof g.game === 'object';
}

function load(): MyGame[] {
  try {
    const parsed: unknown = JSON.parse(storage()?.getItem(MY_GAMES_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isMyGame).slice(0, MY_GAMES_MAX) : [];
  } catch {
    return []; // an unreadable list is not worth an error: new games start a new one
  }
}

function save(games: MyGame[]): void {
  try {
    storage()?.setItem(MY_GAMES_KEY, JSON.stringify(games));
  } catch {
    // quota exceeded or storage disabled: the list still works for this visit
  }
}

let counter = 0;
const newId = (): string => `${Date.now().toString(36)}-${(counter++).toString(36)}`;

/** Saves `game` as entry `id` (a new one when null), at the top of the list; returns its id. */
function remember(game: Game, id: string | null): string {
  const entry: MyGame = { id: id ?? newId(), name: game.name, game: gameToJSON(game) };
  const games = [entry, ...useMyGames.getState().games.filter((g) => g.id !== entry.id)].slice(
    0,
    MY_GAMES_MAX,
  );
  save(games);
  useMyGames.setState({ games, current: entry.id });
  return entry.id;
}

/** The entry a picked saved game continues, until the store shows it. */
let picked: string | null = null;

/** Loads a saved game onto the page (the picker's "My games" group). */
export function pickMyGame(id: string): void {
  const entry = useMyGames.getState().games.find((g) => g.id === id);
  if (!entry) return;
  picked = id;
  useStore.getState().importGame(JSON.stringify(entry.game), `${entry.name}.json`);
  picked = null;
}

function follow(s: AppState, prev: AppState | null): void {
  if (s.presetId !== 'custom') {
    if (useMyGames.getState().current !== null) useMyGames.setState({ current: null });
    return;
  }
  if (prev && s.game === prev.game && s.presetId === prev.presetId) return;
  const { current } = useMyGames.getState();
  // A game picked from the list continues its entry; an edit continues the game being edited;
  // anything else (an import, a preset's first edit, a link) is a new game.
  const continues =
    picked ??
    (prev && prev.presetId === 'custom' && prev.game.name === s.game.name ? current : null);
  remember(s.game, continues);
}

/** Reads the saved list and keeps it in step with the page's custom game. */
export function startMyGames(): () => void {
  useMyGames.setState({ games: load(), current: null });
  const s = useStore.getState();
  // A custom game restored from the autosave or a link: its entry, if it is one already.
  if (s.presetId === 'custom') {
    const json = JSON.stringify(gameToJSON(s.game));
    const same = useMyGames.getState().games.find((g) => JSON.stringify(g.game) === json);
    remember(s.game, same?.id ?? null);
  }
  return useStore.subscribe((state, prev) => follow(state, prev));
}
