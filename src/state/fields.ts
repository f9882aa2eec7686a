/**
 * The experiment's field table: every parameter that makes an experiment, in one typed list that
 * drives the share link, the autosave, decoding and validation (as TensorFlow Playground's
 * state.ts). Adding a parameter is one entry here; the store, the link codec and the autosave
 * pick it up from the table.
 *
 * Each entry names the store key, where the value sits in the link's JSON (layout v1, kept so
 * that every link made so far still opens), how a value is checked (the same check for a link and
 * for a control), and whether a change restarts the race.
 */
import { gameToJSON, type Game } from '../core/game';
import { buildPreset, DEFAULT_PRESET, isPresetSpec } from '../core/presets';
import { checkQueryModel, EXACT_QUERIES, type QueryModel } from '../core/sampling';
import {
  checkBeta,
  checkParamsShape,
  isSolverId,
  type SolverId,
  type SolverParams,
} from '../core/solvers';
import { parseGame } from '../core/validate';
import { DEFAULT_SEEDS, SEED_CHOICES } from '../experiment/race';
import { parseCustomSolvers, type CustomSolverSpec } from '../formula/custom';
import { VIEW_IDS, type ViewId } from '../experiment/views/types';

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

export const X_AXES = ['iterations', 'queries'] as const;
export const GAP_METRICS = ['regGap', 'exploitability'] as const;
export const ITERATES = ['last', 'average'] as const;
/**
 * The race's engine: `auto` keeps the app's policy (src/engine/choice.ts: the float64 reference
 * for small races, measured auto for the rest); the others force one engine.
 */
export const RACE_ENGINES = ['auto', 'fused', 'tfjs', 'reference'] as const;
export type RaceEngine = (typeof RACE_ENGINES)[number];
export const MAX_BUDGET = 100_000;
export const DEFAULT_SOLVERS: SolverId[] = ['nash-mp', 'egpo', 'inpo', 'mnpo', 'nash-md', 'sppo'];

/** Everything that makes an experiment: what a link, a lesson slide and the autosave hold. */
export interface Experiment {
  /** A preset id (possibly parametrized, e.g. `random:12:3`), or 'custom' once edited. */
  presetId: string;
  game: Game;
  /** KL strength β of every solver (0: the unregularized game). */
  beta: number;
  /** The solvers in the race, in the order they were picked. */
  solvers: SolverId[];
  /** Parameters the user gave (the registry's defaults fill the rest at the race's β). */
  params: Partial<Record<SolverId, SolverParams>>;
  /** Iterations per race. */
  budget: number;
  /** The engine that computes the race (auto: the app's policy). */
  engine: RaceEngine;
  /** Preference queries: exact Pπ, or n sampled comparisons with a seed. */
  queries: QueryModel;
  /** Seeds per solver when sampled. */
  seeds: number;
  /** x axis of the time-series charts. */
  xAxis: (typeof X_AXES)[number];
  /** The gap chart: regularized gap or unregularized exploitability. */
  gapMetric: (typeof GAP_METRICS)[number];
  /** Both metric charts: the last iterate or the running average. */
  iterate: (typeof ITERATES)[number];
  /** Iterations revealed per animation frame. */
  speed: number;
  /** Classroom mode: only these panels are shown (null: all). */
  panels: Panel[] | null;
  /** The GPU-scale views that are open. */
  openViews: ViewId[];
  /** Custom solvers (update rules typed as formulas), each racing beside the built-ins. */
  custom: CustomSolverSpec[];
  /** The x range the time-series charts show (a brush, in x-axis units); null: the whole race. */
  xRange: [number, number] | null;
}

export type FieldKey = keyof Experiment;
type Json = Record<string, unknown>;

export class FieldError extends Error {
  override name = 'FieldError';
}

export interface Field<K extends FieldKey> {
  key: K;
  /** Reads the raw value from a link's JSON (undefined when absent). */
  read(json: Json): unknown;
  /** Writes the value into a link's JSON, leaving it out where the link can do without. */
  write(json: Json, value: Experiment[K], experiment: Experiment): void;
  /** The value when a link leaves it out; undefined: the link must hold it. */
  fallback: Experiment[K] | undefined;
  /**
   * Checks a value from a link or a control and returns it normalized; throws a FieldError that
   * says what is wrong. `strict: false` fields (display settings) fall back instead of refusing.
   */
  parse(raw: unknown): Experiment[K];
  strict: boolean;
  /** A change puts the playback cursor back to 0 (the race is recomputed). */
  restarts: boolean;
}

const isRecord = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const short = (v: unknown): string => String(v).slice(0, 40);

/** A field stored at `path` in the link's JSON, omitted when `omit` says so. */
function at<K extends FieldKey>(
  key: K,
  path: readonly string[],
  spec: Omit<Field<K>, 'key' | 'read' | 'write'> & {
    omit?: (value: Experiment[K], experiment: Experiment) => boolean;
    encode?: (value: Experiment[K]) => unknown;
  },
): Field<K> {
  return {
    key,
    read(json) {
      let v: unknown = json;
      for (const p of path) v = isRecord(v) ? v[p] : undefined;
      return v;
    },
    write(json, value, experiment) {
      if (spec.omit?.(value, experiment)) return;
      let node = json;
      for (const p of path.slice(0, -1)) node = (node[p] ??= {}) as Json;
      node[path[path.length - 1]!] = spec.encode ? spec.encode(value) : value;
    },
    fallback: spec.fallback,
    parse: spec.parse,
    strict: spec.strict,
    restarts: spec.restarts,
  };
}

function oneOf<T extends string>(options: readonly T[], what: string): (raw: unknown) => T {
  return (raw) => {
    if (options.includes(raw as T)) return raw as T;
    throw new FieldError(`${what} must be one of ${options.join(', ')}, got ${short(raw)}`);
  };
}

function parseSolvers(raw: unknown): SolverId[] {
  if (
    !Array.isArray(raw) ||
    !raw.every((id): id is SolverId => typeof id === 'string' && isSolverId(id))
  )
    throw new FieldError('the solver list is invalid');
  return [...new Set(raw)];
}

/**
 * Each solver's parameters, checked one by one (η's range, the schedule's name, MNPO's players).
 * Whether η fits the race's β is not a property of the link: that conflict is shown at the η
 * field and the solver sits the race out, so a link with it still opens.
 */
function parseParams(raw: unknown): Partial<Record<SolverId, SolverParams>> {
  if (!isRecord(raw)) throw new FieldError('the solver parameters are invalid');
  const params: Partial<Record<SolverId, SolverParams>> = {};
  for (const [id, p] of Object.entries(raw)) {
    if (!isSolverId(id) || !isRecord(p))
      throw new FieldError(`invalid parameters for '${id.slice(0, 40)}'`);
    try {
      checkParamsShape(id, p as SolverParams);
    } catch (e) {
      throw new FieldError((e as Error).message, { cause: e });
    }
    params[id] = p as SolverParams;
  }
  return params;
}

/** The game travels as a preset id (short links), plus π₀ when moved, or as a whole game file. */
const gameField: Field<'game'> = {
  key: 'game',
  read: (json) => ({ preset: json.preset, game: json.game, start: json.start }),
  write(json, game, experiment) {
    const preset = presetOf(experiment);
    if (!preset) {
      json.game = gameToJSON(game);
      return;
    }
    json.preset = preset;
    const presetStart = parseGame(buildPreset(preset)).start;
    if (presetStart.some((v, i) => v !== game.start[i])) json.start = Array.from(game.start);
  },
  fallback: undefined,
  parse(raw) {
    const { preset, game, start } = raw as { preset: unknown; game: unknown; start: unknown };
    let parsed: Game;
    if (typeof preset === 'string') {
      if (!isPresetSpec(preset)) throw new FieldError(`unknown preset '${preset.slice(0, 40)}'`);
      parsed = parseGame(buildPreset(preset));
    } else parsed = parseGame(game);
    if (start !== undefined) parsed = parseGame({ ...gameToJSON(parsed), start });
    return parsed;
  },
  strict: true,
  restarts: true,
};

/** The preset a link may name instead of the whole game: an unedited, known preset. */
function presetOf(e: Pick<Experiment, 'presetId'>): string | undefined {
  return e.presetId !== 'custom' && isPresetSpec(e.presetId) ? e.presetId : undefined;
}

/** The game's preset id follows the game: the link's preset, or 'custom'. */
const presetField: Field<'presetId'> = {
  key: 'presetId',
  read: (json) => json.preset,
  write: () => {}, // written by the game field
  fallback: 'custom',
  parse: (raw) => (typeof raw === 'string' && isPresetSpec(raw) ? raw : 'custom'),
  strict: false,
  restarts: false,
};

function integerIn(what: string, min: number, max: number): (raw: unknown) => number {
  return (raw) => {
    if (!Number.isInteger(raw) || (raw as number) < min || (raw as number) > max)
      throw new FieldError(
        `${what} must be a whole number from ${min} to ${max}, got ${short(raw)}`,
      );
    return raw as number;
  };
}

/** The table, in decoding order. */
export const FIELDS = [
  gameField,
  presetField,
  at('beta', ['beta'], {
    fallback: undefined,
    parse(raw) {
      if (raw === undefined) throw new FieldError('β is missing');
      try {
        checkBeta(raw as number);
      } catch (e) {
        throw new FieldError((e as Error).message, { cause: e });
      }
      return raw as number;
    },
    strict: true,
    restarts: true,
  }),
  at('solvers', ['solvers'], {
    fallback: undefined,
    parse: parseSolvers,
    strict: true,
    restarts: false,
  }),
  at('params', ['params'], {
    fallback: undefined,
    parse: parseParams,
    strict: true,
    restarts: true,
  }),
  at('budget', ['budget'], {
    fallback: undefined,
    parse: (raw) => {
      try {
        return integerIn('the iteration budget', 1, MAX_BUDGET)(raw);
      } catch {
        throw new FieldError(
          `the iteration budget must be a whole number from 1 to ${MAX_BUDGET.toLocaleString('en-US')}, got ${short(raw)}`,
        );
      }
    },
    strict: true,
    restarts: true,
  }),
  // Left out when auto, so every link made before the choice existed reads the same.
  at('engine', ['engine'], {
    fallback: 'auto',
    parse: oneOf(RACE_ENGINES, 'the engine'),
    omit: (engine) => engine === 'auto',
    strict: false,
    restarts: true,
  }),
  at('queries', ['queries'], {
    fallback: EXACT_QUERIES,
    parse(raw) {
      try {
        return checkQueryModel(raw);
      } catch (e) {
        throw new FieldError(`the query model is invalid: ${(e as Error).message}`, { cause: e });
      }
    },
    // Exact queries add nothing: old links and new exact links are the same.
    omit: (q) => q.kind === 'exact',
    strict: true,
    restarts: true,
  }),
  at('seeds', ['seeds'], {
    fallback: DEFAULT_SEEDS,
    parse(raw) {
      if ((SEED_CHOICES as readonly unknown[]).includes(raw)) return raw as number;
      throw new FieldError(
        `the seeds per solver are invalid: must be ${SEED_CHOICES.join(', ')}, got ${short(raw)}`,
      );
    },
    omit: (seeds, e) => e.queries.kind !== 'sampled' || seeds === DEFAULT_SEEDS,
    strict: true,
    restarts: true,
  }),
  at('xAxis', ['view', 'xAxis'], {
    fallback: 'iterations',
    parse: oneOf(X_AXES, 'the x axis'),
    strict: false,
    restarts: false,
  }),
  at('gapMetric', ['view', 'gapMetric'], {
    fallback: 'regGap',
    parse: oneOf(GAP_METRICS, 'the gap metric'),
    strict: false,
    restarts: false,
  }),
  // Named gapIterate in links since it first switched only the exploitability chart.
  at('iterate', ['view', 'gapIterate'], {
    fallback: 'last',
    parse: oneOf(ITERATES, 'the iterate'),
    strict: false,
    restarts: false,
  }),
  at('speed', ['view', 'speed'], {
    fallback: 10,
    parse(raw) {
      if (typeof raw === 'number' && raw >= 1 && raw <= 1000) return Math.round(raw);
      throw new FieldError(`the speed must be from 1 to 1000, got ${short(raw)}`);
    },
    strict: false,
    restarts: false,
  }),
  at('panels', ['view', 'panels'], {
    fallback: null,
    parse(raw) {
      const panels = Array.isArray(raw)
        ? raw.filter((p): p is Panel => PANELS.includes(p as Panel))
        : [];
      return panels.length > 0 ? panels : null;
    },
    omit: (panels) => panels === null,
    strict: false,
    restarts: false,
  }),
  at('custom', ['custom'], {
    fallback: [],
    // Hostile text is refused here, with the formula's position: nothing of it ever runs.
    parse(raw) {
      try {
        return parseCustomSolvers(raw);
      } catch (e) {
        throw new FieldError(`the custom solvers are invalid: ${(e as Error).message}`, {
          cause: e,
        });
      }
    },
    omit: (custom) => custom.length === 0,
    strict: true,
    restarts: true,
  }),
  at('openViews', ['view', 'open'], {
    fallback: [],
    parse: (raw) =>
      Array.isArray(raw)
        ? [...new Set(raw.filter((v): v is ViewId => VIEW_IDS.includes(v as ViewId)))]
        : [],
    omit: (open) => open.length === 0,
    strict: false,
    restarts: false,
  }),
  // A zoom of the charts, not of the race: it never restarts it.
  at('xRange', ['view', 'xRange'], {
    fallback: null,
    parse(raw) {
      if (raw === null) return null;
      if (
        Array.isArray(raw) &&
        raw.length === 2 &&
        raw.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0) &&
        raw[0] < raw[1]
      )
        return [raw[0], raw[1]] as [number, number];
      throw new FieldError(`the x range must be two numbers from low to high, got ${short(raw)}`);
    },
    omit: (range) => range === null,
    strict: false,
    restarts: false,
  }),
] as const satisfies readonly Field<FieldKey>[];

export const FIELD_KEYS: readonly FieldKey[] = FIELDS.map((f) => f.key);

const BY_KEY = new Map<FieldKey, Field<FieldKey>>(
  FIELDS.map((f) => [f.key, f as unknown as Field<FieldKey>]),
);

export function fieldOf<K extends FieldKey>(key: K): Field<K> {
  return BY_KEY.get(key) as unknown as Field<K>;
}

/** Checks a value for one field, as a control hands it over; throws a FieldError. */
export function checkField<K extends FieldKey>(key: K, value: unknown): Experiment[K] {
  return fieldOf(key).parse(value);
}

const defaultGame = parseGame(buildPreset(DEFAULT_PRESET));

/** The experiment a first visit shows. */
export const DEFAULT_EXPERIMENT: Experiment = {
  presetId: DEFAULT_PRESET,
  game: defaultGame,
  beta: 0.1,
  solvers: DEFAULT_SOLVERS,
  params: {},
  budget: 2000,
  engine: 'auto',
  queries: EXACT_QUERIES,
  seeds: DEFAULT_SEEDS,
  xAxis: 'iterations',
  gapMetric: 'regGap',
  iterate: 'last',
  speed: 10,
  panels: null,
  openViews: [],
  custom: [],
  xRange: null,
};

/** The experiment's fields of a larger state (the store), in table order. */
export function experimentOf(state: Experiment): Experiment {
  return Object.fromEntries(FIELD_KEYS.map((k) => [k, state[k]])) as unknown as Experiment;
}

/** The experiment as the link's JSON (without the version). */
export function experimentToJson(experiment: Experiment): Json {
  const json: Json = {};
  for (const field of FIELDS)
    (field as unknown as Field<FieldKey>).write(json, experiment[field.key], experiment);
  return json;
}

/** The experiment from a link's JSON: strict fields refuse the link, lenient ones fall back. */
export function experimentFromJson(json: Json): Experiment {
  const out: Partial<Record<FieldKey, unknown>> = {};
  for (const f of FIELDS) {
    const field = f as unknown as Field<FieldKey>;
    const raw = field.read(json);
    if (field.key === 'game') {
      out.game = field.parse(raw);
      continue;
    }
    if (raw === undefined && field.fallback !== undefined) {
      out[field.key] = field.fallback;
      continue;
    }
    try {
      out[field.key] = field.parse(raw);
    } catch (e) {
      if (field.strict || field.fallback === undefined) throw e;
      out[field.key] = field.fallback;
    }
  }
  return out as Experiment;
}

/** Whether two experiments differ in any field (by identity, as the store replaces on change). */
export function experimentChanged(a: Experiment, b: Experiment): boolean {
  return FIELD_KEYS.some((k) => a[k] !== b[k]);
}
