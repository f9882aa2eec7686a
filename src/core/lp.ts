/**
 * A small dense simplex for LPs of the form  max cᵀx  s.t.  A·x ≤ b, x ≥ 0  with b ≥ 0, so the
 * slack basis is feasible and no phase one is needed. That form covers the matrix games we solve
 * (after shifting the payoffs to be positive). Dantzig's rule, switching to Bland's rule after a run
 * of degenerate pivots so that it cannot cycle.
 */

export interface LPResult {
  status: 'optimal' | 'unbounded' | 'iteration-limit';
  x: Float64Array;
  value: number;
  pivots: number;
}

const EPS = 1e-12;

export function simplexMaxLeq(
  c: ArrayLike<number>,
  A: ArrayLike<number>,
  b: ArrayLike<number>,
  m: number,
  n: number,
  maxPivots = 50 * (m + n) + 1000,
): LPResult {
  checkSlackFeasible(b, m);
  // Tableau rows 0..m−1: [A | I | b]; row m: reduced costs [−c | 0 | value].
  const width = n + m + 1;
  const T = new Float64Array((m + 1) * width);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) T[i * width + j] = A[i * n + j]!;
    T[i * width + n + i] = 1;
    T[i * width + width - 1] = b[i]!;
  }
  for (let j = 0; j < n; j++) T[m * width + j] = -c[j]!;
  const basis = Int32Array.from({ length: m }, (_, i) => n + i);

  let pivots = 0;
  let degenerateRun = 0;
  for (;;) {
    const bland = degenerateRun > 50;
    let enter = -1;
    let best = -EPS;
    for (let j = 0; j < n + m; j++) {
      const rc = T[m * width + j]!;
      if (rc < best) {
        enter = j;
        if (bland) break;
        best = rc;
      }
    }
    if (enter < 0) break;
    if (pivots >= maxPivots) return finish('iteration-limit');

    const { leave, ratio } = ratioTest(T, m, width, enter, basis);
    if (leave < 0) return finish('unbounded');
    degenerateRun = ratio <= EPS ? degenerateRun + 1 : 0;

    const pr = leave * width;
    const pv = T[pr + enter]!;
    for (let j = 0; j < width; j++) T[pr + j] = T[pr + j]! / pv;
    for (let i = 0; i <= m; i++) {
      if (i === leave) continue;
      const f = T[i * width + enter]!;
      if (f === 0) continue;
      const r = i * width;
      for (let j = 0; j < width; j++) T[r + j] = T[r + j]! - f * T[pr + j]!;
    }
    basis[leave] = enter;
    pivots++;
  }
  return finish('optimal');

  function finish(status: LPResult['status']): LPResult {
    return resultOf(status, T, width, basis, c, n, pivots);
  }
}

/**
 * The same LP by the same method with two changes that make 500-action games affordable (the β = 0
 * equilibrium of big games, src/core/activeSet.ts):
 *  - a condensed (Tucker) tableau: rows are the basic variables, columns the nonbasic ones, so a
 *    pivot updates m × (n + 1) numbers instead of m × (n + m + 1);
 *  - steepest-edge pricing: the entering column maximizes d_j² / (1 + ‖column j‖²) (norms kept
 *    exact in the same pass as the pivot), about 2.5·n pivots on random games where Dantzig's
 *    rule takes 6–12·n.
 * `prior` (one positive number per variable x_j, default 1) scales that score: a caller that has
 * an idea which variables end up positive names them, and pivots that bring in other ones become
 * rarer (1.5·n instead of 2.5·n with activeSet.ts's guess). Any column with a negative reduced
 * cost may enter, so the optimum does not depend on it. Bland's rule (by variable index) still
 * takes over after a run of degenerate pivots.
 */
export function simplexMaxLeqSteepestEdge(
  c: ArrayLike<number>,
  A: ArrayLike<number>,
  b: ArrayLike<number>,
  m: number,
  n: number,
  maxPivots = 50 * (m + n) + 1000,
  prior?: ArrayLike<number>,
): LPResult {
  checkSlackFeasible(b, m);
  // The prior of every variable: x_j's, then 1 for the slacks.
  const preference = new Float64Array(n + m).fill(1);
  if (prior) for (let j = 0; j < n; j++) preference[j] = prior[j]!;
  // basic_i = T[i][n] − Σ_j T[i][j]·nonbasic_j (rows 0..m−1); z = T[m][n] − Σ_j T[m][j]·nonbasic_j.
  const width = n + 1;
  const T = new Float64Array((m + 1) * width);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) T[i * width + j] = A[i * n + j]!;
    T[i * width + n] = b[i]!;
  }
  for (let j = 0; j < n; j++) T[m * width + j] = -c[j]!;
  const rowVar = Int32Array.from({ length: m }, (_, i) => n + i);
  const colVar = Int32Array.from({ length: n }, (_, j) => j);
  const weights = new Float64Array(n).fill(1);
  for (let i = 0; i < m; i++) {
    const r = i * width;
    for (let j = 0; j < n; j++) weights[j] = weights[j]! + T[r + j]! * T[r + j]!;
  }
  const pivotRow = new Float64Array(width);

  let pivots = 0;
  let degenerateRun = 0;
  for (;;) {
    const bland = degenerateRun > 50;
    let enter = -1;
    const z = m * width;
    if (bland) {
      for (let j = 0; j < n; j++)
        if (T[z + j]! < -EPS && (enter < 0 || colVar[j]! < colVar[enter]!)) enter = j;
    } else {
      let bestScore = 0;
      for (let j = 0; j < n; j++) {
        const d = T[z + j]!;
        const score = d * d * preference[colVar[j]!]!;
        if (d < -EPS && score > bestScore * weights[j]!) {
          bestScore = score / weights[j]!;
          enter = j;
        }
      }
    }
    if (enter < 0) break;
    if (pivots >= maxPivots) return finish('iteration-limit');

    const { leave, ratio } = ratioTest(T, m, width, enter, rowVar);
    if (leave < 0) return finish('unbounded');
    degenerateRun = ratio <= EPS ? degenerateRun + 1 : 0;

    // The exchange: row `leave` is divided by the pivot, every other row loses its multiple of it,
    // and column `enter` becomes the leaving variable's column (−a_is / p, and 1 / p at the pivot).
    const pr = leave * width;
    const pv = T[pr + enter]!;
    for (let j = 0; j < width; j++) pivotRow[j] = T[pr + j]! / pv;
    pivotRow[enter] = 1 / pv;
    weights.fill(1);
    for (let i = 0; i <= m; i++) {
      const r = i * width;
      const f = T[r + enter]!;
      if (i === leave) T.set(pivotRow, r);
      else if (f !== 0 && i < m) {
        // The update and the new squared norms in one pass (weights[enter] is redone below).
        for (let j = 0; j < n; j++) {
          const v = T[r + j]! - f * pivotRow[j]!;
          T[r + j] = v;
          weights[j] = weights[j]! + v * v;
        }
        T[r + n] = T[r + n]! - f * pivotRow[n]!;
        T[r + enter] = -f / pv;
        continue;
      } else if (f !== 0) {
        for (let j = 0; j < width; j++) T[r + j] = T[r + j]! - f * pivotRow[j]!;
        T[r + enter] = -f / pv;
      }
      if (i < m) for (let j = 0; j < n; j++) weights[j] = weights[j]! + T[r + j]! * T[r + j]!;
    }
    let enterWeight = 1;
    for (let i = 0; i < m; i++) enterWeight += T[i * width + enter]! ** 2;
    weights[enter] = enterWeight;
    const entering = colVar[enter]!;
    colVar[enter] = rowVar[leave]!;
    rowVar[leave] = entering;
    pivots++;
  }
  return finish('optimal');

  function finish(status: LPResult['status']): LPResult {
    return resultOf(status, T, width, rowVar, c, n, pivots);
  }
}

// ---------- shared by both simplexes (tableau rows 0..m−1 end in the right-hand side) ----------

function checkSlackFeasible(b: ArrayLike<number>, m: number): void {
  for (let i = 0; i < m; i++) {
    if (!(b[i]! >= 0)) throw new Error(`simplexMaxLeq needs b ≥ 0 (b[${i}] = ${b[i]})`);
  }
}

/**
 * The leaving row for entering column `enter`: the least ratio rhs / a over rows with a > EPS,
 * ties (within EPS) to the lower-numbered basic variable; leave −1 where the LP is unbounded.
 */
function ratioTest(
  T: Float64Array,
  m: number,
  width: number,
  enter: number,
  basicVar: Int32Array,
): { leave: number; ratio: number } {
  let leave = -1;
  let ratio = Infinity;
  for (let i = 0; i < m; i++) {
    const a = T[i * width + enter]!;
    if (a > EPS) {
      const r = T[i * width + width - 1]! / a;
      if (r < ratio - EPS || (r <= ratio + EPS && leave >= 0 && basicVar[i]! < basicVar[leave]!)) {
        ratio = r;
        leave = i;
      }
    }
  }
  return { leave, ratio };
}

/** x (the basic variables below n at their right-hand side, ≥ 0) and cᵀx. */
function resultOf(
  status: LPResult['status'],
  T: Float64Array,
  width: number,
  basicVar: Int32Array,
  c: ArrayLike<number>,
  n: number,
  pivots: number,
): LPResult {
  const x = new Float64Array(n);
  for (let i = 0; i < basicVar.length; i++) {
    const v = basicVar[i]!;
    if (v < n) x[v] = Math.max(0, T[i * width + width - 1]!);
  }
  let value = 0;
  for (let j = 0; j < n; j++) value += c[j]! * x[j]!;
  return { status, x, value, pivots };
}
