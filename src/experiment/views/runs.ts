/** What every view batches: solvers with their resolved parameters on one game. */
import { klFromLogs } from '../../core/numeric';
import type { Game } from '../../core/game';
import type { MemberSolver, ResolvedParams, SolverId } from '../../core/solvers';
import { targetLogs } from '../../engine/batch';
import type { BatchMember, BatchResult, BatchSpec } from '../../engine/types';
import { contestantsOf, type RunInputs } from '../inputs';
import { latticeStart, type Lattice } from './lattice';
import { subjectParams } from './subject';
import type { EngineScope } from './types';

/** `S` may widen to 'custom' (then `formula` is the rule's text); the app's paths use SolverId. */
export interface SolverSetting<S extends MemberSolver = SolverId> {
  solver: S;
  params: ResolvedParams;
  formula?: string;
}

/** How a view's numbers were computed, shown next to it. */
export interface ComputeInfo {
  /** Wall time of the engine run, including the hand-off to the worker. */
  ms: number;
  engine: string;
  backend: string;
  /** What a big game made smaller than the settings ask (src/experiment/views/limits.ts). */
  limit?: string;
}

/** Every solver from every lattice point, solver-major (member s·count + p), on a K = 3 game. */
export function latticeMembers(
  game: Game,
  settings: readonly SolverSetting<MemberSolver>[],
  lattice: Lattice,
  view: string,
): BatchMember[] {
  if (game.K !== 3) throw new Error(`${view} needs K = 3 actions, the game has ${game.K}`);
  return settings.flatMap(({ solver, params, formula }) =>
    Array.from({ length: lattice.count }, (_, p) => ({
      solver,
      params,
      start: latticeStart(lattice, p),
      ...(formula !== undefined ? { formula } : {}),
    })),
  );
}

/**
 * KL(π* ‖ π_T) of every member at the batch's last sample (NaN: no unique equilibrium): the
 * engine's, where it computed them (a batch with `hit`), else solved here.
 */
export function finalKLs(spec: BatchSpec, result: BatchResult): Float64Array {
  if (result.finalKL) return result.finalKL;
  const K = spec.game.K;
  const last = result.times.length - 1;
  const eqLogs = targetLogs(spec.game, spec.members);
  return Float64Array.from(eqLogs, (eq, b) => {
    const at = (last * result.B + b) * K;
    return eq ? klFromLogs(eq, result.logPolicies.subarray(at, at + K)) : NaN;
  });
}

/**
 * The contestants that can run at this β, resolved (one whose η this β refuses sits the views
 * out), each with the key and name the app shows it under.
 */
export function contestantSettings(
  inputs: RunInputs,
): { setting: SolverSetting<MemberSolver>; label: { key: string; name: string } }[] {
  return contestantsOf(inputs).flatMap(({ key, name, subject, given }) => {
    try {
      const params = subjectParams(subject, inputs.beta, given);
      const setting: SolverSetting<MemberSolver> =
        typeof subject === 'string'
          ? { solver: subject, params }
          : { solver: 'custom', params, formula: subject.formula };
      return [{ setting, label: { key, name } }];
    } catch {
      return [];
    }
  });
}

/** A view with nothing to run. */
export const NOTHING_RUN: ComputeInfo = { ms: 0, engine: '—', backend: '—' };

/** One batch on `auto` in a view's scope, with how it was computed; null once cancelled. */
export async function runView(
  scope: EngineScope,
  spec: BatchSpec,
  progress?: (fraction: number) => void,
): Promise<{ result: BatchResult; info: ComputeInfo } | null> {
  const run = await scope.run(
    'auto',
    spec,
    progress && ((done, total) => progress(total > 0 ? done / total : 0)),
  );
  if (!run) return null;
  const { result, ms } = run;
  return { result, info: { ms, engine: result.engine, backend: result.backend } };
}
