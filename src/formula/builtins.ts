/**
 * Built-in solvers written in the formula language (docs/custom-solvers.md). Each reproduces
 * its registry solver (tests/unit/formula/builtins.test.ts): the same operations in the same
 * order, so the float64 reference agrees to rounding.
 */
import type { SolverId } from '../core/solvers';

export interface BuiltinFormula {
  /** The registry solver it reproduces. */
  solver: SolverId;
  /** What it needs from the registry entry's parameters to match. */
  note: string;
  formula: string;
}

export const BUILTIN_FORMULAS: readonly BuiltinFormula[] = [
  {
    solver: 'sppo',
    note: 'SPPO / multiplicative weights (ignores β and μ)',
    formula: 'next = logpi + eta * P·pi',
  },
  {
    solver: 'inpo',
    note: 'INPO with a constant step',
    formula: ['m = eta * beta', 'next = (1 - m) * logpi + m * logmu + eta * P·pi'].join('\n'),
  },
  {
    solver: 'nash-md',
    note: 'Nash-MD with a constant step',
    formula: [
      'm = eta * beta',
      'mix = softmax((1 - m) * logpi + m * logmu)   # geometric mixture with μ',
      'next = (1 - m) * logpi + m * logmu + eta * P·mix',
    ].join('\n'),
  },
  {
    solver: 'nash-md',
    note: 'Nash-MD with the theory schedule η_t = 2/(β(t+2)) written out (the member’s η is unused)',
    formula: [
      'h = 2 / (beta * (t + 2))',
      'm = h * beta',
      'mix = softmax((1 - m) * logpi + m * logmu)',
      'next = (1 - m) * logpi + m * logmu + h * P·mix',
    ].join('\n'),
  },
  {
    solver: 'mmd',
    note: 'magnetic mirror descent: one proximal step',
    formula: 'next = (logpi + eta * beta * logmu + eta * P·pi) / (1 + eta * beta)',
  },
  {
    solver: 'egpo',
    note: 'extragradient: a linearized half-step, then a step from π_t with its win rates',
    formula: [
      'm = eta * beta',
      'half = (1 - m) * logpi + m * logmu + eta * P·pi',
      'next = (1 - m) * logpi + m * logmu + eta * P·softmax(half)',
    ].join('\n'),
  },
  {
    solver: 'nash-mp',
    note: 'exact Nash-MP (inner = 0): two proximal steps anchored at π_t',
    formula: [
      'm = eta * beta',
      'half = (logpi + m * logmu + eta * P·pi) / (1 + m)',
      'next = (logpi + m * logmu + eta * P·softmax(half)) / (1 + m)',
    ].join('\n'),
  },
  {
    solver: 'onpo',
    note: 'optimistic: an auxiliary iterate π′ (aux, π′₀ = π₀) and the last win rates as prediction',
    formula: [
      'aux a = logpi',
      'm = eta * beta',
      'g = P·pi',
      'a = normalize((1 - m) * a + m * logmu + eta * g)',
      'next = (1 - m) * a + m * logmu + eta * g',
    ].join('\n'),
  },
  {
    solver: 'mnpo',
    note: 'MNPO with n = 3 players and uniform λ: the last iterate and its cached win rates',
    formula: [
      'aux g1 = 0 * logmu     # P·π_{t−1}, kept from the last step (one query per step)',
      'aux first = 1          # at t = 0 the only opponent is π₀ itself',
      'm = eta * beta',
      'g = P·pi',
      'gp = first * g + (1 - first) * g1',
      'next = m * logmu + 0.5 * ((1 - m) * logpi + eta * g) + 0.5 * ((1 - m) * logpi[t-1] + eta * gp)',
      'g1 = g',
      'first = 0',
    ].join('\n'),
  },
];
