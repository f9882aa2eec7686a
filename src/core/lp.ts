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
  for (let i = 0; i < m; i++) {
    if (!(b[i]! >= 0)) throw new Error(`simplexMaxLeq needs b ≥ 0 (b[${i}] = ${b[i]})`);
  }
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

    let leave = -1;
    let ratio = Infinity;
    for (let i = 0; i < m; i++) {
      const a = T[i * width + enter]!;
      if (a > EPS) {
        const r = T[i * width + width - 1]! / a;
        if (r < ratio - EPS || (r <= ratio + EPS && leave >= 0 && basis[i]! < basis[leave]!)) {
          ratio = r;
          leave = i;
        }
      }
    }
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
    const x = new Float64Array(n);
    for (let i = 0; i < m; i++) {
      const v = basis[i]!;
      if (v < n) x[v] = Math.max(0, T[i * width + width - 1]!);
    }
    let value = 0;
    for (let j = 0; j < n; j++) value += c[j]! * x[j]!;
    return { status, x, value, pivots };
  }
}
