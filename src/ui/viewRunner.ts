/**
 * Computes the GPU-scale views in the engine worker pool with the `auto` engine (these are the
 * batches of thousands of runs that the engine is built for). Each view has its own run scope:
 * a newer request for a view cancels the older one, and a stale result never lands.
 */
import type { ComparisonsBootstrap } from '../comparisons/bootstrap';
import type { Game } from '../core/game';
import { getSolver, type MemberSolver, type SolverId, type SolverParams } from '../core/solvers';
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
  beatsDefault,
  TUNE_EPSILON,
  tunedFrom,
  tunedParams,
  tunePlan,
  type Tuned,
} from '../experiment/views/tune';
import { subjectParams, type ViewSubject } from '../experiment/views/subject';
import type { Computed, FairRace, Labelled, ViewId } from '../experiment/views/types';
import type { CustomSolverSpec } from '../formula/custom';

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
    // The resampling code (and its RNG library) loads with the first bootstrap, not with the page.
    const [{ DEFAULT_RESAMPLES }, { createBootstrapWorker }, { bootstrapInWorkers }] =
      await Promise.all([
        import('../comparisons/bootstrap'),
        import('../comparisons/browser'),
        import('../comparisons/parallel'),
      ]);
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
  /** Custom solvers: the views run them like the built-ins. */
  custom: readonly CustomSolverSpec[];
}

/** One solver of the views: how the batches name it, and how the app shows it. */
interface ViewEntry {
  key: string;
  name: string;
  subject: ViewSubject;
}

function entriesOf(inputs: ViewInputs): ViewEntry[] {
  return [
    ...inputs.solvers.map((solver) => ({
      key: solver,
      name: getSolver(solver).name,
      subject: solver,
    })),
    ...inputs.custom.map((c) => ({
      key: c.id,
      name: c.name,
      subject: { solver: 'custom' as const, formula: c.formula, id: c.id },
    })),
  ];
}

/** Parameters by key: the registry solvers' as given, a custom solver's η. */
function paramsByKey(inputs: ViewInputs): Partial<Record<string, SolverParams>> {
  return {
    ...inputs.params,
    ...Object.fromEntries(inputs.custom.map((c) => [c.id, { eta: c.eta }])),
  };
}

/**
 * The solvers that can run at this β, resolved (a solver whose η this β refuses sits the views
 * out), each with its label.
 */
function settingsOf(
  inputs: ViewInputs,
): { setting: SolverSetting<MemberSolver>; label: { key: string; name: string } }[] {
  const given = paramsByKey(inputs);
  return entriesOf(inputs).flatMap(({ key, name, subject }) => {
    try {
      const params = subjectParams(subject, inputs.beta, given[key] ?? {});
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

const labelOf = (
  entries: readonly ViewEntry[],
  subject: ViewSubject,
): { key: string; name: string } => {
  const key = typeof subject === 'string' ? subject : (subject.id ?? 'custom');
  return { key, name: entries.find((e) => e.key === key)?.name ?? key };
};

const NOTHING = { ms: 0, engine: '—', backend: '—' };

export async function computeFlowField(
  inputs: ViewInputs,
): Promise<Computed<Labelled<FlowField<MemberSolver>>[]> | null> {
  const lattice = simplexLattice();
  const resolved = settingsOf(inputs);
  if (resolved.length === 0) return { data: [], info: NOTHING };
  const settings = resolved.map((r) => r.setting);
  const run = await runFor('flow', flowFieldSpec(inputs.game, settings, lattice));
  return (
    run && {
      data: flowFieldsFrom(settings, lattice, run.result).map((f, i) => ({
        ...f,
        ...resolved[i]!.label,
      })),
      info: run.info,
    }
  );
}

export async function computeBasins(
  inputs: ViewInputs,
  epsilon: number,
): Promise<Computed<Labelled<BasinMap<MemberSolver>>[]> | null> {
  const lattice = simplexLattice();
  const resolved = settingsOf(inputs);
  if (resolved.length === 0) return { data: [], info: NOTHING };
  const settings = resolved.map((r) => r.setting);
  const spec = basinsSpec(inputs.game, settings, inputs.budget, epsilon, lattice);
  const run = await runFor('basins', spec);
  return (
    run && {
      data: basinsFrom(settings, lattice, run.result, epsilon).map((m, i) => ({
        ...m,
        ...resolved[i]!.label,
      })),
      info: run.info,
    }
  );
}

export async function computeSweep(
  inputs: ViewInputs,
  epsilon: number,
): Promise<Computed<Labelled<SweepMap<ViewSubject>>[]> | null> {
  const entries = entriesOf(inputs);
  const plan = sweepPlan(
    inputs.game,
    entries.map((e) => e.subject),
    paramsByKey(inputs),
    inputs.budget,
    epsilon,
  );
  if (plan.spec.members.length === 0) return { data: [], info: NOTHING };
  const run = await runFor('sweep', plan.spec);
  return (
    run && {
      data: sweepFrom(plan, run.result).map((m) => ({ ...m, ...labelOf(entries, m.solver) })),
      info: run.info,
    }
  );
}

async function race(scope: RunScope, settings: RaceSettings): Promise<Race | null> {
  const { entries, refused } = raceEntries(settings);
  const spec = raceSpec(settings, entries);
  const run = await scope.run('auto', spec);
  return run && raceFromResult(settings, entries, run.result, run.ms, refused);
}

/**
 * "Tune η": one batched sweep over log-spaced steps per solver, then the race with theory
 * defaults and the race with the tuned steps, side by side. All three runs share one scope, so a
 * newer request cancels the whole chain.
 */
export async function computeFairRace(
  inputs: ViewInputs,
  epsilon: number = TUNE_EPSILON,
): Promise<Computed<FairRace> | null> {
  const scope = beginScope('fair');
  try {
    const t0 = performance.now();
    const entries = entriesOf(inputs);
    const plan = tunePlan(
      inputs.game,
      inputs.beta,
      entries.map((e) => e.subject),
      paramsByKey(inputs),
      inputs.budget,
      epsilon,
    );
    let tuned: Labelled<Tuned<ViewSubject>>[] = [];
    let engine = { engine: 'reference', backend: 'float64' };
    // Only fictitious play and RM+ selected: nothing to tune, both races are the defaults.
    if (plan.spec.members.length > 0) {
      const run = await runIn(scope, plan.spec);
      if (!run) return null;
      tuned = tunedFrom(plan, run.result).map((t) => ({ ...t, ...labelOf(entries, t.solver) }));
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
    const defaults = await race(scope, { ...base, params: structural, custom: inputs.custom });
    if (!defaults) return null;
    // A solver whose default is faster keeps it: the tuned race shows no slower setting.
    const keep = (t: Labelled<Tuned<ViewSubject>>): boolean => {
      const d = defaults.traces.find((tr) => tr.key === t.key);
      return d !== undefined && !beatsDefault(t, d, epsilon);
    };
    // A custom solver's tuned η is its spec's η (the race reads it there).
    const tunedCustom = inputs.custom.map((c) => {
      const t = tuned.find((x) => x.key === c.id);
      return t && Number.isFinite(t.eta) && !keep(t) ? { ...c, eta: t.eta } : c;
    });
    const tunedRace = await race(scope, {
      ...base,
      params: tunedParams(tuned, structural, keep),
      custom: tunedCustom,
    });
    if (!tunedRace) return null;
    return {
      data: { tuned, defaults, tunedRace, epsilon },
      info: { ...engine, ms: performance.now() - t0 },
    };
  } finally {
    endScope(scope);
  }
}
