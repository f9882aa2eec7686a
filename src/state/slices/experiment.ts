/**
 * The experiment: every field of the table (src/state/fields.ts) with the actions that change
 * them. Each action validates with the table's checks (or the registry's, for solver parameters):
 * a refused value leaves the experiment as it was and says why, next to the control that sent it.
 */
import { withStart } from '../../core/game';
import { countsToJSON } from '../../core/counts';
import { importGameText } from '../../comparisons/import';
import { mostMassActions } from '../../experiment/simplexActions';
import { gameToJSON } from '../../core/game';
import { buildPreset } from '../../core/presets';
import { checkQueryModel, EXACT_QUERIES, type QueryModel } from '../../core/sampling';
import {
  getSolver,
  ParamError,
  resolveParams,
  type SolverId,
  type SolverParams,
} from '../../core/solvers';
import { GameValidationError, parseDistribution, parseGame } from '../../core/validate';
import { applyDraft, draftOf, type Draft } from '../../experiment/draft';
import type { ViewId } from '../../experiment/views/types';
import {
  MAX_CUSTOM_SOLVERS,
  newCustomSolver,
  parseCustomSolver,
  type CustomSolverSpec,
} from '../../formula/custom';
import {
  checkField,
  DEFAULT_EXPERIMENT,
  experimentOf,
  type Experiment,
  type FieldKey,
} from '../fields';
import { asOneStep, redoFields, undoFields } from '../history';
import { without, type Slice } from './types';

/**
 * n when the app switches to sampled queries: 20, not the CLI's 100, so that the first sampled
 * race (6 solvers × 256 seeds × 2,000 iterations) takes seconds rather than half a minute.
 */
export const APP_DEFAULT_SAMPLES = 20;

export interface ExperimentSlice extends Experiment {
  /** The matrix editor's text, possibly invalid (then `draft.issues` says why). */
  draft: Draft;
  /** The noisy models' n and seed, kept while exact queries are chosen. */
  sampling: { samples: number; seed: number };
  /** Why the last edit of a field was refused (the previous value stays). */
  fieldErrors: Partial<Record<FieldKey | 'samples' | 'seed', string>>;
  /** Why a solver's last parameter edit was refused (the previous parameters keep running). */
  paramErrors: Partial<Record<SolverId, ParamIssue>>;
  /** A one-line message for the user (e.g. why a link or a file could not be opened). */
  notice: string | null;
  /**
   * The three actions the simplex shows (K > 3 projects onto them); null until the user picks:
   * the three with the most equilibrium mass in the race shown (mostMassActions).
   */
  simplexActions: [number, number, number] | null;
  /** The solver whose policy-over-time areas are shown. */
  areaSolver: string | null;

  /**
   * Sets one field from a control, checked by the field table; returns whether it was taken.
   * A refused value sets `fieldErrors[key]` and changes nothing else.
   */
  setField<K extends FieldKey>(key: K, value: Experiment[K]): boolean;
  setBeta(beta: number): boolean;
  /** A preset by id or spec (`random:12:3`); a bad spec sets fieldErrors.presetId. */
  setPreset(spec: string): boolean;
  /** Applies an editor change; a valid draft becomes the game, an invalid one only shows issues. */
  editDraft(change: (draft: Draft) => Draft): void;
  /** A new start π₀ (from a click on the simplex): the race and the π₀ fields follow it. */
  setStart(start: readonly number[]): void;
  toggleSolver(id: SolverId): void;
  /** Sets one parameter (undefined: back to the default); refused edits leave the race as it is. */
  setParam<K extends keyof SolverParams>(
    id: SolverId,
    key: K,
    value: SolverParams[K] | undefined,
  ): boolean;
  setQueryKind(kind: QueryModel['kind']): void;
  /** n or the seed as typed (NaN for an empty field); refused values only set fieldErrors. */
  setSampling(field: 'samples' | 'seed', value: number): boolean;
  setViewOpen(view: ViewId, open: boolean): void;
  setSimplexAction(slot: 0 | 1 | 2, action: number): void;
  /** By trace key (a registry id or a custom solver's id). */
  setAreaSolver(key: string): void;
  /** Replaces the experiment with one from a link, a lesson slide or the autosave. */
  loadExperiment(experiment: Experiment): void;
  setNotice(notice: string | null): void;
  /**
   * A game file's or a vote file's text (import or drop): game files are validated exactly as the
   * CLI validates --game; comparisons (CSV or JSON lines of votes or counts) become a game with
   * their counts, P the posterior mean under the prior below. A refused file leaves the game.
   */
  importGame(text: string, source: string): void;
  /** Sets the vote prior (a field); a game estimated from votes is estimated again. */
  setPrior(prior: number): boolean;
  /** Adds a custom solver (SPPO's rule to start from), up to MAX_CUSTOM_SOLVERS. */
  addCustomSolver(): void;
  /**
   * Changes one custom solver (its formula, η, name or colour), checked as a link would be; a
   * refused change keeps the previous solver and says why in `customErrors`.
   */
  editCustomSolver(id: string, change: Partial<Omit<CustomSolverSpec, 'id'>>): boolean;
  removeCustomSolver(id: string): void;
  /** Why a custom solver's last edit was refused, by its id. */
  customErrors: Partial<Record<string, string>>;
  /** A click on a custom solver's sweep cell: this β for the race and this η for the rule. */
  applyCustomSetting(id: string, eta: number, beta: number): void;
  /** A click on a sweep cell: this β for the race and this η (constant) for the solver. */
  applySetting(solver: SolverId, eta: number, beta: number): void;
  /** One step back in the experiment's history (src/state/history.ts); nothing when none. */
  undo(): void;
  redo(): void;
}

/** What is wrong with a solver's parameters, and which parameter's field shows it. */
export interface ParamIssue {
  param: string;
  message: string;
}

/** The issue of a ParamError, shown at `fallback` unless the error names its parameter. */
export function paramIssue(e: unknown, fallback: string): ParamIssue {
  const param = e instanceof ParamError && e.param ? e.param : fallback;
  return { param, message: (e as Error).message };
}

/** The simplex picks its actions by equilibrium mass until the user chooses (mostMassActions). */
const AUTO_ACTIONS = null;

/**
 * What a new game resets: the simplex's actions and the notice of a failed import (the cursor
 * restarts with every change of a `restarts` field: src/state/store.ts).
 */
function newGame(game: Experiment['game'], presetId: string) {
  return {
    game,
    presetId,
    draft: draftOf(game),
    simplexActions: AUTO_ACTIONS,
    notice: null,
  };
}

type SetState = Parameters<Slice<ExperimentSlice>>[0];
type GetState = Parameters<Slice<ExperimentSlice>>[1];

/**
 * Undo and redo set the fields alone: the editor's text, the sampled n and seed and the simplex's
 * actions follow them here, and the errors of refused edits no longer apply.
 */
function travel(set: SetState, get: GetState, move: () => boolean): void {
  const before = experimentOf(get());
  if (!move()) return;
  set(({ game, queries, draft, sampling, simplexActions }) => ({
    draft: game === before.game ? draft : draftOf(game),
    sampling:
      queries.kind === 'sampled' ? { samples: queries.samples, seed: queries.seed } : sampling,
    simplexActions: game.K === before.game.K ? simplexActions : AUTO_ACTIONS,
    fieldErrors: {},
    paramErrors: {},
    customErrors: {},
  }));
}

export const createExperimentSlice: Slice<ExperimentSlice> = (set, get) => ({
  ...DEFAULT_EXPERIMENT,
  draft: draftOf(DEFAULT_EXPERIMENT.game),
  sampling: { samples: APP_DEFAULT_SAMPLES, seed: 0 },
  fieldErrors: {},
  paramErrors: {},
  notice: null,
  simplexActions: AUTO_ACTIONS,
  areaSolver: null,

  setField: (key, value) => {
    let checked: Experiment[typeof key];
    try {
      checked = checkField(key, value);
    } catch (e) {
      set(({ fieldErrors }) => ({
        fieldErrors: { ...fieldErrors, [key]: (e as Error).message },
      }));
      return false;
    }
    set(({ fieldErrors }) => ({ [key]: checked, fieldErrors: without(fieldErrors, key) }));
    // The cursor never points past the budget.
    if (key === 'budget') set(({ t, budget }) => ({ t: Math.min(t, budget) }));
    return true;
  },
  setBeta: (beta) => get().setField('beta', beta),
  setPreset: (spec) => {
    let game: Experiment['game'];
    try {
      game = parseGame(buildPreset(spec));
    } catch (e) {
      set(({ fieldErrors }) => ({
        fieldErrors: { ...fieldErrors, presetId: (e as Error).message },
      }));
      return false;
    }
    set(({ fieldErrors }) => ({
      ...newGame(game, spec),
      fieldErrors: without(fieldErrors, 'presetId'),
    }));
    return true;
  },
  editDraft: (change) =>
    set(({ draft, game, presetId }) => {
      let next = change(draft);
      // The first edit of a preset says so: its description no longer describes the game.
      if (presetId !== 'custom' && next !== draft)
        next = {
          ...next,
          name: next.name === game.name ? `${game.name} (edited)` : next.name,
          description:
            next.description === game.description
              ? `Edited from the preset “${game.name}”.`
              : next.description,
        };
      const applied = applyDraft(next, game);
      if (!applied.game) return { draft: { ...next, issues: applied.issues } };
      const resized = applied.game.K !== game.K;
      return {
        draft: { ...next, issues: [] },
        game: applied.game,
        presetId: 'custom',
        ...(resized ? { simplexActions: AUTO_ACTIONS } : {}),
      };
    }),
  setStart: (start) => {
    try {
      set(({ game, draft }) => {
        const next = withStart(game, parseDistribution(start, 'start', game.K));
        return { game: next, draft: { ...draft, start: Array.from(next.start, String) } };
      });
    } catch (e) {
      set({ notice: (e as Error).message });
    }
  },
  toggleSolver: (id) =>
    set(({ solvers }) => ({
      solvers: solvers.includes(id) ? solvers.filter((s) => s !== id) : [...solvers, id],
    })),
  setParam: (id, key, value) => {
    const { params, beta } = get();
    const next: SolverParams = Object.fromEntries(
      Object.entries({ ...params[id], [key]: value }).filter(([, v]) => v !== undefined),
    );
    // The theory schedule sets η itself: picking it drops an explicit η, typing an η picks constant.
    if (key === 'schedule' && value === 'theory') delete next.eta;
    if (key === 'eta' && value !== undefined && next.schedule === 'theory')
      next.schedule = 'constant';
    try {
      resolveParams(id, beta, next);
    } catch (e) {
      set(({ paramErrors }) => ({ paramErrors: { ...paramErrors, [id]: paramIssue(e, key) } }));
      return false;
    }
    set(({ paramErrors }) => ({
      params: { ...params, [id]: next },
      paramErrors: without(paramErrors, id),
    }));
    return true;
  },
  setQueryKind: (kind) =>
    set(({ sampling, queries, fieldErrors }) =>
      kind === queries.kind
        ? {}
        : {
            queries: kind === 'exact' ? EXACT_QUERIES : { kind, ...sampling },
            fieldErrors: without(without(fieldErrors, 'samples'), 'seed'),
          },
    ),
  setSampling: (field, value) => {
    const { sampling, queries, fieldErrors } = get();
    const rest = without(fieldErrors, field);
    const next = { ...sampling, [field]: value };
    try {
      if (Number.isNaN(value)) throw new Error(`${field} is empty`);
      checkQueryModel({ kind: 'sampled', ...next });
    } catch (e) {
      const kept = `${(e as Error).message}; keeping ${field} = ${sampling[field]}`;
      set({ fieldErrors: { ...rest, [field]: kept } });
      return false;
    }
    if (next.samples === sampling.samples && next.seed === sampling.seed) {
      set({ fieldErrors: rest });
      return true;
    }
    set({
      sampling: next,
      fieldErrors: rest,
      ...(queries.kind !== 'exact' ? { queries: { kind: queries.kind, ...next } } : {}),
    });
    return true;
  },
  setViewOpen: (view, open) =>
    set(({ openViews }) => ({
      openViews: open
        ? openViews.includes(view)
          ? openViews
          : [...openViews, view]
        : openViews.filter((v) => v !== view),
    })),
  setSimplexAction: (slot, action) =>
    set(({ simplexActions, race }) => {
      const next: [number, number, number] = [
        ...(simplexActions ?? (race ? mostMassActions(race.equilibrium) : [0, 1, 2])),
      ];
      const other = next.indexOf(action);
      // Picking an action shown in another slot swaps the two, so three distinct actions remain.
      if (other >= 0) next[other] = next[slot];
      next[slot] = action;
      return { simplexActions: next };
    }),
  setAreaSolver: (areaSolver) => set({ areaSolver }),
  loadExperiment: (e) =>
    set({
      ...e,
      draft: draftOf(e.game),
      ...(e.queries.kind !== 'exact'
        ? { sampling: { samples: e.queries.samples, seed: e.queries.seed } }
        : {}),
      fieldErrors: {},
      paramErrors: {},
      customErrors: {},
      simplexActions: AUTO_ACTIONS,
      playing: false,
    }),
  setNotice: (notice) => set({ notice }),
  setPrior: (prior) => {
    const { game, fieldErrors } = get();
    try {
      checkField('prior', prior);
      // A game estimated from votes is estimated again: its P follows the prior.
      const next = game.counts
        ? parseGame({
            ...gameToJSON(game),
            preference: undefined,
            counts: { ...countsToJSON(game.counts, game.K), prior },
          })
        : null;
      set({
        prior,
        fieldErrors: without(fieldErrors, 'prior'),
        ...(next ? { game: next, draft: draftOf(next) } : {}),
      });
      return true;
    } catch (e) {
      set({ fieldErrors: { ...fieldErrors, prior: (e as Error).message } });
      return false;
    }
  },
  importGame: (text, source) => {
    try {
      set(newGame(importGameText(text, source, { prior: get().prior }), 'custom'));
    } catch (e) {
      const prefix = e instanceof GameValidationError ? 'invalid game: ' : '';
      set({ notice: `${source} was not imported — ${prefix}${(e as Error).message}` });
    }
  },
  customErrors: {},
  addCustomSolver: () =>
    set(({ custom }) =>
      custom.length >= MAX_CUSTOM_SOLVERS ? {} : { custom: [...custom, newCustomSolver(custom)] },
    ),
  editCustomSolver: (id, change) => {
    const { custom, customErrors } = get();
    const current = custom.find((c) => c.id === id);
    if (!current) return false;
    try {
      const next = parseCustomSolver({ ...current, ...change, id });
      set({
        custom: custom.map((c) => (c.id === id ? next : c)),
        customErrors: without(customErrors, id),
      });
      return true;
    } catch (e) {
      set({ customErrors: { ...customErrors, [id]: (e as Error).message } });
      return false;
    }
  },
  removeCustomSolver: (id) =>
    set(({ custom, customErrors }) => ({
      custom: custom.filter((c) => c.id !== id),
      customErrors: without(customErrors, id),
    })),
  applyCustomSetting: (id, eta, beta) =>
    asOneStep(() => {
      get().setBeta(+beta.toPrecision(3));
      get().editCustomSolver(id, { eta: +eta.toPrecision(3) });
    }),
  applySetting: (solver, eta, beta) =>
    asOneStep(() => {
      // A sweep cell stands for its grid point: 3 significant digits, as the map's axes show them.
      get().setBeta(+beta.toPrecision(3));
      get().setParam(solver, 'eta', +eta.toPrecision(3));
      // The sweep ran a constant step: so does the race it sets.
      const accepts = getSolver(solver).parameters.some((p) => p.id === 'schedule');
      if (accepts) get().setParam(solver, 'schedule', 'constant');
    }),
  undo: () => travel(set, get, undoFields),
  redo: () => travel(set, get, redoFields),
});
