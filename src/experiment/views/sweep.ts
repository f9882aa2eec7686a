import type { CustomSolverSpec } from '../../formula/custom';
/**
 * Sweep map: per solver, a grid of log-spaced (η, β) settings run as one batch, plus a row at
 * β = 0 (the unregularized game, where KL and the hitting times are measured against the β = 0
 * equilibrium), reporting the final KL(π*_β ‖ π_T) and the iterations after which KL stays ≤ ε.
 * Settings the solver refuses (ηβ above its limit) are marked invalid rather than clipped, exactly
 * as the race would refuse them.
 */
import type { Game } from '../../core/game';
import type { SolverId, SolverParams } from '../../core/solvers';
import type { BatchMember, BatchResult, BatchSpec } from '../../engine/types';
import { logSpace } from './grid';
import { contestantLabel, contestantsOf, givenByKey } from '../inputs';
import { limitNote, sweepLimit } from './limits';
import { finalKLs, NOTHING_RUN, runView } from './runs';
import type { ViewDefinition } from './types';
import {
  subjectGiven,
  subjectMember,
  subjectParameters,
  subjectParams,
  type ViewSubject,
} from './subject';

export const SWEEP_SIZE = 32;
/** η from 10⁻² to 10, β from 10⁻³ to 1: the step sizes and KL strengths people actually use. */
export const SWEEP_ETA: readonly [number, number] = [1e-2, 10];
export const SWEEP_BETA: readonly [number, number] = [1e-3, 1];

export interface SweepAxes {
  etas: number[];
  /** Ascending; a leading 0 is the β = 0 row, drawn apart from the log-spaced ones. */
  betas: number[];
}

/**
 * `size` log-spaced η and β, and (unless `zeroRow` is false) the row β = 0 below them; β from
 * `betaMin` (a big game's sweep starts higher, src/experiment/views/limits.ts) to 1.
 */
export function sweepAxes(
  size: number = SWEEP_SIZE,
  zeroRow = true,
  betaMin: number = SWEEP_BETA[0],
): SweepAxes {
  return {
    etas: logSpace(...SWEEP_ETA, size),
    betas: [...(zeroRow ? [0] : []), ...logSpace(betaMin, SWEEP_BETA[1], size)],
  };
}

/** Solvers with a step size to sweep (fictitious play and RM+ have none; custom ones do). */
export function sweepable(solver: ViewSubject): boolean {
  return subjectParameters(solver).has('eta');
}

/** The parameters of one cell: the user's other parameters, this η, a constant schedule. */
/**
 * What of a solver's parameters a sweep (or tuning) keeps: everything but the step, which the
 * grid sets. A change of η or schedule alone leaves the sweep as it is.
 */
export function structuralParams(base: SolverParams): SolverParams {
  return Object.fromEntries(
    Object.entries(base).filter(([k]) => k !== 'eta' && k !== 'schedule'),
  ) as SolverParams;
}

export function cellParams(solver: ViewSubject, base: SolverParams, eta: number): SolverParams {
  const accepts = subjectParameters(solver);
  return {
    ...structuralParams(base),
    eta,
    ...(accepts.has('schedule') ? { schedule: 'constant' as const } : {}),
  };
}

/**
 * Adds the batch member that runs `solver` at (β, η) with the sweep's parameters (cellParams) and
 * returns its index, or null where the solver refuses that setting (nothing is added).
 */
export function addCellMember<S extends ViewSubject>(
  members: BatchMember[],
  game: Game,
  solver: S,
  beta: number,
  /** By solver id, and by a custom solver's `id`. */
  params: Partial<Record<string, SolverParams>>,
  eta: number,
): number | null {
  try {
    const resolved = subjectParams(
      solver,
      beta,
      cellParams(solver, subjectGiven(solver, params), eta),
    );
    members.push(subjectMember(solver, resolved, game.start));
    return members.length - 1;
  } catch {
    return null;
  }
}

/** A batch that reports only the end of the run and the hitting times to ε (no traces). */
export function finalOnlySpec(
  game: Game,
  members: BatchMember[],
  steps: number,
  epsilon: number,
): BatchSpec {
  return { game, members, steps, every: steps, metrics: false, hit: { epsilon } };
}

/** `S`: registry ids, or custom solvers too (src/views/subject.ts). */
export interface SweepPlan<S extends ViewSubject = SolverId> {
  solvers: S[];
  axes: SweepAxes;
  /** Per solver, [β][η] → member index in the batch, or −1 where the setting is invalid. */
  cells: Int32Array[];
  spec: BatchSpec;
}

export function sweepPlan<S extends ViewSubject = SolverId>(
  game: Game,
  solvers: readonly S[],
  /** By solver id, and by a custom solver's `id`. */
  params: Partial<Record<string, SolverParams>>,
  steps: number,
  epsilon: number,
  axes: SweepAxes = sweepAxes(),
): SweepPlan<S> {
  const members: BatchMember[] = [];
  const kept = solvers.filter(sweepable);
  const cells = kept.map((solver) => {
    const map = new Int32Array(axes.betas.length * axes.etas.length).fill(-1);
    axes.betas.forEach((beta, bi) =>
      axes.etas.forEach((eta, ei) => {
        const member = addCellMember(members, game, solver, beta, params, eta);
        // An invalid setting stays −1 and is drawn as such.
        if (member !== null) map[bi * axes.etas.length + ei] = member;
      }),
    );
    return map;
  });
  return { solvers: kept, axes, cells, spec: finalOnlySpec(game, members, steps, epsilon) };
}

export interface SweepMap<S extends ViewSubject = SolverId> {
  solver: S;
  axes: SweepAxes;
  /** [β][η]: KL(π*_β ‖ π_T) at the end of the budget, NaN where invalid. */
  finalKL: Float64Array;
  /** [β][η]: first t from which KL stays ≤ ε to the end; −1 not within the budget; −2 invalid. */
  hits: Int32Array;
  epsilon: number;
  steps: number;
}

export function sweepFrom<S extends ViewSubject = SolverId>(
  plan: SweepPlan<S>,
  result: BatchResult,
): SweepMap<S>[] {
  const { spec } = plan;
  const kls = finalKLs(spec, result);
  return plan.solvers.map((solver, s) => {
    const map = plan.cells[s]!;
    const finalKL = new Float64Array(map.length).fill(NaN);
    const hits = new Int32Array(map.length).fill(-2);
    map.forEach((b, c) => {
      if (b < 0) return;
      finalKL[c] = kls[b]!;
      hits[c] = result.hitTimes![b]!;
    });
    return {
      solver,
      axes: plan.axes,
      finalKL,
      hits,
      epsilon: spec.hit!.epsilon,
      steps: spec.steps,
    };
  });
}

/** The sweep map's ε (KL ≤ ε): the hitting times it colours. */
export const SWEEP_EPSILON = 1e-6;

/** The parameters a sweep keeps, by solver, as a stable key (a change of η alone keeps it). */
export function structuralKey(params: Partial<Record<string, SolverParams>>): string {
  const kept = Object.entries(params)
    .map(([id, p]) => [id, structuralParams(p ?? {})] as const)
    .filter(([, p]) => Object.keys(p).length > 0);
  return JSON.stringify(kept);
}

/**
 * What the sweep map depends on besides the game, the solvers and the budget, as a stable key:
 * each solver's parameters other than η and the schedule (its grid sets those), and each custom
 * rule without its η. A click on a cell sets η, the schedule and β only, so it leaves the key as
 * it was and the map is not computed again.
 */
export function sweepKey(
  params: Partial<Record<string, SolverParams>>,
  custom: readonly CustomSolverSpec[],
): string {
  return JSON.stringify([
    structuralKey(params),
    custom.map(({ id, name, formula, color }) => [id, name, formula, color]),
  ]);
}

export const sweepView: ViewDefinition<'sweep'> = {
  id: 'sweep',
  isOn: (c) => c.open.includes('sweep') && c.solvers.length + c.custom.length > 0,
  // The map covers every β and η itself: it follows neither the race's β nor its η.
  dependsOn: (c) => [c.game, c.solvers, sweepKey(c.params, c.custom), c.budget],
  async compute(ctx, { scope, progress }) {
    const contestants = contestantsOf(ctx);
    const subjects = contestants.map((c) => c.subject);
    // A big game runs a smaller grid and fewer iterations (limits.ts), and says so.
    const limit = sweepLimit(ctx.game.K, subjects.filter(sweepable).length, ctx.budget);
    const planned = sweepPlan(
      ctx.game,
      subjects,
      givenByKey(contestants),
      limit.steps,
      SWEEP_EPSILON,
      sweepAxes(limit.size, limit.zeroRow, limit.betaMin),
    );
    const plan = { ...planned, spec: { ...planned.spec, every: limit.every } };
    if (plan.spec.members.length === 0) return { data: [], info: NOTHING_RUN };
    const run = await runView(scope, plan.spec, progress);
    const note = limitNote(ctx.game.K, ctx.budget, limit, [
      ...(limit.size < SWEEP_SIZE
        ? [`${limit.size} × ${limit.size} settings instead of ${SWEEP_SIZE} × ${SWEEP_SIZE}`]
        : []),
      ...(limit.zeroRow ? [] : ['no row at β = 0']),
      ...(limit.betaMin > SWEEP_BETA[0]
        ? [`β from ${limit.betaMin} (a smaller β's π*_β takes ~1 min to solve)`]
        : []),
    ]);
    return (
      run && {
        data: sweepFrom(plan, run.result).map((m) => ({
          ...m,
          ...contestantLabel(contestants, m.solver),
        })),
        info: note ? { ...run.info, limit: note } : run.info,
      }
    );
  },
};
