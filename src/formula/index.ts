/**
 * Custom solvers: an update rule typed as a formula (README, "Custom solvers"). Parsed by a
 * generated PEG parser, checked into a typed program, never evaluated as code; compiled to a
 * float64 closure (reference engine), a tfjs op sequence and a WGSL body for the fused kernels.
 */
export { checkFormula, type FormulaOutcome } from './formula';
export { FormulaError, formatIssue, issueLine, type FormulaIssue } from './errors';
export { FORMULA_LIMITS } from './limits';
export type { Program } from './program';
export { toLatex } from './latex';
