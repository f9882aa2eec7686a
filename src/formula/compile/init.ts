/**
 * Initial aux values for the float32 engines, computed per member in float64 by the reference
 * compiler (one implementation of every operation's meaning) and then uploaded.
 */
import type { StepFailure } from '../../core/solvers';
import type { BatchMember } from '../../engine/types';
import type { Program } from '../program';
import { initialAux } from './reference';

export interface MemberAux {
  /** Per aux: a number (scalar) or K numbers. */
  values: (number | Float64Array)[];
  /** The first aux whose initial value is not finite. */
  failure: { aux: number; value: StepFailure['value'] } | null;
}

export function memberAux(program: Program, logMu: Float64Array, m: BatchMember): MemberAux {
  const z = Math.log(m.start.reduce((s, v) => s + v, 0));
  const logStart = Float64Array.from(m.start, (v) => Math.log(v) - z);
  return initialAux(program, logStart, logMu, m.params.eta ?? 0, m.params.beta);
}

/** Row-major [B, K] (vector) or [B] (scalar) float32 per aux, for the tfjs engine. */
export function formulaAux(
  program: Program,
  logMu: Float64Array,
  members: readonly BatchMember[],
): {
  values: Float32Array[];
  failures: { member: number; aux: number; value: StepFailure['value'] }[];
} {
  const K = logMu.length;
  const B = members.length;
  const values = program.aux.map((a) => new Float32Array(a.type === 'scalar' ? B : B * K));
  const failures: { member: number; aux: number; value: StepFailure['value'] }[] = [];
  members.forEach((m, b) => {
    const init = memberAux(program, logMu, m);
    init.values.forEach((v, i) => {
      if (typeof v === 'number') values[i]![b] = v;
      else values[i]!.set(v, b * K);
    });
    if (init.failure) failures.push({ member: b, ...init.failure });
  });
  return { values, failures };
}
