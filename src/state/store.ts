/**
 * The one store (zustand): the experiment, the computed race and the playback cursor, with the
 * actions next to the state. Components select slices; the playback loop reads it transiently.
 */
import { create } from 'zustand';
import { withStart, type Game } from '../core/game';
import { buildPreset, DEFAULT_PRESET } from '../core/presets';
import { getSolver, resolveParams, type SolverId, type SolverParams } from '../core/solvers';
import { GameValidationError, parseDistribution, parseGame } from '../core/validate';
import { parseGameText } from '../core/gameFile';
import { applyDraft, draftOf, type Draft } from './draft';
import {
  defaultPopulation,
  evaluatePopulation,
  fitPopulation,
  populationGameText,
  type PopulationDraft,
} from './population';
import { DEFAULT_SEEDS, SEED_CHOICES, type Race } from './race';
import { checkQueryModel, EXACT_QUERIES, type QueryModel } from '../core/sampling';
import type { DecodedState, Panel } from './urlState';
import { initialViews, type ViewId, type ViewsState } from './views';

export const DEFAULT_SOLVERS: SolverId[] = ['nash-mp', 'egpo', 'inpo', 'mnpo', 'nash-md', 'sppo'];
export const DEFAULT_BETA = 0.1;
export const DEFAULT_BUDGET = 2000;
export const SPEEDS = [1, 2, 5, 10, 20, 50] as const;
/**
 * n when the app switches to sampled queries: 20, not the CLI's 100, so that the first sampled
 * race (6 solvers × 256 seeds × 2,000 iterations) takes seconds rather than half a minute.
 */
export const APP_DEFAULT_SAMPLES = 20;

export interface AppState extends ViewsState {
  /** A preset id, or 'custom' once the matrix was edited. */
  presetId: string;
  game: Game;
  /** The matrix editor's text, possibly invalid (then `draft.issues` says why). */
  draft: Draft;
  beta: number;
  selected: SolverId[];
  params: Partial<Record<SolverId, SolverParams>>;
  /** Why a solver's last parameter edit was refused (the previous parameters keep running). */
  paramErrors: Partial<Record<SolverId, string>>;
  budget: number;
  /** Preference queries of every solver: exact Pπ or sampled (n comparisons, seed s). */
  queryModel: QueryModel;
  /** The sampled model's n and seed, kept while exact queries are chosen. */
  sampling: { samples: number; seed: number };
  /** Seeds per solver when sampled (the charts show median and quartiles over them). */
  seeds: number;
  /** Why the last edit of a query field was refused (the previous model keeps running). */
  queryErrors: Partial<Record<'samples' | 'seed' | 'seeds', string>>;
  race: Race | null;
  computing: boolean;
  error: string | null;
  /** Playback cursor: the iteration shown. */
  t: number;
  playing: boolean;
  /** Iterations revealed per animation frame. */
  speed: number;
  /** x axis of the time-series charts. */
  xAxis: 'iterations' | 'queries';
  /** Exploitability chart: the regularized gap or the unregularized exploitability… */
  gapMetric: 'regGap' | 'exploitability';
  /** …of the last iterate or of the running average. */
  gapIterate: 'last' | 'average';
  /** The three actions the simplex shows (K > 3 projects onto them). */
  simplexActions: [number, number, number];
  /** The solver whose policy-over-time areas are shown. */
  areaSolver: SolverId | null;
  /** Classroom mode: only these panels are shown (null: all). */
  panels: Panel[] | null;
  /** A one-line message for the user (e.g. why a link could not be opened). */
  notice: string | null;
  /**
   * The annotator-population builder's groups as typed. Not part of the share link or the
   * autosave: it is a tool for making a matrix, and the matrix it applies is what travels.
   */
  population: PopulationDraft;

  setPreset(id: string): void;
  /** Applies an editor change; a valid draft becomes the game, an invalid one only shows issues. */
  editDraft(change: (draft: Draft) => Draft): void;
  setBeta(beta: number): void;
  /** A new start π₀ (from a click on the simplex): the race restarts from it. */
  setStart(start: readonly number[]): void;
  toggleSolver(id: SolverId): void;
  /** Sets one parameter (undefined: back to the default); refused edits leave the race as it is. */
  setParam<K extends keyof SolverParams>(
    id: SolverId,
    key: K,
    value: SolverParams[K] | undefined,
  ): void;
  setQueryKind(kind: QueryModel['kind']): void;
  /** n or the seed as typed (NaN for an empty field); refused values only set queryErrors. */
  setSampling(field: 'samples' | 'seed', value: number): void;
  setSeeds(seeds: number): void;
  setRace(race: Race): void;
  setError(message: string | null): void;
  setComputing(computing: boolean): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  step(): void;
  reset(): void;
  /** One animation frame of playback. */
  tick(): void;
  setSpeed(speed: number): void;
  setXAxis(axis: AppState['xAxis']): void;
  setGapView(view: Partial<Pick<AppState, 'gapMetric' | 'gapIterate'>>): void;
  setSimplexAction(slot: 0 | 1 | 2, action: number): void;
  setAreaSolver(solver: SolverId): void;
  /** Replaces the experiment with one from a link or the autosave. */
  loadShared(state: DecodedState): void;
  setNotice(notice: string | null): void;
  /** A game file's text (import or drop): validated exactly as the CLI validates --game. */
  importGame(text: string, source: string): void;
  setViewOpen(view: ViewId, open: boolean): void;
  setViewOptions(
    options: Partial<Pick<ViewsState, 'flowSolver' | 'basinEpsilon' | 'sweepMetric'>>,
  ): void;
  /** A view's computed numbers (or null to clear), and its busy/error status. */
  setViewResult<V extends 'flow' | 'basins' | 'sweep' | 'fair'>(
    view: V,
    result: ViewsState[V],
  ): void;
  setViewStatus(view: ViewId, status: { busy?: boolean; error?: string | null }): void;
  /** A click on a sweep cell: this β for the race and this η for the solver. */
  applySetting(solver: SolverId, eta: number, beta: number): void;
  /** Edits the builder's groups (the draft is first fitted to the game's K). */
  editPopulation(change: (population: PopulationDraft) => PopulationDraft): void;
  /**
   * Sets the game's matrix to the population's aggregate, through the matrix editor's draft (same
   * validation, same in-place errors); labels, μ and π₀ stay. Invalid populations change nothing.
   */
  applyPopulation(): void;
}

const initialGame = parseGame(buildPreset(DEFAULT_PRESET));

export const useStore = create<AppState>()((set, get) => ({
  presetId: DEFAULT_PRESET,
  game: initialGame,
  draft: draftOf(initialGame),
  beta: DEFAULT_BETA,
  selected: DEFAULT_SOLVERS,
  params: {},
  paramErrors: {},
  budget: DEFAULT_BUDGET,
  queryModel: EXACT_QUERIES,
  sampling: { samples: APP_DEFAULT_SAMPLES, seed: 0 },
  seeds: DEFAULT_SEEDS,
  queryErrors: {},
  race: null,
  computing: false,
  error: null,
  t: 0,
  playing: false,
  speed: 10,
  xAxis: 'iterations',
  gapMetric: 'regGap',
  gapIterate: 'last',
  simplexActions: [0, 1, 2],
  areaSolver: null,
  panels: null,
  notice: null,
  ...initialViews,
  population: defaultPopulation(initialGame.K),

  setPreset: (id) => {
    const game = parseGame(buildPreset(id));
    set({ presetId: id, game, draft: draftOf(game), t: 0, simplexActions: [0, 1, 2] });
  },
  editDraft: (change) =>
    set(({ draft, game }) => {
      const next = change(draft);
      const applied = applyDraft(next, game);
      if (!applied.game) return { draft: { ...next, issues: applied.issues } };
      const resized = applied.game.K !== game.K;
      return {
        draft: { ...next, issues: [] },
        game: applied.game,
        presetId: 'custom',
        t: 0,
        ...(resized ? { simplexActions: [0, 1, 2] as [number, number, number] } : {}),
      };
    }),
  setBeta: (beta) => set({ beta, t: 0 }),
  setStart: (start) => {
    try {
      set(({ game }) => ({
        game: withStart(game, parseDistribution(start, 'start', game.K)),
        t: 0,
      }));
    } catch (e) {
      set({ error: (e as Error).message });
    }
  },
  toggleSolver: (id) =>
    set(({ selected }) => ({
      selected: selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id],
    })),
  setParam: (id, key, value) =>
    set(({ params, paramErrors, beta }) => {
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
        return { paramErrors: { ...paramErrors, [id]: (e as Error).message } };
      }
      const rest = Object.fromEntries(Object.entries(paramErrors).filter(([k]) => k !== id));
      return { params: { ...params, [id]: next }, paramErrors: rest, t: 0 };
    }),
  setQueryKind: (kind) =>
    set(({ sampling, queryModel }) =>
      kind === queryModel.kind
        ? {}
        : {
            queryModel: kind === 'exact' ? EXACT_QUERIES : { kind, ...sampling },
            queryErrors: {},
            t: 0,
          },
    ),
  setSampling: (field, value) =>
    set(({ sampling, queryModel, queryErrors }) => {
      const rest = Object.fromEntries(Object.entries(queryErrors).filter(([k]) => k !== field));
      const next = { ...sampling, [field]: value };
      try {
        if (Number.isNaN(value)) throw new Error(`${field} is empty`);
        checkQueryModel({ kind: 'sampled', ...next });
      } catch (e) {
        const kept = `${(e as Error).message}; keeping ${field} = ${sampling[field]}`;
        return { queryErrors: { ...rest, [field]: kept } };
      }
      if (next.samples === sampling.samples && next.seed === sampling.seed)
        return { queryErrors: rest };
      return {
        sampling: next,
        queryErrors: rest,
        ...(queryModel.kind === 'sampled'
          ? { queryModel: { kind: 'sampled' as const, ...next }, t: 0 }
          : {}),
      };
    }),
  setSeeds: (seeds) =>
    set(({ queryErrors }) => {
      const rest = Object.fromEntries(Object.entries(queryErrors).filter(([k]) => k !== 'seeds'));
      if (!(SEED_CHOICES as readonly number[]).includes(seeds))
        return {
          queryErrors: { ...rest, seeds: `seeds must be ${SEED_CHOICES.join(', ')}, got ${seeds}` },
        };
      return { seeds, queryErrors: rest, t: 0 };
    }),
  setRace: (race) => set({ race, computing: false, error: null, t: 0 }),
  setError: (error) => set({ error, computing: false }),
  setComputing: (computing) => set({ computing }),
  play: () => set(({ t, budget }) => ({ playing: true, t: t >= budget ? 0 : t })),
  pause: () => set({ playing: false }),
  togglePlay: () => (get().playing ? get().pause() : get().play()),
  step: () => set(({ t, budget }) => ({ playing: false, t: Math.min(budget, t + 1) })),
  reset: () => set({ playing: false, t: 0 }),
  tick: () =>
    set(({ t, speed, budget, playing }) => {
      if (!playing) return {};
      const next = Math.min(budget, t + speed);
      return { t: next, playing: next < budget };
    }),
  setSpeed: (speed) => set({ speed }),
  setXAxis: (xAxis) => set({ xAxis }),
  setGapView: (view) => set(view),
  setSimplexAction: (slot, action) =>
    set(({ simplexActions }) => {
      const next: [number, number, number] = [...simplexActions];
      const other = next.indexOf(action);
      // Picking an action shown in another slot swaps the two, so three distinct actions remain.
      if (other >= 0) next[other] = next[slot];
      next[slot] = action;
      return { simplexActions: next };
    }),
  setAreaSolver: (areaSolver) => set({ areaSolver }),
  loadShared: (d) =>
    set({
      presetId: d.presetId,
      game: d.game,
      draft: draftOf(d.game),
      beta: d.beta,
      selected: d.solvers,
      params: d.params,
      paramErrors: {},
      budget: d.budget,
      queryModel: d.queries,
      ...(d.queries.kind === 'sampled'
        ? { sampling: { samples: d.queries.samples, seed: d.queries.seed } }
        : {}),
      seeds: d.seeds,
      queryErrors: {},
      xAxis: d.view.xAxis,
      gapMetric: d.view.gapMetric,
      gapIterate: d.view.gapIterate,
      speed: d.view.speed,
      panels: d.view.panels ?? null,
      views: {
        flow: d.view.open?.includes('flow') ?? false,
        basins: d.view.open?.includes('basins') ?? false,
        sweep: d.view.open?.includes('sweep') ?? false,
        fair: d.view.open?.includes('fair') ?? false,
      },
      simplexActions: [0, 1, 2],
      t: 0,
      playing: false,
    }),
  setNotice: (notice) => set({ notice }),
  setViewOpen: (view, open) => set(({ views }) => ({ views: { ...views, [view]: open } })),
  setViewOptions: (options) => set(options),
  setViewResult: (view, result) =>
    set(({ viewBusy, viewError }) => ({
      [view]: result,
      viewBusy: { ...viewBusy, [view]: false },
      viewError: Object.fromEntries(Object.entries(viewError).filter(([k]) => k !== view)),
    })),
  setViewStatus: (view, { busy, error }) =>
    set(({ viewBusy, viewError }) => ({
      ...(busy === undefined ? {} : { viewBusy: { ...viewBusy, [view]: busy } }),
      // A recompute starts clean: the last error no longer describes what is shown.
      ...(busy
        ? {
            viewError: Object.fromEntries(Object.entries(viewError).filter(([k]) => k !== view)),
          }
        : {}),
      ...(error === undefined
        ? {}
        : {
            viewError:
              error === null
                ? Object.fromEntries(Object.entries(viewError).filter(([k]) => k !== view))
                : { ...viewError, [view]: error },
            viewBusy: { ...viewBusy, [view]: false },
          }),
    })),
  applySetting: (solver, eta, beta) => {
    get().setBeta(beta);
    get().setParam(solver, 'eta', eta);
    // The sweep ran a constant step: so does the race it sets.
    const accepts = getSolver(solver).parameters.some((p) => p.id === 'schedule');
    if (accepts) get().setParam(solver, 'schedule', 'constant');
  },
  importGame: (text, source) => {
    try {
      const game = parseGameText(text, source);
      set({
        game,
        draft: draftOf(game),
        presetId: 'custom',
        notice: null,
        t: 0,
        simplexActions: [0, 1, 2],
      });
    } catch (e) {
      const prefix = e instanceof GameValidationError ? 'invalid game: ' : '';
      set({ notice: `${source} was not imported — ${prefix}${(e as Error).message}` });
    }
  },
  editPopulation: (change) =>
    set(({ population, game }) => ({ population: change(fitPopulation(population, game.K)) })),
  applyPopulation: () => {
    const { population, game, editDraft } = get();
    const fitted = fitPopulation(population, game.K);
    const result = evaluatePopulation(fitted, game.actions);
    if (!result.ok) return;
    set({ population: fitted });
    editDraft((d) => ({
      ...d,
      ...populationGameText(fitted),
      // Full precision, so that P[i][j] + P[j][i] = 1 holds exactly in the validator too.
      cells: result.P.map((row) => row.map(String)),
    }));
  },
}));
