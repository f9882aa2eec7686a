/**
 * Computes the GPU-scale views in the engine worker pool with the `auto` engine (these are the
 * batches of thousands of runs that the engine is built for). Each view has its own in-flight
 * run: a newer request for a view cancels the older one.
 */
import { getSolver, resolveParams, type SolverId, type SolverParams } from '../core/solvers';
import type { Game } from '../core/game';
import type { BatchSpec } from '../engine/types';
import type { ClientResult } from '../engine/client';
import { raceFromResult, raceSpec, type Race, type RaceSettings } from '../state/race';
import type { Computed, FairRace, ViewId } from '../state/views';
import { basinsFrom, basinsSpec, type BasinMap } from '../views/basins';
import { flowFieldsFrom, flowFieldSpec, type FlowField } from '../views/flowField';
import { simplexLattice } from '../views/lattice';
import type { ComputeInfo, SolverSetting } from '../views/runs';
import { sweepFrom, sweepPlan, type SweepMap } from '../views/sweep';
import { TUNE_EPSILON, tunedFrom, tunedParams, tunePlan, type Tuned } from '../views/tune';
import { getPool } from './raceRunner';

const inFlight = new Map<ViewId, AbortController>();

/** Cancels a view's run in flight (its inputs changed, or it was closed). */
export function abortView(view: ViewId): void {
  inFlight.get(view)?.abort();
  inFlight.delete(view);
}

/** A fresh cancellation scope for a view, cancelling the one before. */
function begin(view: ViewId): AbortController {
  abortView(view);
  const controller = new AbortController();
  inFlight.set(view, controller);
  return controller;
}

/**
 * Runs one batch in a view's scope; null when the scope was cancelled — also when the worker
 * answered before it saw the cancel, so a stale result never lands.
 */
async function runIn(
  controller: AbortController,
  spec: BatchSpec,
): Promise<{ result: ClientResult; info: ComputeInfo } | null> {
  const t0 = performance.now();
  try {
    const result = await getPool().run('auto', spec, { signal: controller.signal });
    if (controller.signal.aborted) return null;
    const info = { ms: performance.now() - t0, engine: result.engine, backend: result.backend };
    return { result, info };
  } catch (e) {
    if ((e as Error).name === 'AbortError' || controller.signal.aborted) return null;
    throw e;
  }
}

function runFor(view: ViewId, spec: BatchSpec) {
  return runIn(begin(view), spec);
}

export interface ViewInputs {
  game: Game;
  beta: number;
  solvers: SolverId[];
  params: Partial<Record<SolverId, SolverParams>>;
  budget: number;
}

function settingsOf(inputs: ViewInputs): SolverSetting[] {
  return inputs.solvers.map((solver) => ({
    solver,
    params: resolveParams(solver, inputs.beta, inputs.params[solver] ?? {}),
  }));
}

export async function computeFlowField(inputs: ViewInputs): Promise<Computed<FlowField[]> | null> {
  const lattice = simplexLattice();
  const settings = settingsOf(inputs);
  const run = await runFor('flow', flowFieldSpec(inputs.game, settings, lattice));
  return run && { data: flowFieldsFrom(settings, lattice, run.result), info: run.info };
}

export async function computeBasins(
  inputs: ViewInputs,
  epsilon: number,
): Promise<Computed<BasinMap[]> | null> {
  const lattice = simplexLattice();
  const settings = settingsOf(inputs);
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

async function race(controller: AbortController, settings: RaceSettings): Promise<Race | null> {
  const run = await runIn(controller, raceSpec(settings));
  return (
    run && raceFromResult(settings, run.result, (s) => getSolver(s).queriesPerStep, run.info.ms)
  );
}

/**
 * "Tune η": one batched sweep over log-spaced steps per solver, then the race with theory
 * defaults and the race with the tuned steps, side by side. All three runs share one scope, so a
 * newer request cancels the whole chain.
 */
export async function computeFairRace(inputs: ViewInputs): Promise<Computed<FairRace> | null> {
  const controller = begin('fair');
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
    const run = await runIn(controller, plan.spec);
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
  const defaults = await race(controller, { ...base, params: structural });
  if (!defaults) return null;
  const tunedRace = await race(controller, { ...base, params: tunedParams(tuned, structural) });
  if (!tunedRace) return null;
  if (inFlight.get('fair') === controller) inFlight.delete('fair');
  return {
    data: { tuned, defaults, tunedRace },
    info: { ...engine, ms: performance.now() - t0 },
  };
}
