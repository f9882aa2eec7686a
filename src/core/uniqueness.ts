/**
 * Is the β = 0 equilibrium unique? The equilibria of the symmetric game form the polytope
 * O = {x ∈ Δ : (Px)_j ≤ ½ ∀j} (value ½), and KL(π*₀‖π) only means something when O is one point.
 *
 * Given one equilibrium x* (the LP's vertex), S = supp x*, T = {j : (Px*)_j = ½}:
 *  - Strict complementarity (Goldman & Tucker 1956): a point x̂ in the relative interior of O has
 *    x̂_j > 0 exactly where no equilibrium leaves j slack. If O = {x*} then x̂ = x*, so S = T.
 *    Hence T ≠ S means more than one equilibrium.
 *  - With S = T, every equilibrium x lives on S and has (Px)_i = ½ on S (complementary
 *    slackness against x*), so O = {x*} iff the square-or-tall system [(P − ½)_{S,S}; 1ᵀ] has
 *    full column rank |S|; a null direction d gives equilibria x* ± εd (x*_S > 0 and the
 *    constraints off S are slack).
 * One elimination, no extra linear program. tests/unit/core/uniqueness.test.ts checks it against
 * the direct method (the range of every x_i over O, by linear programs) on random games.
 */
import type { Game } from './game';
import { matVec } from './numeric';

/** An entry of x* above this is in the support; a win rate within it of ½ is binding. */
export const SUPPORT_TOLERANCE = 1e-9;

export function isUniqueEquilibrium(game: Game, x: ArrayLike<number>): boolean {
  const K = game.K;
  const g = matVec(game.P, x, K, new Float64Array(K));
  const S: number[] = [];
  const T: number[] = [];
  for (let i = 0; i < K; i++) {
    if (x[i]! > SUPPORT_TOLERANCE) S.push(i);
    if (g[i]! >= 0.5 - SUPPORT_TOLERANCE) T.push(i);
  }
  const sameSets = S.length === T.length && S.every((i, k) => T[k] === i);
  if (!sameSets) return false;
  // Rows (P − ½)_{S,S} and a row of ones; columns S.
  const n = S.length;
  const M = new Float64Array((n + 1) * n);
  S.forEach((i, r) => S.forEach((j, c) => (M[r * n + c] = game.P[i * K + j]! - 0.5)));
  for (let c = 0; c < n; c++) M[n * n + c] = 1;
  return rank(M, n + 1, n) === n;
}

/** Rank by Gaussian elimination with partial pivoting (entries are O(1): an absolute tolerance). */
export function rank(A: Float64Array, rows: number, cols: number, tol = 1e-9): number {
  const M = Float64Array.from(A);
  let r = 0;
  for (let c = 0; c < cols && r < rows; c++) {
    let pivot = r;
    for (let i = r + 1; i < rows; i++)
      if (Math.abs(M[i * cols + c]!) > Math.abs(M[pivot * cols + c]!)) pivot = i;
    if (Math.abs(M[pivot * cols + c]!) <= tol) continue;
    if (pivot !== r) {
      for (let k = 0; k < cols; k++) {
        const t = M[r * cols + k]!;
        M[r * cols + k] = M[pivot * cols + k]!;
        M[pivot * cols + k] = t;
      }
    }
    const p = M[r * cols + c]!;
    for (let i = r + 1; i < rows; i++) {
      const f = M[i * cols + c]! / p;
      if (f === 0) continue;
      for (let k = c; k < cols; k++) M[i * cols + k] = M[i * cols + k]! - f * M[r * cols + k]!;
    }
    r++;
  }
  return r;
}
