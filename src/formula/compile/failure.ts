/**
 * Failure codes of the float32 engines: a member's first non-finite step is kept on the device
 * as one number, code = 2·step + (0 for NaN, 1 for ±∞), where step indexes `stepNames`.
 */
import type { StepFailure } from '../../core/solvers';
import type { Program } from '../program';

/** Statements in order, then 'next' (after normalization), then each aux's initial value. */
export function stepNames(program: Program): string[] {
  return [
    ...program.statements.map((s) => s.name),
    'next',
    ...program.aux.map((a) => `${a.name} (initial value)`),
  ];
}

/** Index of the 'next' check in stepNames. */
export function nextStep(program: Program): number {
  return program.statements.length;
}

/** Index of aux variable `i`'s initial value in stepNames. */
export function initStep(program: Program, i: number): number {
  return program.statements.length + 1 + i;
}

export function encodeFailure(step: number, value: StepFailure['value']): number {
  return 2 * step + (value === 'NaN' ? 0 : 1);
}

export function decodeFailure(program: Program, t: number, code: number): StepFailure {
  const names = stepNames(program);
  const step = Math.floor(code / 2);
  return { t, step: names[step] ?? `step ${step}`, value: code % 2 === 0 ? 'NaN' : 'infinite' };
}
