/**
 * The float64 reference run: one solver on one game, with the running average, query count and
 * metrics. This is the ground truth that every other engine is compared against.
 */
import { comparableLog, targetEquilibrium, type Equilibrium } from './equilibrium';
import type { Game } from './game';
import { StaysWithinTracker, type Hit } from './hitting';
import { computeMetrics, type Metrics } from './metrics';
import { normalizeLogInPlace } from './numeric';
import {
  checkQueryModel,
  EXACT_QUERIES,
  makeQuery,
  type QueryFn,
  type QueryModel,
} from './sampling';
import { getSolver, resolveParams, stepSize } from './solvers';
import type {
  MemberSolver,
  ResolvedParams,
  RunnableSolver,
  SolverId,
  SolverParams,
  SolverState,
  StepFailure,
} from './solvers';

export const MAX_STEPS = 10_000_000;
/** Default trace density: about this many points, whatever the number of steps. */
export const DEFAULT_TRACE_POINTS = 1000;

export class RunError extends Error {
  override name = 'RunError';
}

export interface RunSpec {
  game: Game;
  solver: SolverId;
  beta: number;
  params?: SolverParams;
  /** Iterations, 0 … 10^7. */
  steps: number;
  /** Record the trace every k-th iteration (and the last). Default: ⌈steps/1000⌉. */
  every?: number;
  /** π₀; defaults to the game's start. Must already be validated. */
  start?: Float64Array;
  /** Preference queries: exact Pπ (default) or sampled (src/core/sampling). */
  queries?: QueryModel;
  /**
   * Also find where each metric of the last iterate stays ≤ ε (`RunResult.hits`), checked at
   * every iteration whatever `every` keeps in the trace.
   */
  epsilon?: number;
}

/** Per metric of the last iterate: where it stays ≤ ε, or null when not within the budget. */
export interface RunHits {
  klToNE: Hit | null;
  regGap: Hit | null;
  exploitability: Hit | null;
}

export interface TracePoint {
  t: number;
  queries: number;
  policy: number[];
  exploitability: number;
  regGap: number;
  klToNE: number;
}

export interface RunResult {
  game: Game;
  solver: MemberSolver;
  /** solver 'custom': the update rule's source text. */
  formula?: string;
  /** A custom rule's first non-finite step: the run stopped there. */
  failure?: StepFailure;
  params: ResolvedParams;
  /** The query model that ran. */
  queryModel: QueryModel;
  start: Float64Array;
  every: number;
  steps: number;
  queries: number;
  /**
   * What the metrics measure against: π*_β, or the β = 0 equilibrium for runs with a reference
   * refresh and for mpo (equilibrium.beta tells which; equilibrium.unique whether KL is defined).
   */
  equilibrium: Equilibrium;
  final: {
    policy: Float64Array;
    logPolicy: Float64Array;
    average: Float64Array;
    metrics: Metrics;
    /** The same metrics for the running average π̄_t (at β = 0 the average is what converges). */
    averageMetrics: Metrics;
  };
  trace: TracePoint[];
  /** With `RunSpec.epsilon`: the hitting time of each metric, from every iteration. */
  hits?: RunHits;
}

export function defaultEvery(steps: number): number {
  return Math.max(1, Math.ceil(steps / DEFAULT_TRACE_POINTS));
}

/** A solver in motion: advance it, read its iterate and running average at any time. */
export class SolverRun {
  readonly definition: RunnableSolver;
  readonly params: ResolvedParams;
  private readonly state: SolverState;
  readonly queryModel: QueryModel;
  private readonly query: QueryFn;
  private readonly avg: Float64Array;
  /** log μ of the update (ctx.magnet): the reference, or π at the last refresh. */
  private readonly magnet: Float64Array;
  private readonly refresh: number;
  private weightSum = 0;
  t = 0;

  /** `solver`: a registry id, or a solver without an entry (a compiled formula). */
  constructor(
    game: Game,
    solver: SolverId | RunnableSolver,
    params: ResolvedParams,
    start: Float64Array,
    queries: QueryModel = EXACT_QUERIES,
  ) {
    this.definition = typeof solver === 'string' ? getSolver(solver) : solver;
    this.params = params;
    this.queryModel = checkQueryModel(queries);
    this.query = makeQuery(game, this.queryModel);
    const logStart = normalizeLogInPlace(start.map(Math.log));
    this.magnet = Float64Array.from(game.logReference);
    this.refresh = params.refresh ?? 0;
    this.state = this.definition.create(
      { game, params, magnet: this.magnet, etaAt: stepSize(params), query: this.query },
      logStart,
    );
    this.avg = new Float64Array(game.K);
    this.accumulate();
  }

  /** Preference queries so far: t × queries per iteration (the run's query counter). */
  get queries(): number {
    return this.query.count;
  }

  /** The step that produced NaN or ±∞ (custom solvers); the run stays at its last finite π. */
  get failure(): StepFailure | null {
    return this.state.failure ?? null;
  }

  /** log π_t (a live view: copy it to keep it). */
  get logPolicy(): Float64Array {
    return this.state.logPi;
  }

  policy(): Float64Array {
    return Float64Array.from(this.state.pi);
  }

  /** π̄_t: uniform (1/(t+1)) Σ_{s≤t} π_s, or linear (weights s+1) for RM+. */
  average(): Float64Array {
    return Float64Array.from(this.avg);
  }

  /**
   * π_t where the next step's first query would ask it (a live view), or null where queries are
   * sampled (their draws must stay in order, so nothing is computed ahead for them).
   */
  get queryPoint(): Float64Array | null {
    return this.query.offer ? this.state.pi : null;
  }

  /** Hands the next query g = Pπ_t computed ahead (QueryFn.offer); a step asking elsewhere ignores it. */
  offerQuery(g: Float64Array): void {
    this.query.offer?.(this.state.pi, g);
  }

  /** log μ as the update uses it now (a live view). */
  get logMagnet(): Float64Array {
    return this.magnet;
  }

  advance(n = 1): void {
    for (let k = 0; k < n; k++) {
      if (this.refresh > 0 && this.t > 0 && this.t % this.refresh === 0)
        this.magnet.set(this.state.logPi);
      this.state.step(this.t);
      this.t++;
      this.accumulate();
    }
  }

  private accumulate(): void {
    const w = this.definition.averaging === 'linear' ? this.t + 1 : 1;
    this.weightSum += w;
    const f = w / this.weightSum;
    const x = this.state.logPi;
    for (let i = 0; i < x.length; i++)
      this.avg[i] = this.avg[i]! + f * (Math.exp(x[i]!) - this.avg[i]!);
  }
}

export function checkSteps(steps: number): void {
  if (!Number.isInteger(steps) || steps < 0 || steps > MAX_STEPS) {
    throw new RunError(`steps must be an integer in [0, ${MAX_STEPS}], got ${steps}`);
  }
}

export function checkEvery(every: number): void {
  if (!Number.isInteger(every) || every < 1)
    throw new RunError(`every must be an integer ≥ 1, got ${every}`);
}

export function runReference(spec: RunSpec): RunResult {
  checkSteps(spec.steps);
  const every = spec.every ?? defaultEvery(spec.steps);
  checkEvery(every);
  const params = resolveParams(spec.solver, spec.beta, spec.params);
  const start = spec.start ?? spec.game.start;
  const equilibrium = targetEquilibrium(spec.game, spec.solver, params);
  const eqLog = comparableLog(equilibrium);
  const metricsOf = (logPi: ArrayLike<number>): Metrics =>
    computeMetrics(spec.game, equilibrium.beta, eqLog, logPi);
  const run = new SolverRun(spec.game, spec.solver, params, start, spec.queries);
  const trace: TracePoint[] = [];
  const trackers = spec.epsilon === undefined ? null : hitTrackers(spec.epsilon);
  const record = (): void => {
    const m = metricsOf(run.logPolicy);
    trace.push({
      t: run.t,
      queries: run.queries,
      policy: Array.from(run.policy()),
      exploitability: m.exploitability,
      regGap: m.regGap,
      klToNE: m.klToNE,
    });
  };
  record();
  if (trackers) trackers.push(metricsOf(run.logPolicy));
  while (run.t < spec.steps) {
    const next = Math.min(spec.steps, run.t + every);
    if (trackers) {
      // Every iteration's metrics, so the hit does not depend on how sparse the trace is.
      while (run.t < next) {
        run.advance(1);
        trackers.push(metricsOf(run.logPolicy));
      }
    } else run.advance(next - run.t);
    record();
  }
  return {
    game: spec.game,
    solver: spec.solver,
    params,
    queryModel: run.queryModel,
    start: Float64Array.from(start),
    every,
    steps: spec.steps,
    queries: run.queries,
    equilibrium,
    final: {
      policy: run.policy(),
      logPolicy: Float64Array.from(run.logPolicy),
      average: run.average(),
      metrics: metricsOf(run.logPolicy),
      averageMetrics: metricsOf(Array.from(run.average(), Math.log)),
    },
    trace,
    ...(trackers ? { hits: trackers.hits(run.definition.queriesPerStep) } : {}),
  };
}

/** One tracker per metric of RunHits, fed the metrics of iterations 0, 1, 2, … in order. */
export function hitTrackers(epsilon: number): {
  push(m: Pick<Metrics, keyof RunHits>): void;
  hits(queriesPerStep: number): RunHits;
} {
  const metrics = ['klToNE', 'regGap', 'exploitability'] as const;
  const trackers = metrics.map(() => new StaysWithinTracker(epsilon));
  return {
    push(m) {
      metrics.forEach((k, i) => trackers[i]!.push(m[k]));
    },
    hits(queriesPerStep) {
      const hitAt = (t: number): Hit | null =>
        t < 0 ? null : { epsilon, t, queries: t * queriesPerStep };
      return {
        klToNE: hitAt(trackers[0]!.from()),
        regGap: hitAt(trackers[1]!.from()),
        exploitability: hitAt(trackers[2]!.from()),
      };
    },
  };
}
