/**
 * What the page runs: one type for the inputs of the race and of every view, and one list of
 * contestants (the registry solvers the user ticked, then the custom solvers), each with the key
 * the results are filed under, the name the page shows and the parameters the user gave.
 */
import type { Game } from '../core/game';
import type { QueryModel } from '../core/sampling';
import { getSolver, type SolverId, type SolverParams } from '../core/solvers';
import type { CustomSolverSpec } from '../formula/custom';
import type { ViewSubject } from './views/subject';

export interface RunInputs {
  game: Game;
  /** KL strength β of every solver (0: the unregularized game). */
  beta: number;
  solvers: SolverId[];
  /** Parameters the user gave, by solver id (the registry's defaults fill the rest at β). */
  params: Partial<Record<SolverId, SolverParams>>;
  /** Iterations to compute. */
  budget: number;
  /** Preference queries (default exact). */
  queries?: QueryModel;
  /** Seeds per solver when sampled (default 256); ignored for exact queries. */
  seeds?: number;
  /** Custom solvers (update rules typed as formulas); each runs beside the built-ins. */
  custom?: readonly CustomSolverSpec[];
}

/** One contestant of the race and the views. */
export interface Contestant {
  /** Unique among the contestants: the registry id, or the custom solver's id ('c1', …). */
  key: string;
  name: string;
  /** What runs: a registry id, or a custom solver's rule. */
  subject: ViewSubject;
  /** The parameters the user gave (a custom solver: its η). */
  given: SolverParams;
  /** A custom solver's card (its colour and rule). */
  custom?: CustomSolverSpec;
}

export function contestantsOf(
  inputs: Pick<RunInputs, 'solvers' | 'params' | 'custom'>,
): Contestant[] {
  return [
    ...inputs.solvers.map((solver) => ({
      key: solver,
      name: getSolver(solver).name,
      subject: solver,
      given: inputs.params[solver] ?? {},
    })),
    ...(inputs.custom ?? []).map((c) => ({
      key: c.id,
      name: c.name,
      subject: { solver: 'custom' as const, formula: c.formula, id: c.id },
      given: { eta: c.eta },
      custom: c,
    })),
  ];
}

/** The contestants' given parameters by key (what the sweep and tuning plans look up). */
export function givenByKey(
  contestants: readonly Contestant[],
): Partial<Record<string, SolverParams>> {
  return Object.fromEntries(contestants.map((c) => [c.key, c.given]));
}

/** The key and name a view's result for `subject` is shown under. */
export function contestantLabel(
  contestants: readonly Contestant[],
  subject: ViewSubject,
): { key: string; name: string } {
  const key = typeof subject === 'string' ? subject : (subject.id ?? 'custom');
  return { key, name: contestants.find((c) => c.key === key)?.name ?? key };
}
