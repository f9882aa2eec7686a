/**
 * The experiment as a link: one typed, versioned state table, JSON compressed with lz-string into
 * the URL hash (`#s=v1.…`). Decoding validates everything with the same rules as the CLI, so a
 * broken, truncated, old or hostile link yields a message, never an exception or injected markup.
 */
import LZString from 'lz-string';
import { gameToJSON, type Game, type GameJSON } from '../core/game';
import { buildPreset, isPresetSpec } from '../core/presets';
import {
  checkBeta,
  isSolverId,
  resolveParams,
  type SolverId,
  type SolverParams,
} from '../core/solvers';
import { parseGame } from '../core/validate';
import { checkQueryModel, EXACT_QUERIES, type QueryModel } from '../core/sampling';
import { DEFAULT_SEEDS, SEED_CHOICES } from './race';
import { VIEW_IDS, type ViewId } from './views';

export const STATE_VERSION = 1;
/** Longer hashes are refused before any decompression (a 10 MB hash must not stall the page). */
export const MAX_HASH_LENGTH = 64 * 1024;
/** Classroom flags. `play` alone shows just the Play/Pause button; `playback` the full controls. */
export const PANELS = [
  'game',
  'solvers',
  'playback',
  'play',
  'convergence',
  'exploitability',
  'simplex',
] as const;
export type Panel = (typeof PANELS)[number];

export interface SharedState {
  v: typeof STATE_VERSION;
  /** A preset id when the game is an unedited preset (short links)… */
  preset?: string;
  /** …else the whole game. */
  game?: GameJSON;
  /** The start π₀ when it differs from the preset's. */
  start?: number[];
  beta: number;
  solvers: SolverId[];
  params: Partial<Record<SolverId, SolverParams>>;
  budget: number;
  /** Sampled preference queries (absent: exact). Optional, so older links still decode. */
  queries?: QueryModel;
  /** Seeds per solver of a sampled race (absent: 256). */
  seeds?: number;
  view: {
    xAxis: 'iterations' | 'queries';
    gapMetric: 'regGap' | 'exploitability';
    gapIterate: 'last' | 'average';
    speed: number;
    /** Classroom mode: only these panels are shown (all when absent). */
    panels?: Panel[];
    /** Open GPU-scale views (flow field, basins, sweep map, fair race), when any. */
    open?: ViewId[];
  };
}

export interface DecodedState {
  game: Game;
  presetId: string;
  beta: number;
  solvers: SolverId[];
  params: Partial<Record<SolverId, SolverParams>>;
  budget: number;
  queries: QueryModel;
  seeds: number;
  view: SharedState['view'];
}

export type DecodeResult = { ok: true; state: DecodedState } | { ok: false; error: string };

export function encodeState(state: SharedState): string {
  return `v${STATE_VERSION}.${LZString.compressToEncodedURIComponent(JSON.stringify(state))}`;
}

export function shareableState(s: {
  presetId: string;
  game: Game;
  beta: number;
  selected: SolverId[];
  params: Partial<Record<SolverId, SolverParams>>;
  budget: number;
  queries?: QueryModel;
  seeds?: number;
  view: SharedState['view'];
}): SharedState {
  const preset = s.presetId !== 'custom' && isPresetSpec(s.presetId) ? s.presetId : undefined;
  const presetStart = preset ? parseGame(buildPreset(preset)).start : null;
  const startChanged = presetStart !== null && presetStart.some((v, i) => v !== s.game.start[i]);
  return {
    v: STATE_VERSION,
    ...(preset ? { preset } : { game: gameToJSON(s.game) }),
    ...(startChanged ? { start: Array.from(s.game.start) } : {}),
    beta: s.beta,
    solvers: [...s.selected],
    params: s.params,
    budget: s.budget,
    ...(s.queries?.kind === 'sampled' ? { queries: s.queries } : {}),
    ...(s.queries?.kind === 'sampled' && s.seeds !== undefined && s.seeds !== DEFAULT_SEEDS
      ? { seeds: s.seeds }
      : {}),
    view: s.view,
  };
}

const fail = (error: string): DecodeResult => ({ ok: false, error });

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function decodeState(encoded: string): DecodeResult {
  if (encoded.length > MAX_HASH_LENGTH)
    return fail(`the link is too long (${encoded.length} characters; at most ${MAX_HASH_LENGTH})`);
  const match = /^v(\d+)\.(.*)$/s.exec(encoded);
  if (!match) return fail('the link is not a Nash Playground experiment');
  const version = Number(match[1]);
  if (version !== STATE_VERSION) {
    return fail(
      version < STATE_VERSION
        ? `the link was made by an older version (v${version}) that this one cannot read`
        : `the link needs a newer version (v${version})`,
    );
  }
  let json: unknown;
  try {
    const text = LZString.decompressFromEncodedURIComponent(match[2]!);
    if (!text) return fail('the link is truncated or damaged');
    json = JSON.parse(text);
  } catch {
    return fail('the link is truncated or damaged');
  }
  if (!isRecord(json)) return fail('the link holds no experiment');
  try {
    return { ok: true, state: validateShared(json) };
  } catch (e) {
    return fail((e as Error).message);
  }
}

function validateShared(s: Record<string, unknown>): DecodedState {
  let game: Game;
  let presetId = 'custom';
  if (typeof s.preset === 'string') {
    if (!isPresetSpec(s.preset)) throw new Error(`unknown preset '${s.preset.slice(0, 40)}'`);
    presetId = s.preset;
    game = parseGame(buildPreset(s.preset));
  } else game = parseGame(s.game);
  if (s.start !== undefined) game = parseGame({ ...gameToJSON(game), start: s.start });
  if (typeof s.beta !== 'number') throw new Error('β is missing');
  checkBeta(s.beta);
  if (
    !Array.isArray(s.solvers) ||
    !s.solvers.every((id): id is SolverId => typeof id === 'string' && isSolverId(id))
  ) {
    throw new Error('the solver list is invalid');
  }
  const params: Partial<Record<SolverId, SolverParams>> = {};
  if (!isRecord(s.params)) throw new Error('the solver parameters are invalid');
  for (const [id, p] of Object.entries(s.params)) {
    if (!isSolverId(id) || !isRecord(p))
      throw new Error(`invalid parameters for '${id.slice(0, 40)}'`);
    resolveParams(id, s.beta, p as SolverParams);
    params[id] = p as SolverParams;
  }
  if (!Number.isInteger(s.budget) || (s.budget as number) < 1 || (s.budget as number) > 100_000)
    throw new Error('the iteration budget is invalid');
  let queries: QueryModel = EXACT_QUERIES;
  if (s.queries !== undefined) {
    try {
      queries = checkQueryModel(s.queries);
    } catch (e) {
      throw new Error(`the query model is invalid: ${(e as Error).message}`, { cause: e });
    }
  }
  if (s.seeds !== undefined && !(SEED_CHOICES as readonly unknown[]).includes(s.seeds))
    throw new Error(
      `the seeds per solver are invalid: must be ${SEED_CHOICES.join(', ')}, got ${String(s.seeds).slice(0, 40)}`,
    );
  const seeds = (s.seeds as number | undefined) ?? DEFAULT_SEEDS;
  const v = isRecord(s.view) ? s.view : {};
  const pick = <T extends string>(value: unknown, options: readonly T[], fallback: T): T =>
    options.includes(value as T) ? (value as T) : fallback;
  const open = Array.isArray(v.open)
    ? [...new Set(v.open.filter((p): p is ViewId => VIEW_IDS.includes(p as ViewId)))]
    : undefined;
  const panels = Array.isArray(v.panels)
    ? v.panels.filter((p): p is Panel => PANELS.includes(p as Panel))
    : undefined;
  return {
    game,
    presetId,
    beta: s.beta,
    solvers: [...new Set(s.solvers)],
    params,
    budget: s.budget as number,
    queries,
    seeds,
    view: {
      xAxis: pick(v.xAxis, ['iterations', 'queries'] as const, 'iterations'),
      gapMetric: pick(v.gapMetric, ['regGap', 'exploitability'] as const, 'regGap'),
      gapIterate: pick(v.gapIterate, ['last', 'average'] as const, 'last'),
      speed:
        typeof v.speed === 'number' && v.speed >= 1 && v.speed <= 1000 ? Math.round(v.speed) : 10,
      ...(panels && panels.length > 0 ? { panels } : {}),
      ...(open && open.length > 0 ? { open } : {}),
    },
  };
}
