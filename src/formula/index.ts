/**
 * Custom solvers: an update rule typed as a formula (docs/custom-solvers.md). Parsed by a
 * generated PEG parser, checked into a typed program, never evaluated as code; compiled to a
 * float64 closure (reference engine), a tfjs op sequence, a WGSL body for the fused kernels and
 * numpy source for the standalone scripts of "Reproduce" (compile/numpy.ts).
 *
 * For the app: checkFormula (editor feedback), toLatex (KaTeX beside it), CustomSolverSpec with
 * parseCustomSolver(s) (links, lessons, autosave), customMember (races), CustomSubject (views).
 */
export { checkFormula, type FormulaOutcome } from './formula';
/** For the editor's completions: the names every rule can read, and the functions. */
export { BUILTIN_NAMES, FUNCTION_NAMES } from './check';
export { FormulaError, formatIssue, issueLine, type FormulaIssue } from './errors';
export { FORMULA_LIMITS } from './limits';
export type { Program } from './program';
export { toLatex } from './latex';
export { BUILTIN_FORMULAS, type BuiltinFormula } from './builtins';
export {
  compileFormula,
  CUSTOM_ETA_DEFAULT,
  memberSolver,
  resolveCustomParams,
  type CompiledFormula,
} from './solver';
export {
  CUSTOM_COLORS,
  CUSTOM_DASH,
  customMember,
  CustomSolverError,
  MAX_CUSTOM_SOLVERS,
  newCustomSolver,
  parseCustomSolver,
  parseCustomSolvers,
  validateFormula,
  type CustomSolverSpec,
} from './custom';
export type { CustomSubject } from '../experiment/views/subject';
