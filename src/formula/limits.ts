/**
 * Bounds on what a formula may ask for. They keep hostile or runaway input (a link, a pasted
 * file) from costing more than a clear error: the parser, checker and compilers recurse over the
 * tree, and the fused kernel keeps every vector of a step in its per-member state.
 */
export const FORMULA_LIMITS = {
  /** Characters of source text. */
  length: 2000,
  /** Brackets open at once (checked before parsing, so the parser never recurses deeper). */
  nesting: 32,
  /** Depth of the checked expression tree (operators chain as well as brackets nest). */
  depth: 64,
  /** Operators, names and numbers in the whole formula. */
  nodes: 400,
  statements: 32,
  /** Persistent `aux` variables (besides the history that logpi[t-k] keeps). */
  aux: 8,
  /** Preference queries per iteration. */
  queries: 8,
  /** Largest k in logpi[t-k]. */
  lag: 16,
  /** Largest integer exponent in x^n. */
  exponent: 16,
  /** Literals must be 0 or have a magnitude in [1e-30, 1e30], so that float32 holds them. */
  literal: 1e30,
} as const;
