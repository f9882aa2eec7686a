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
import { TUNE_EPSILON, tunedFrom, tunedParams, tunePlan } from '../views/tune';
import { getPool } from './raceRunner';

const inFlight = new Map<ViewId, AbortController>();

export interface ViewInputs {
  game: Game;
  beta: number;
  solvers: SolverId[];
  params: Partial<Record<SolverId, SolverParams>>;
  budget: number;
}

/** Runs one batch for a view; resolves null when a newer request for the view cancelled it. */
async function runFor(
  view: ViewId,
  spec: BatchSpec,
): Promise<{ result: ClientResult; info: ComputeInfo } | null> {
  inFlight.get(view)?.abort();
  const controller = new AbortController();
  inFlight.set(view, controller);
  const t0 = performance.now();
  try {
    const result = await getPool().run('auto', spec, { signal: controller.signal });
    const info = { ms: performance.now() - t0, engine: result.engine, backend: result.backend };
    return { result, info };
  } catch (e) {
    if ((e as Error).name === 'AbortError') return null;
    throw e;
  } finally {
    if (inFlight.get(view) === controller) inFlight.delete(view);
  }
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

async function race(view: ViewId, settings: RaceSettings): Promise<Race | null> {
  const run = await runFor(view, raceSpec(settings));
  return (
    run && raceFromResult(settings, run.result, (s) => getSolver(s).queriesPerStep, run.info.ms)
  );
}

/**
 * "Tune η": one batched sweep over log-spaced steps per solver, then the race with theory
 * defaults and the race with the tuned steps, side by side.
 */
export async function computeFairRace(inputs: ViewInputs): Promise<Computed<FairRace> | null> {
  const t0 = performance.now();
  const plan = tunePlan(
    inputs.game,
    inputs.beta,
    inputs.solvers,
    inputs.params,
    inputs.budget,
    TUNE_EPSILON,
  );
  const run = await runFor('fair', plan.spec);
  if (!run) return null;
  const tuned = tunedFrom(plan, run.result);
  const base = {
    game: inputs.game,
    beta: inputs.beta,
    solvers: inputs.solvers,
    budget: inputs.budget,
  };
  // Defaults: the registry's (theory) steps, keeping structural choices such as MNPO's players.
  const structural = Object.fromEntries(
    Object.entries(inputs.params).map(([id, p]) => [
      id,
      Object.fromEntries(Object.entries(p).filter(([k]) => k === 'players' || k === 'weights')),
    ]),
  ) as Partial<Record<SolverId, SolverParams>>;
  const defaults = await race('fair', { ...base, params: structural });
  if (!defaults) return null;
  const tunedRace = await race('fair', { ...base, params: tunedParams(tuned, structural) });
  if (!tunedRace) return null;
  return {
    data: { tuned, defaults, tunedRace },
    info: { ...run.info, ms: performance.now() - t0 },
  };
}
