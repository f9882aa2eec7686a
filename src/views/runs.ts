/** What every view batches: solvers with their resolved parameters on one game. */
import type { ResolvedParams, SolverId } from '../core/solvers';

export interface SolverSetting {
  solver: SolverId;
  params: ResolvedParams;
}

/** How a view's numbers were computed, shown next to it. */
export interface ComputeInfo {
  /** Wall time of the engine run, including the hand-off to the worker. */
  ms: number;
  engine: string;
  backend: string;
}
