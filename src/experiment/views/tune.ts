/**
 * Fair race ("Tune η"): for each solver, the best constant η — the one after which KL(π*_β ‖ π_t) stays ≤ ε in the fewest
 * iterations on this game and β, found by one batched sweep over log-spaced steps. Published
 * comparisons often pit a tuned method against untuned baselines; this shows each at its best.
 * A solver whose default (a theory schedule, or its default η) is faster than every constant η
 * tried keeps its default in the tuned race: a slower setting is never shown as an improvement.
 */
import type { Game } from '../../core/game';
import type { SolverId, SolverParams } from '../../core/solvers';
import type { BatchMember, BatchResult, BatchSpec } from '../../engine/types';
import { staysWithinFrom } from '../../core/hitting';
import { logSpace } from './grid';
import { contestantLabel, contestantsOf, givenByKey } from '../inputs';
import { runRace } from '../runRace';
import { limitNote, tuneLimit } from './limits';
import { finalKLs, runView } from './runs';
import { addCellMember, cellParams, finalOnlySpec, structuralParams, sweepable } from './sweep';
import type { Labelled, ViewDefinition } from './types';
import type { ViewSubject } from './subject';

export const TUNE_EPSILON = 1e-6;
export const TUNE_POINTS = 64;
/** Steps tried: 10⁻³ … 10², less whatever the solver refuses at this β. */
export const TUNE_ETA: readonly [number, number] = [1e-3, 100];

export interface TunePlan<S extends ViewSubject = SolverId> {
  solvers: S[];
  /** Per solver: the η tried and their member indices. */
  candidates: { eta: number; member: number }[][];
  spec: BatchSpec;
}

export function tunePlan<S extends ViewSubject = SolverId>(
  game: Game,
  beta: number,
  solvers: readonly S[],
  /** By solver id, and by a custom solver's `id`. */
  params: Partial<Record<string, SolverParams>>,
  steps: number,
  epsilon: number = TUNE_EPSILON,
  points: number = TUNE_POINTS,
): TunePlan<S> {
  const members: BatchMember[] = [];
  const kept = solvers.filter(sweepable);
  const etas = logSpace(...TUNE_ETA, points);
  const candidates = kept.map((solver) =>
    etas.flatMap((eta) => {
      const member = addCellMember(members, game, solver, beta, params, eta);
      return member === null ? [] : [{ eta, member }];
    }),
  );
  return { solvers: kept, candidates, spec: finalOnlySpec(game, members, steps, epsilon) };
}

export interface Tuned<S extends ViewSubject = SolverId> {
  solver: S;
  /**
   * The best η: fewest iterations until KL stays ≤ ε (a dip below ε that comes back up does not
   * count); if no η stays within ε, the smallest final KL.
   */
  eta: number;
  /** Iterations until KL stays ≤ ε at that η, or −1 if no η tried stays within ε by the end. */
  hit: number;
  finalKL: number;
  /** How many steps were tried (after dropping those the solver refuses). */
  tried: number;
}

export function tunedFrom<S extends ViewSubject = SolverId>(
  plan: TunePlan<S>,
  result: BatchResult,
): Tuned<S>[] {
  const kls = finalKLs(plan.spec, result);
  return plan.solvers.map((solver, s) => {
    let best: Tuned<S> | null = null;
    for (const { eta, member } of plan.candidates[s]!) {
      const hit = result.hitTimes![member]!;
      const kl = kls[member]!;
      const finalKL = Number.isNaN(kl) ? Infinity : kl; // a diverged run ranks last
      const better =
        !best ||
        (hit >= 0 && (best.hit < 0 || hit < best.hit)) ||
        (hit < 0 && best.hit < 0 && finalKL < best.finalKL);
      if (better) best = { solver, eta, hit, finalKL, tried: plan.candidates[s]!.length };
    }
    return best ?? { solver, eta: NaN, hit: -1, finalKL: NaN, tried: 0 };
  });
}

/**
 * Whether the best constant η is an improvement on the solver's default (its theory schedule, or
 * its default constant η): it stays ≤ ε sooner, or it stays ≤ ε where the default does not, or,
 * neither doing so, it ends at a lower KL. A tie is no improvement. Both counts are the same
 * "stays ≤ ε" (the default's read off its race trace with `staysWithinFrom`).
 */
export function beatsDefault(
  tuned: Pick<Tuned<ViewSubject>, 'hit' | 'finalKL'>,
  defaults: { klToNE: ArrayLike<number>; times: ArrayLike<number> },
  epsilon: number,
): boolean {
  const i = staysWithinFrom(defaults.klToNE, epsilon);
  const defaultHit = i < 0 ? -1 : defaults.times[i]!;
  if (tuned.hit >= 0 && defaultHit >= 0) return tuned.hit < defaultHit;
  if (tuned.hit >= 0 || defaultHit >= 0) return tuned.hit >= 0;
  const last = defaults.klToNE[defaults.klToNE.length - 1]!;
  return tuned.finalKL < (Number.isNaN(last) ? Infinity : last);
}

/** What a solver's default step is, for the table: "theory schedule" or "η = 0.1". */
export function defaultSettingText(params: {
  schedule: string | null;
  eta: number | null;
}): string {
  if (params.schedule === 'theory') return 'theory schedule';
  return params.eta === null ? 'no step' : `η = ${+params.eta.toPrecision(3)}`;
}

/**
 * The race parameters with each solver's tuned step (a constant schedule), keyed like `params`:
 * by solver id, and by a custom solver's `id` (a custom solver without one is skipped). `keep`:
 * solvers that keep `params` as they are (their default was faster).
 */
export function tunedParams<T extends Tuned<ViewSubject>>(
  tuned: readonly T[],
  params: Partial<Record<string, SolverParams>>,
  keep: (t: T) => boolean = () => false,
): Partial<Record<SolverId | string, SolverParams>> {
  const out: Partial<Record<string, SolverParams>> = { ...params };
  for (const t of tuned) {
    if (keep(t)) continue;
    const key = typeof t.solver === 'string' ? t.solver : t.solver.id;
    if (key !== undefined && Number.isFinite(t.eta))
      out[key] = cellParams(t.solver, out[key] ?? {}, t.eta);
  }
  return out;
}

/**
 * "Tune η": one batched sweep over log-spaced steps per solver, then the race with theory
 * defaults and the race with the tuned steps, side by side. The three runs share one scope, so a
 * newer request cancels the whole chain. Both races keep every parameter that is not the step
 * (refresh, magnet, players, inner steps, …): exactly what the tuning sweep kept.
 */
export const fairView: ViewDefinition<'fair'> = {
  id: 'fair',
  isOn: (c) => c.open.includes('fair') && c.solvers.length + c.custom.length > 0,
  // Tune η counts "stays ≤ ε" with the app's ε, as the legend does.
  dependsOn: (c) => [c.game, c.beta, c.solvers, c.params, c.budget, c.custom, c.epsilon],
  async compute(ctx, { scope, progress }) {
    const t0 = performance.now();
    const epsilon = ctx.epsilon;
    const contestants = contestantsOf(ctx);
    const subjects = contestants.map((c) => c.subject);
    // A big game tries fewer steps and runs all three batches for fewer iterations (limits.ts).
    const limit = tuneLimit(ctx.game.K, subjects.filter(sweepable).length, ctx.budget);
    const budget = limit.steps;
    const planned = tunePlan(
      ctx.game,
      ctx.beta,
      subjects,
      givenByKey(contestants),
      budget,
      epsilon,
      limit.points,
    );
    const plan = { ...planned, spec: { ...planned.spec, every: limit.every } };
    // Progress over the three runs: the sweep, then the two races.
    const stage = (k: number) => progress && ((f: number) => progress((k + f) / 3));
    const note = limitNote(
      ctx.game.K,
      ctx.budget,
      limit,
      limit.points < TUNE_POINTS ? [`${limit.points} steps η tried instead of ${TUNE_POINTS}`] : [],
    );
    let tuned: Labelled<Tuned<ViewSubject>>[] = [];
    let engine = { engine: 'reference', backend: 'float64' };
    // Only fictitious play and RM+ selected: nothing to tune, both races are the defaults.
    if (plan.spec.members.length > 0) {
      const run = await runView(scope, plan.spec, stage(0));
      if (!run) return null;
      tuned = tunedFrom(plan, run.result).map((t) => ({
        ...t,
        ...contestantLabel(contestants, t.solver),
      }));
      engine = { engine: run.info.engine, backend: run.info.backend };
    }
    const base = { game: ctx.game, beta: ctx.beta, solvers: ctx.solvers, budget };
    const structural = Object.fromEntries(
      Object.entries(ctx.params).map(([id, p]) => [id, structuralParams(p ?? {})]),
    ) as Partial<Record<SolverId, SolverParams>>;
    const defaults = await runRace(
      scope,
      { ...base, params: structural, custom: ctx.custom },
      'auto',
      stage(1),
    );
    if (!defaults) return null;
    // A solver whose default is faster keeps it: the tuned race shows no slower setting.
    const keep = (t: Labelled<Tuned<ViewSubject>>): boolean => {
      const d = defaults.traces.find((tr) => tr.key === t.key);
      return d !== undefined && !beatsDefault(t, d, epsilon);
    };
    // A custom solver's tuned η is its spec's η (the race reads it there).
    const tunedCustom = ctx.custom.map((c) => {
      const t = tuned.find((x) => x.key === c.id);
      return t && Number.isFinite(t.eta) && !keep(t) ? { ...c, eta: t.eta } : c;
    });
    const tunedRace = await runRace(
      scope,
      {
        ...base,
        params: tunedParams(tuned, structural, keep),
        custom: tunedCustom,
      },
      'auto',
      stage(2),
    );
    if (!tunedRace) return null;
    return {
      data: { tuned, defaults, tunedRace, epsilon },
      info: { ...engine, ms: performance.now() - t0, ...(note ? { limit: note } : {}) },
    };
  },
};
