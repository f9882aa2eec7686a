/**
 * Starting points on the 2-simplex: the interior of the barycentric lattice i + j + k = n
 * (i, j, k ≥ 1), so every start has full support. n = 93 gives 4,186 points, at least the
 * 64 × 64 = 4,096 the dense views promise.
 */
export const DENSE_LATTICE = 93;

export interface Lattice {
  n: number;
  /** Number of points, (n − 1)(n − 2)/2. */
  count: number;
  /** [point][3] barycentric coordinates (probabilities of the three actions). */
  points: Float64Array;
}

export function simplexLattice(n: number = DENSE_LATTICE): Lattice {
  if (!Number.isInteger(n) || n < 3) throw new Error(`a simplex lattice needs n ≥ 3, got ${n}`);
  const count = ((n - 1) * (n - 2)) / 2;
  const points = new Float64Array(3 * count);
  let p = 0;
  for (let i = 1; i <= n - 2; i++) {
    for (let j = 1; i + j <= n - 1; j++) {
      points[3 * p] = i / n;
      points[3 * p + 1] = j / n;
      points[3 * p + 2] = (n - i - j) / n;
      p++;
    }
  }
  return { n, count, points };
}

/** The point's three coordinates as a start (a fresh array: engines keep starts). */
export function latticeStart(lattice: Lattice, p: number): Float64Array {
  return lattice.points.slice(3 * p, 3 * p + 3);
}
