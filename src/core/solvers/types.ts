import type { Game } from '../game';
import type { StepFailure } from './runnable';

export const SOLVER_IDS = [
  'nash-mp',
  'egpo',
  'inpo',
  'mnpo',
  'nash-md',
  'sppo',
  'onpo',
  'mmd',
  'fictitious-play',
  'replicator',
  'rm-plus',
  'mpo',
  'online-ipo',
  'nash-md-pg',
] as const;
export type SolverId = (typeof SOLVER_IDS)[number];

export type Schedule = 'constant' | 'theory';

/** Parameters a user may give; anything missing takes the solver's default. */
export interface SolverParams {
  /** Forward step η: the coefficient of Pπ in the exponent (docs/algorithms.md §1). */
  eta?: number;
  /** inpo, nash-md: `theory` is η_t = 2/(β(t+2)); `constant` uses η. */
  schedule?: Schedule;
  /** mnpo: number of players n (n − 1 past iterates as opponents). */
  players?: number;
  /** mnpo: opponent weights λ (n − 1 positive numbers, normalized; uniform by default). */
  weights?: number[];
  /**
   * nash-mp: inner policy-gradient steps m per proximal step (0 = the exact proximal step;
   * m ≥ 1 = approximate Nash-MP, exact in the limit of large m).
   */
  inner?: number;
  /** nash-mp: step α of the inner policy gradient (used when inner ≥ 1). */
  innerStep?: number;
  /**
   * Reference refresh: μ ← π_t before the steps t = R, 2R, … (0 = never). The regularized
   * solvers then approach the β = 0 equilibrium (a proximal-point outer loop); mpo's magnet.
   */
  refresh?: number;
  /** mpo: the magnet's strength (the β of its proximal step), independent of the race's β. */
  magnet?: number;
  /**
   * nash-md, nash-md-pg: the weight m of μ in the opponent's mixture π^μ ∝ π_t^(1−m)·μ^m, in
   * [0, 1]; left out, m = η_t·β (Nash-MD's own rule). The EGPO code mixes with ηβ/2 (nash_md)
   * and 2·lr/K (nash_md_pg): docs/algorithms.md §7.
   */
  mix?: number;
}

/** Parameters after defaults and checks: what actually runs. */
export interface ResolvedParams {
  beta: number;
  /** null when a schedule sets the step (η_t). */
  eta: number | null;
  schedule: Schedule | null;
  players: number | null;
  weights: number[] | null;
  /** nash-mp: inner steps m (0 = exact proximal step); null for other solvers. */
  inner: number | null;
  /** nash-mp: inner step α; null for other solvers. */
  innerStep: number | null;
  /** Refresh period R (0 = never); null for solvers without a reference to refresh. */
  refresh: number | null;
  /** mpo: the magnet's strength; null for other solvers. */
  magnet: number | null;
  /** nash-md, nash-md-pg: a fixed mixture weight m; null = η_t·β (and for other solvers). */
  mix: number | null;
}

export interface SolverContext {
  game: Game;
  params: ResolvedParams;
  /**
   * log μ as the update uses it: the game's reference, overwritten in place with log π_t at each
   * refresh (params.refresh). Solvers read it at every step and never write it.
   */
  magnet: Float64Array;
  /** The step used at iteration t (t = 0 is the first update). */
  etaAt(t: number): number;
  /**
   * One preference query: writes g(π) into `out` and returns it — exactly Pπ, or the sampled
   * estimate of src/core/sampling (the run's query model). Every preference query of a solver
   * goes through here, in the same order on every engine (the run's query counter).
   */
  query(pi: ArrayLike<number>, out: Float64Array): Float64Array;
}

/**
 * One running solver. `logPi` is log π_t, normalized, and `pi` its probabilities (kept in step
 * so that queries and averages need no extra exp); `step(t)` computes π_{t+1} from π_t.
 */
export interface SolverState {
  readonly logPi: Float64Array;
  readonly pi: Float64Array;
  step(t: number): void;
  /**
   * Set when a step produced a non-finite value (custom solvers): the state then stays at its
   * last finite iterate and `step` does nothing more.
   */
  readonly failure?: StepFailure | null;
}

export type ParameterSpec =
  | {
      id: 'eta' | 'innerStep' | 'magnet';
      kind: 'number';
      label: string;
      description: string;
      /** Exclusive lower bound. */
      min: number;
      max: number;
      /** The default for this β (η: the constant-schedule step). */
      default(beta: number): number;
    }
  | {
      id: 'schedule';
      kind: 'enum';
      label: string;
      description: string;
      options: readonly Schedule[];
    }
  | {
      id: 'players' | 'inner' | 'refresh';
      kind: 'integer';
      label: string;
      description: string;
      min: number;
      max: number;
      default: number;
    }
  | {
      id: 'weights';
      kind: 'weights';
      label: string;
      description: string;
    }
  | {
      /** A weight in [0, 1] (both ends allowed) whose default is η_t·β, not a number. */
      id: 'mix';
      kind: 'mixture';
      label: string;
      description: string;
    };

export interface TheoryRate {
  /** What the bound is about. */
  quantity: 'klToNE';
  /** The bound as a formula, for legends and docs. */
  formula: string;
  /** Bound after t iterations given the run's parameters and KL(π*‖π₀); null where it does not apply. */
  bound(t: number, p: { beta: number; eta: number | null; kl0: number }): number | null;
  /**
   * The bound comes from a one-step contraction KL(π*‖π_{t+1}) ≤ c·KL(π*‖π_t), c < 1, from any π_t
   * (the update depends on π_t alone, with a constant η), wherever `bound` is not null. Then KL
   * never increases, so a run that is within ε stays within ε: engines may stop it there
   * (BatchSpec.hit.stop). Checked by a property test (tests/unit/core/hitting.test.ts).
   */
  contraction?: boolean;
}

export interface SolverDefinition {
  id: SolverId;
  /** Display name (checkbox label, legend). */
  name: string;
  paper: { title: string; authors: string; year: number; arxiv?: string; url: string };
  /** One sentence. */
  description: string;
  /** Update rule in words/symbols (docs, tooltips). */
  update: string;
  /** Colour-blind-safe colour; pair it with `dash` (never hue alone). */
  color: string;
  /** SVG stroke-dasharray, '' for solid. */
  dash: string;
  /** One of the four methods the field is about (vs a baseline). */
  seedPaper: boolean;
  parameters: readonly ParameterSpec[];
  /** Preference queries (evaluations of Pπ) per iteration. */
  queriesPerStep: number;
  /** Largest ηβ the update tolerates (1 for the linearized updates; undefined: no limit). */
  maxEtaBeta?: number;
  /** Running average: uniform (1/(t+1)) Σ π_s, or linear (weights s+1, as for RM+). */
  averaging: 'uniform' | 'linear';
  theory?: TheoryRate;
  create(ctx: SolverContext, logStart: Float64Array): SolverState;
}
