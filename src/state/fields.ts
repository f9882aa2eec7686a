/**
 * The experiment's field table: every parameter that makes an experiment, in one typed list that
 * drives the share link, the autosave, decoding and validation (as TensorFlow Playground's
 * state.ts). Adding a parameter is one entry here; the store, the link codec and the autosave
 * pick it up from the table.
 *
 * Each entry holds every fact about its field: the store key, where the value sits in the link's
 * JSON (layout v1, kept so that every link made so far still opens), its initial value (the first
 * visit's, and what a link that leaves it out gets), how a value is checked (the same check for a
 * link and for a control), and whether a change restarts the race. The undo history records the
 * table's values and nothing else (src/state/history.ts); one store subscription restarts the race
 * and the cursor when a `restarts` field changes (src/state/store.ts). docs/architecture.md, "The
 * field table", says how to add a field.
 */
import { ENGINE_NAMES, type EngineName } from '../engine/types';
import { DEFAULT_PRIOR } from '../core/counts';
import { checkPrior } from '../comparisons/import';
import { ComparisonsError } from '../comparisons/parse';
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
import { checkEpsilon } from '../core/hitting';
import { DEFAULT_EPSILON } from '../experiment/hits';

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
export const RACE_ENGINES = ENGINE_NAMES;
export type RaceEngine = EngineName;
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
  /** Preference queries: exact Pπ, or a noisy model (sampled, pairs, pairs-binary) with n and a seed. */
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
  /** ε of the hitting times: where each solver's metric stays ≤ ε (legend, marks, exports). */
  epsilon: number;
  /** The x range the time-series charts show (a brush, in x-axis units); null: the whole race. */
  xRange: [number, number] | null;
  /** The Beta prior's strength a (wins each way) for vote files, and for the game's own votes. */
  prior: number;
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
  /** The value on a first visit (DEFAULT_EXPERIMENT is made of these). */
  initial: Experiment[K];
  /**
   * A link may leave the field out: it then gets `initial` (or what `inferred` says). Otherwise
   * `parse` sees the absence (and refuses it, or reads it as it says, as the preset id does).
   */
  optional: boolean;
  /** An optional field whose value, when a link leaves it out, follows the decoded game. */
  inferred?: (decoded: Pick<Experiment, 'game'>) => Experiment[K];
  /**
   * Checks a value from a link or a control and returns it normalized; throws a FieldError that
   * says what is wrong. `strict: false` fields (display settings) fall back to `initial` instead
   * of refusing the link.
   */
  parse(raw: unknown): Experiment[K];
  strict: boolean;
  /** A change recomputes the race and puts the playback cursor back to 0. */
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
    initial: spec.initial,
    optional: spec.optional,
    inferred: spec.inferred,
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
  initial: parseGame(buildPreset(DEFAULT_PRESET)),
  optional: false,
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
  initial: DEFAULT_PRESET,
  // A link without a preset holds a whole game: parse reads the absence as 'custom'.
  optional: false,
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

/**
 * The table, in decoding order (the game first: the preset id and the prior follow it) and in the
 * order a link's JSON is written. The type asks for one entry per Experiment field.
 */
const TABLE: { [K in FieldKey]: Field<K> } = {
  game: gameField,
  presetId: presetField,
  beta: at('beta', ['beta'], {
    initial: 0.1,
    optional: false,
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
  solvers: at('solvers', ['solvers'], {
    initial: DEFAULT_SOLVERS,
    optional: false,
    parse: parseSolvers,
    strict: true,
    restarts: true,
  }),
  params: at('params', ['params'], {
    initial: {},
    optional: false,
    parse: parseParams,
    strict: true,
    restarts: true,
  }),
  budget: at('budget', ['budget'], {
    initial: 2000,
    optional: false,
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
  engine: at('engine', ['engine'], {
    initial: 'auto',
    optional: true,
    parse: oneOf(RACE_ENGINES, 'the engine'),
    omit: (engine) => engine === 'auto',
    strict: false,
    restarts: true,
  }),
  queries: at('queries', ['queries'], {
    initial: EXACT_QUERIES,
    optional: true,
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
  seeds: at('seeds', ['seeds'], {
    initial: DEFAULT_SEEDS,
    optional: true,
    parse(raw) {
      if ((SEED_CHOICES as readonly unknown[]).includes(raw)) return raw as number;
      throw new FieldError(
        `the seeds per solver are invalid: must be ${SEED_CHOICES.join(', ')}, got ${short(raw)}`,
      );
    },
    omit: (seeds, e) => e.queries.kind === 'exact' || seeds === DEFAULT_SEEDS,
    strict: true,
    restarts: true,
  }),
  xAxis: at('xAxis', ['view', 'xAxis'], {
    initial: 'iterations',
    optional: true,
    parse: oneOf(X_AXES, 'the x axis'),
    strict: false,
    restarts: false,
  }),
  gapMetric: at('gapMetric', ['view', 'gapMetric'], {
    initial: 'regGap',
    optional: true,
    parse: oneOf(GAP_METRICS, 'the gap metric'),
    strict: false,
    restarts: false,
  }),
  // Named gapIterate in links since it first switched only the exploitability chart.
  iterate: at('iterate', ['view', 'gapIterate'], {
    initial: 'last',
    optional: true,
    parse: oneOf(ITERATES, 'the iterate'),
    strict: false,
    restarts: false,
  }),
  speed: at('speed', ['view', 'speed'], {
    initial: 10,
    optional: true,
    parse(raw) {
      if (typeof raw === 'number' && raw >= 1 && raw <= 1000) return Math.round(raw);
      throw new FieldError(`the speed must be from 1 to 1000, got ${short(raw)}`);
    },
    strict: false,
    restarts: false,
  }),
  panels: at('panels', ['view', 'panels'], {
    initial: null,
    optional: true,
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
  custom: at('custom', ['custom'], {
    initial: [],
    optional: true,
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
  openViews: at('openViews', ['view', 'open'], {
    initial: [],
    optional: true,
    parse: (raw) =>
      Array.isArray(raw)
        ? [...new Set(raw.filter((v): v is ViewId => VIEW_IDS.includes(v as ViewId)))]
        : [],
    omit: (open) => open.length === 0,
    strict: false,
    restarts: false,
  }),
  // Left out at the default, so links made before ε existed read the same.
  epsilon: at('epsilon', ['view', 'epsilon'], {
    initial: DEFAULT_EPSILON,
    optional: true,
    parse(raw) {
      const problem = typeof raw === 'number' ? checkEpsilon(raw) : 'ε must be a number';
      if (problem) throw new FieldError(problem);
      return raw as number;
    },
    omit: (epsilon) => epsilon === DEFAULT_EPSILON,
    strict: false,
    restarts: false,
  }),
  // A zoom of the charts, not of the race: it never restarts it.
  xRange: at('xRange', ['view', 'xRange'], {
    initial: null,
    optional: true,
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
  // The game's votes carry the prior they were estimated with: a link leaves out the one it says.
  prior: at('prior', ['prior'], {
    initial: DEFAULT_PRIOR,
    optional: true,
    inferred: ({ game }) => game.counts?.prior ?? DEFAULT_PRIOR,
    parse(raw) {
      if (typeof raw !== 'number')
        throw new FieldError(`the vote prior must be a number ≥ 0, got ${short(raw)}`);
      try {
        checkPrior(raw, 'prior');
      } catch (e) {
        const message = e instanceof ComparisonsError ? e.issues[0]!.message : String(e);
        throw new FieldError(message, { cause: e });
      }
      return raw;
    },
    omit: (prior, e) => prior === (e.game.counts?.prior ?? DEFAULT_PRIOR),
    strict: true,
    // A new prior re-estimates a game from votes: that new game restarts the race.
    restarts: false,
  }),
};

const isFieldKey = (key: string): key is FieldKey => key in TABLE;

/** The experiment's keys, in table order. */
export const FIELD_KEYS: readonly FieldKey[] = Object.keys(TABLE).filter(isFieldKey);

export function fieldOf<K extends FieldKey>(key: K): Field<K> {
  return TABLE[key];
}

/** The table's entries, in table order. */
export const FIELDS: readonly Field<FieldKey>[] = FIELD_KEYS.map((key) => fieldOf(key));

/** Checks a value for one field, as a control hands it over; throws a FieldError. */
export function checkField<K extends FieldKey>(key: K, value: unknown): Experiment[K] {
  return fieldOf(key).parse(value);
}

/** An experiment built field by field, once every field has its value. */
function complete(partial: Partial<Experiment>): Experiment {
  const isWhole = (p: Partial<Experiment>): p is Experiment =>
    FIELD_KEYS.every((key) => p[key] !== undefined);
  if (!isWhole(partial)) throw new Error('an experiment field has no value'); // a table bug
  return partial;
}

/** Builds an experiment from each field's value (given by key, in table order). */
function experimentFrom(valueOf: <K extends FieldKey>(key: K) => Experiment[K]): Experiment {
  const out: Partial<Experiment> = {};
  const put = <K extends FieldKey>(key: K): void => {
    out[key] = valueOf(key);
  };
  FIELD_KEYS.forEach(put);
  return complete(out);
}

/** The experiment a first visit shows: every field's initial value. */
export const DEFAULT_EXPERIMENT: Experiment = experimentFrom((key) => fieldOf(key).initial);

/** The experiment's fields of a larger state (the store), in table order. */
export function experimentOf(state: Experiment): Experiment {
  return experimentFrom((key) => state[key]);
}

/** The experiment as the link's JSON (without the version). */
export function experimentToJson(experiment: Experiment): Json {
  const json: Json = {};
  const write = <K extends FieldKey>(key: K): void =>
    fieldOf(key).write(json, experiment[key], experiment);
  FIELD_KEYS.forEach(write);
  return json;
}

/** One field from a link's JSON: strict fields refuse the link, lenient ones fall back. */
function readField<K extends FieldKey>(
  field: Field<K>,
  json: Json,
  decoded: Partial<Experiment>,
): Experiment[K] {
  const raw = field.read(json);
  const absent = (): Experiment[K] =>
    field.inferred && decoded.game ? field.inferred({ game: decoded.game }) : field.initial;
  if (raw === undefined && field.optional) return absent();
  try {
    return field.parse(raw);
  } catch (e) {
    if (field.strict) throw e;
    return absent();
  }
}

/** The experiment from a link's JSON: strict fields refuse the link, lenient ones fall back. */
export function experimentFromJson(json: Json): Experiment {
  const decoded: Partial<Experiment> = {};
  const read = <K extends FieldKey>(key: K): void => {
    decoded[key] = readField(fieldOf(key), json, decoded);
  };
  FIELD_KEYS.forEach(read);
  return complete(decoded);
}

/** Whether two experiments differ in any field (by identity, as the store replaces on change). */
export function experimentChanged(a: Experiment, b: Experiment): boolean {
  return FIELD_KEYS.some((k) => a[k] !== b[k]);
}

/** The fields whose change recomputes the race (and restarts the cursor). */
export const RESTART_KEYS: readonly FieldKey[] = FIELD_KEYS.filter((k) => fieldOf(k).restarts);

/** Whether the race must be recomputed between two states (a `restarts` field changed). */
export function restartsBetween(a: Experiment, b: Experiment): boolean {
  return RESTART_KEYS.some((k) => a[k] !== b[k]);
}
