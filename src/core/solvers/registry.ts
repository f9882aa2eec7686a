/**
 * The solvers' definitions: name, paper, parameters with defaults and ranges, colour, the update
 * in words and its float64 step (the reference engine). The CLI, the app's solver list and
 * parameter fields, links and the autosave are built from this list. The float32 engines and the
 * Python export keep one kernel per solver in their own tables, each checked against SOLVER_IDS
 * (TFJS_KERNELS, FUSED_KERNELS, PYTHON_KERNELS); docs/adding-a-solver.md lists every step.
 */
import { egpo } from './egpo';
import { fictitiousPlay } from './fictitiousPlay';
import { inpo } from './inpo';
import { mmd } from './mmd';
import { mnpo } from './mnpo';
import { mpo } from './mpo';
import { nashMd } from './nashMd';
import { nashMdPg } from './nashMdPg';
import { nashMp } from './nashMp';
import { onlineIpo } from './onlineIpo';
import { onpo } from './onpo';
import { replicator } from './replicator';
import { rmPlus } from './rmPlus';
import { sppo } from './sppo';
import { SOLVER_IDS, type SolverDefinition, type SolverId } from './types';

export const SOLVERS: readonly SolverDefinition[] = [
  nashMp,
  egpo,
  inpo,
  mnpo,
  nashMd,
  sppo,
  onpo,
  mmd,
  fictitiousPlay,
  replicator,
  rmPlus,
  mpo,
  onlineIpo,
  nashMdPg,
];

const BY_ID = new Map<string, SolverDefinition>(SOLVERS.map((s) => [s.id, s]));

export function isSolverId(id: string): id is SolverId {
  return BY_ID.has(id);
}

export function getSolver(id: SolverId): SolverDefinition {
  return BY_ID.get(id)!;
}

export { SOLVER_IDS };
