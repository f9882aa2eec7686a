/**
 * Small float64 helpers shared by the core. Policies are kept as log-probabilities wherever a
 * solver multiplies weights, so that probabilities far below 1e-308 stay representable.
 */

/** log Σ exp(x_i), stable for any finite input and for −∞ entries (as long as one is finite). */
export function logSumExp(x: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) if (x[i]! > max) max = x[i]!;
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.exp(x[i]! - max);
  return max + Math.log(sum);
}

/**
 * In place: x ← x − logΣexp(x), so that exp(x) sums to 1. Returns x. With `probs`, also writes
 * the probabilities exp(x), reusing the exponentials of the log-sum-exp (no second pass of exp).
 */
export function normalizeLogInPlace<T extends Float64Array>(x: T, probs?: Float64Array): T {
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) if (x[i]! > max) max = x[i]!;
  if (max === -Infinity) return x;
  let sum = 0;
  if (probs) {
    for (let i = 0; i < x.length; i++) sum += probs[i] = Math.exp(x[i]! - max);
    for (let i = 0; i < x.length; i++) probs[i] = probs[i]! / sum;
  } else {
    for (let i = 0; i < x.length; i++) sum += Math.exp(x[i]! - max);
  }
  const z = max + Math.log(sum);
  for (let i = 0; i < x.length; i++) x[i] = x[i]! - z;
  return x;
}

/**
 * out = M·v for a row-major K×K matrix. Four rows at a time: four independent sums (one add
 * chain alone waits on the adder's latency) sharing each load of v[j], ~2× faster at K ≥ 256.
 * Each row is still summed j = 0, 1, …, K − 1, so every entry is bit-identical to the plain loop.
 */
export function matVec(
  M: Float64Array,
  v: ArrayLike<number>,
  K: number,
  out: Float64Array,
): Float64Array {
  let i = 0;
  for (; i + 3 < K; i += 4) {
    const r0 = i * K;
    const r1 = r0 + K;
    const r2 = r1 + K;
    const r3 = r2 + K;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let j = 0; j < K; j++) {
      const x = v[j]!;
      s0 += M[r0 + j]! * x;
      s1 += M[r1 + j]! * x;
      s2 += M[r2 + j]! * x;
      s3 += M[r3 + j]! * x;
    }
    out[i] = s0;
    out[i + 1] = s1;
    out[i + 2] = s2;
    out[i + 3] = s3;
  }
  for (; i < K; i++) {
    let s = 0;
    const row = i * K;
    for (let j = 0; j < K; j++) s += M[row + j]! * v[j]!;
    out[i] = s;
  }
  return out;
}

/**
 * out[b·K + i] = (M·v_b)_i for B vectors stored one after another in V ([B][K]), two rows and
 * three vectors at a time: each load of M[i][j] serves three vectors (a race's members asking at
 * once, ~1.8× the throughput of six matVecs at K = 256 and 1,024). Every entry is summed
 * j = 0, 1, …, K − 1 from 0, as matVec sums it, so each is bit-identical to matVec's.
 */
export function matVecs(
  M: Float64Array,
  V: Float64Array,
  B: number,
  K: number,
  out: Float64Array,
): Float64Array {
  let i = 0;
  for (; i + 1 < K; i += 2) {
    const r0 = i * K;
    const r1 = r0 + K;
    let b = 0;
    for (; b + 2 < B; b += 3) {
      const v0 = b * K;
      const v1 = v0 + K;
      const v2 = v1 + K;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let c0 = 0;
      let c1 = 0;
      let c2 = 0;
      for (let j = 0; j < K; j++) {
        const m0 = M[r0 + j]!;
        const m1 = M[r1 + j]!;
        const x0 = V[v0 + j]!;
        const x1 = V[v1 + j]!;
        const x2 = V[v2 + j]!;
        a0 += m0 * x0;
        a1 += m0 * x1;
        a2 += m0 * x2;
        c0 += m1 * x0;
        c1 += m1 * x1;
        c2 += m1 * x2;
      }
      out[v0 + i] = a0;
      out[v1 + i] = a1;
      out[v2 + i] = a2;
      out[v0 + i + 1] = c0;
      out[v1 + i + 1] = c1;
      out[v2 + i + 1] = c2;
    }
    for (; b < B; b++) {
      const v = b * K;
      let a = 0;
      let c = 0;
      for (let j = 0; j < K; j++) {
        const x = V[v + j]!;
        a += M[r0 + j]! * x;
        c += M[r1 + j]! * x;
      }
      out[v + i] = a;
      out[v + i + 1] = c;
    }
  }
  for (; i < K; i++) {
    const row = i * K;
    for (let b = 0; b < B; b++) {
      const v = b * K;
      let a = 0;
      for (let j = 0; j < K; j++) a += M[row + j]! * V[v + j]!;
      out[v + i] = a;
    }
  }
  return out;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

export function maxOf(x: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < x.length; i++) if (x[i]! > m) m = x[i]!;
  return m;
}

/** Index of the largest entry; the lowest index wins ties. */
export function argMax(x: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < x.length; i++) if (x[i]! > x[best]!) best = i;
  return best;
}

/**
 * KL(p‖q) = Σ p_i (log p_i − log q_i) from log-probabilities, the one KL of the project (metrics,
 * hitting times, views). Terms with p_i = 0 (or below float64's range) contribute 0; a q_i = 0
 * where p_i > 0 gives +∞. Rounding can make a true 0 come out as −1e-17; KL is ≥ 0, so the
 * result is clamped there — but a NaN stays NaN: a diverged iterate has no KL, and reading it as
 * 0 would count a blown-up run as converged.
 */
export function klFromLogs(logP: ArrayLike<number>, logQ: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < logP.length; i++) {
    const lp = logP[i]!;
    const p = Math.exp(lp);
    // p_i = 0, also one that underflows (log p_i ≈ −800): 0·log 0 = 0, not 0·∞ = NaN.
    if (p === 0) continue;
    s += p * (lp - logQ[i]!);
  }
  return s < 0 ? 0 : s;
}

/** Natural log of each entry (0 ↦ −∞). */
export function logOf(p: ArrayLike<number>): Float64Array {
  const out = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) out[i] = Math.log(p[i]!);
  return out;
}

export function sum(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s;
}

/** Solves A·x = b in place by Gaussian elimination with partial pivoting (A is n×n row-major). */
export function solveLinear(A: Float64Array, b: Float64Array, n: number): Float64Array | null {
  for (let col = 0; col < n; col++) {
    let pivot = col;
    let best = Math.abs(A[col * n + col]!);
    for (let r = col + 1; r < n; r++) {
      const v = Math.abs(A[r * n + col]!);
      if (v > best) {
        best = v;
        pivot = r;
      }
    }
    if (best === 0 || !Number.isFinite(best)) return null;
    if (pivot !== col) {
      for (let c = col; c < n; c++) {
        const tmp = A[col * n + c]!;
        A[col * n + c] = A[pivot * n + c]!;
        A[pivot * n + c] = tmp;
      }
      const tb = b[col]!;
      b[col] = b[pivot]!;
      b[pivot] = tb;
    }
    const d = A[col * n + col]!;
    for (let r = col + 1; r < n; r++) {
      const f = A[r * n + col]! / d;
      if (f === 0) continue;
      for (let c = col; c < n; c++) A[r * n + c] = A[r * n + c]! - f * A[col * n + c]!;
      b[r] = b[r]! - f * b[col]!;
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let c = r + 1; c < n; c++) s -= A[r * n + c]! * x[c]!;
    x[r] = s / A[r * n + r]!;
  }
  return x;
}

/** An LU factorization with partial pivoting, for solving many systems with one matrix. */
export interface LUFactors {
  n: number;
  /** L below the diagonal (unit diagonal implied), U on and above it; row-major. */
  lu: Float64Array;
  /** Row i of the factorization is row perm[i] of the original matrix. */
  perm: Int32Array;
}

/** Factors a copy of A (n×n, row-major); null when A is singular. */
export function luFactor(A: ArrayLike<number>, n: number): LUFactors | null {
  const lu = Float64Array.from(A);
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    let best = Math.abs(lu[col * n + col]!);
    for (let r = col + 1; r < n; r++) {
      const v = Math.abs(lu[r * n + col]!);
      if (v > best) {
        best = v;
        pivot = r;
      }
    }
    if (best === 0 || !Number.isFinite(best)) return null;
    if (pivot !== col) {
      for (let c = 0; c < n; c++) {
        const tmp = lu[col * n + c]!;
        lu[col * n + c] = lu[pivot * n + c]!;
        lu[pivot * n + c] = tmp;
      }
      const tp = perm[col]!;
      perm[col] = perm[pivot]!;
      perm[pivot] = tp;
    }
    const d = lu[col * n + col]!;
    for (let r = col + 1; r < n; r++) {
      const f = (lu[r * n + col] = lu[r * n + col]! / d);
      if (f === 0) continue;
      for (let c = col + 1; c < n; c++) lu[r * n + c] = lu[r * n + c]! - f * lu[col * n + c]!;
    }
  }
  return { n, lu, perm };
}

/** Solves A·x = b with the factors of A. */
export function luSolve(f: LUFactors, b: ArrayLike<number>): Float64Array {
  const { n, lu, perm } = f;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[perm[i]!]!;
    for (let c = 0; c < i; c++) s -= lu[i * n + c]! * x[c]!;
    x[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let c = i + 1; c < n; c++) s -= lu[i * n + c]! * x[c]!;
    x[i] = s / lu[i * n + i]!;
  }
  return x;
}
