/**
 * Computes the GPU-scale views in the engine worker pool with the `auto` engine (these are the
 * batches of thousands of runs that the engine is built for). Each view has its own run scope:
 * a newer request for a view cancels the older one, and a stale result never lands.
 */
import { DEFAULT_RESAMPLES, type ComparisonsBootstrap } from '../comparisons/bootstrap';
import { createBootstrapWorker } from '../comparisons/browser';
import { bootstrapInWorkers } from '../comparisons/parallel';
import type { Game } from '../core/game';
import { resolveParams, type SolverId, type SolverParams } from '../core/solvers';
import type { BatchSpec } from '../engine/types';
import {
  beginScope,
  cancelScope,
  endScope,
  type ClientResult,
  type RunScope,
} from '../engine/page';
import {
  raceEntries,
  raceFromResult,
  raceSpec,
  type Race,
  type RaceSettings,
} from '../experiment/race';
import { basinsFrom, basinsSpec, type BasinMap } from '../experiment/views/basins';
import { flowFieldsFrom, flowFieldSpec, type FlowField } from '../experiment/views/flowField';
import { simplexLattice } from '../experiment/views/lattice';
import type { ComputeInfo, SolverSetting } from '../experiment/views/runs';
import { sweepFrom, sweepPlan, type SweepMap } from '../experiment/views/sweep';
import {
  TUNE_EPSILON,
  tunedFrom,
  tunedParams,
  tunePlan,
  type Tuned,
} from '../experiment/views/tune';
import type { Computed, FairRace, ViewId } from '../experiment/views/types';

/** Cancels a view's run in flight (its inputs changed, or it was closed). */
export function abortView(view: ViewId): void {
  cancelScope(view);
}

/** One batch in a view's scope on `auto`, with how it was computed; null once cancelled. */
async function runIn(
  scope: RunScope,
  spec: BatchSpec,
): Promise<{ result: ClientResult; info: ComputeInfo } | null> {
  const run = await scope.run('auto', spec);
  if (!run) return null;
  const { result, ms } = run;
  return { result, info: { ms, engine: result.engine, backend: result.backend } };
}

async function runFor(view: ViewId, spec: BatchSpec) {
  const scope = beginScope(view);
  try {
    return await runIn(scope, spec);
  } finally {
    endScope(scope);
  }
}

/**
 * The comparisons bootstrap (votes resampled per pair, B = 200): per resample π*_β and the β = 0
 * equilibrium, on one worker per core, cancelled when its inputs change.
 */
export async function computeBootstrap(
  game: Game,
  beta: number,
): Promise<Computed<ComparisonsBootstrap> | null> {
  const scope = beginScope('bootstrap');
  const t0 = performance.now();
  const workers = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1));
  try {
    const data = await bootstrapInWorkers(
      game,
      { beta, resamples: DEFAULT_RESAMPLES },
      { workers, createWorker: createBootstrapWorker, signal: scope.signal },
    );
    if (scope.cancelled) return null;
    const info = {
      ms: performance.now() - t0,
      engine: 'bootstrap',
      backend: `float64 × ${workers} workers`,
    };
    return { data, info };
  } catch (e) {
    if (scope.cancelled) return null;
    throw e;
  } finally {
    endScope(scope);
  }
}

export interface ViewInputs {
  game: Game;
  beta: number;
  solvers: SolverId[];
  params: Partial<Record<SolverId, SolverParams>>;
  budget: number;
}

/** The solvers that can run at this β (a solver whose η this β refuses sits the views out). */
function settingsOf(inputs: ViewInputs): SolverSetting[] {
  return inputs.solvers.flatMap((solver) => {
    try {
      return [{ solver, params: resolveParams(solver, inputs.beta, inputs.params[solver] ?? {}) }];
    } catch {
      return [];
    }
  });
}

export async function computeFlowField(inputs: ViewInputs): Promise<Computed<FlowField[]> | null> {
  const lattice = simplexLattice();
  const settings = settingsOf(inputs);
  if (settings.length === 0) return { data: [], info: { ms: 0, engine: '—', backend: '—' } };
  const run = await runFor('flow', flowFieldSpec(inputs.game, settings, lattice));
  return run && { data: flowFieldsFrom(settings, lattice, run.result), info: run.info };
}

export async function computeBasins(
  inputs: ViewInputs,
  epsilon: number,
): Promise<Computed<BasinMap[]> | null> {
  const lattice = simplexLattice();
  const settings = settingsOf(inputs);
  if (settings.length === 0) return { data: [], info: { ms: 0, engine: '—', backend: '—' } };
  const spec = basinsSpec(inputs.game, settings, inputs.budget, epsilon, lattice);
  const run = await runFor('basins', spec);
  return run && { data: basinsFrom(settings, lattice, run.result, epsilon), info: run.info };
}

export async function computeSweep(
  inputs: ViewInputs,
  epsilon: number,
): Promise<Computed<SweepMap[]> | null> {
  const plan = sweepPlan(inputs.game, inputs.solvers, inputs.params, inputs.budget, epsilon);
  if (plan.spec.members.length === 0)
    return { data: [], info: { ms: 0, engine: '—', backend: '—' } };
  const run = await runFor('sweep', plan.spec);
  return run && { data: sweepFrom(plan, run.result), info: run.info };
}

async function race(scope: RunScope, settings: RaceSettings): Promise<Race | null> {
  const { entries, refused } = raceEntries(settings);
  const spec = raceSpec(settings, entries);
  const run = await scope.run('auto', spec);
  return run && raceFromResult(settings, spec, run.result, run.ms, refused);
}

/**
 * "Tune η": one batched sweep over log-spaced steps per solver, then the race with theory
 * defaults and the race with the tuned steps, side by side. All three runs share one scope, so a
 * newer request cancels the whole chain.
 */
export async function computeFairRace(inputs: ViewInputs): Promise<Computed<FairRace> | null> {
  const scope = beginScope('fair');
  try {
    const t0 = performance.now();
    const plan = tunePlan(
      inputs.game,
      inputs.beta,
      inputs.solvers,
      inputs.params,
      inputs.budget,
      TUNE_EPSILON,
    );
    let tuned: Tuned[] = [];
    let engine = { engine: 'reference', backend: 'float64' };
    // Only fictitious play and RM+ selected: nothing to tune, both races are the defaults.
    if (plan.spec.members.length > 0) {
      const run = await runIn(scope, plan.spec);
      if (!run) return null;
      tuned = tunedFrom(plan, run.result);
      engine = { engine: run.info.engine, backend: run.info.backend };
    }
    const base = {
      game: inputs.game,
      beta: inputs.beta,
      solvers: inputs.solvers,
      budget: inputs.budget,
    };
    // Defaults: the registry's (theory) steps, keeping what is not a step: MNPO's players and
    // weights, and Nash-MP's inner steps (an η tuned for approximate Nash-MP is raced as such).
    const KEPT = new Set(['players', 'weights', 'inner', 'innerStep']);
    const structural = Object.fromEntries(
      Object.entries(inputs.params).map(([id, p]) => [
        id,
        Object.fromEntries(Object.entries(p).filter(([k]) => KEPT.has(k))),
      ]),
    ) as Partial<Record<SolverId, SolverParams>>;
    const defaults = await race(scope, { ...base, params: structural });
    if (!defaults) return null;
    const tunedRace = await race(scope, { ...base, params: tunedParams(tuned, structural) });
    if (!tunedRace) return null;
    return {
      data: { tuned, defaults, tunedRace },
      info: { ...engine, ms: performance.now() - t0 },
    };
  } finally {
    endScope(scope);
  }
}
