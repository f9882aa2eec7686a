/**
 * The β = 0 equilibrium of a big symmetric preference game (K above DENSE_SIMPLEX_MAX_K in
 * equilibrium.ts): guess the candidate actions, solve the game restricted to them exactly, and
 * certify the result on the whole game (a double oracle with a good first guess).
 *
 *  1. Candidates: a few hundred iterations of regret matching+ with alternation (two matrix-vector
 *     products each) give an average x̄ with exploitability ε ≈ 1e-5; C = {j : (Ax̄)_j ≥ −30ε} ∪
 *     {j : x̄_j > 0.1/K}, with A = P − ½. On random games C holds every action of the support
 *     (about K/2 of them) and a few percent more.
 *  2. The subgame on C: the LP of equilibrium.ts on C × C by the steepest-edge simplex of lp.ts,
 *     its pricing leaning towards the columns x̄ weighs most (about 1.5·|C| pivots of |C|² each:
 *     at K = 1,024 a pivot is a seventh of a dense-simplex pivot on the whole game, ~800 of them
 *     where the whole game's dense simplex would take tens of thousands).
 *  3. Certificate: x (the subgame's equilibrium, zero off C) is an equilibrium of the whole game
 *     iff no action beats it, max_j (Px)_j ≤ ½; checked on all K actions to ACTIVE_SET_TOLERANCE.
 *     Actions that beat it join C and step 2 runs again (C only grows, so this ends; after
 *     MAX_ROUNDS the caller solves the whole game's LP instead). Where the simplex's rounding
 *     piled up (exploitability above POLISH_ABOVE: 1e-13 on a 1,024-action game with many tied
 *     preferences) one linear solve on the support polishes x first.
 * The answer is an exact equilibrium (to rounding), the same point as the whole game's LP when the
 * equilibrium is unique.
 */
import type { Game } from './game';
import { simplexMaxLeqSteepestEdge } from './lp';
import { matVec, solveLinear } from './numeric';

export interface ActiveSetResult {
  policy: Float64Array;
  /** max_j (Pπ)_j − ½ (at least 0): the certificate. */
  exploitability: number;
  /** Subgames solved (1 when the first candidates held the support). */
  rounds: number;
  /** Simplex pivots over all rounds. */
  pivots: number;
  /** Actions in the last subgame. */
  candidates: number;
}

/** Exploitability a result must reach to be accepted: rounding (the LPs land near 1e-15). */
export const ACTIVE_SET_TOLERANCE = 1e-12;
/** Regret-matching iterations behind the first candidates (2 K² multiply-adds each). */
export const GUESS_ITERATIONS = 300;
/** Candidates: win rate within this many exploitabilities of x̄ of ½ (see the file comment). */
const GUESS_SLACK = 30;
const MAX_ROUNDS = 20;
/** Above this exploitability the subgame's answer is polished on its support (see above). */
const POLISH_ABOVE = 1e-14;
/** Steepest-edge scores of the subgame's columns are scaled by 1 + PRIOR_SCALE·|C|·x̄_j. */
const PRIOR_SCALE = 10;

/**
 * Regret matching+ with alternation and linearly weighted averages, the two players of the
 * symmetric game playing each other; returns the mean of their averages.
 */
export function alternatingRegretMatching(game: Game, iterations: number): Float64Array {
  const { K, P } = game;
  const rx = new Float64Array(K);
  const ry = new Float64Array(K);
  const x = new Float64Array(K).fill(1 / K);
  const y = new Float64Array(K).fill(1 / K);
  const avg = new Float64Array(K);
  const g = new Float64Array(K);
  let weights = 0;
  const update = (r: Float64Array, p: Float64Array, opponent: Float64Array): void => {
    matVec(P, opponent, K, g);
    let value = 0;
    for (let i = 0; i < K; i++) value += p[i]! * g[i]!;
    let total = 0;
    for (let i = 0; i < K; i++) {
      const ri = r[i]! + g[i]! - value;
      r[i] = ri > 0 ? ri : 0;
      total += r[i]!;
    }
    for (let i = 0; i < K; i++) p[i] = total > 0 ? r[i]! / total : 1 / K;
  };
  for (let t = 1; t <= iterations; t++) {
    update(rx, x, y);
    update(ry, y, x);
    for (let i = 0; i < K; i++) avg[i] = avg[i]! + t * (x[i]! + y[i]!);
    weights += 2 * t;
  }
  for (let i = 0; i < K; i++) avg[i] = avg[i]! / weights;
  return avg;
}

/**
 * An equilibrium of the game restricted to the actions C (as the whole game's LP in
 * equilibrium.ts: max 1ᵀw s.t. (2P − 1 + 2)_{C,C} w ≤ 1, w ≥ 0, y = w / Σw), or null.
 */
function subgameEquilibrium(
  game: Game,
  C: readonly number[],
  guess: Float64Array,
): { x: Float64Array; pivots: number } | null {
  const { K, P } = game;
  const n = C.length;
  const M = new Float64Array(n * n);
  for (let r = 0; r < n; r++) {
    const row = C[r]! * K;
    for (let c = 0; c < n; c++) M[r * n + c] = 2 * P[row + C[c]!]! - 1 + 2;
  }
  const ones = new Float64Array(n).fill(1);
  // Columns the guess weighs more enter first: ~1.5·n pivots instead of ~2.5·n (K = 1,024).
  const prior = Float64Array.from(C, (j) => 1 + PRIOR_SCALE * n * guess[j]!);
  const result = simplexMaxLeqSteepestEdge(ones, M, ones, n, n, undefined, prior);
  if (result.status !== 'optimal') return null;
  let total = 0;
  for (let i = 0; i < n; i++) total += result.x[i]!;
  if (!(total > 0)) return null;
  return { x: result.x.map((w) => w / total), pivots: result.pivots };
}

/** The β = 0 equilibrium with its certificate, or null when it did not certify (see above). */
export function solveByActiveSet(
  game: Game,
  guessIterations = GUESS_ITERATIONS,
): ActiveSetResult | null {
  const { K, P } = game;
  const average = alternatingRegretMatching(game, guessIterations);
  const g = matVec(P, average, K, new Float64Array(K));
  let epsilon = 0;
  for (let j = 0; j < K; j++) epsilon = Math.max(epsilon, g[j]! - 0.5);
  const inC = new Uint8Array(K);
  for (let j = 0; j < K; j++)
    if (g[j]! - 0.5 >= -GUESS_SLACK * epsilon || average[j]! > 0.1 / K) inC[j] = 1;

  let pivots = 0;
  const policy = new Float64Array(K);
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const C: number[] = [];
    for (let j = 0; j < K; j++) if (inC[j]) C.push(j);
    const sub = subgameEquilibrium(game, C, average);
    if (!sub) return null;
    pivots += sub.pivots;
    policy.fill(0);
    C.forEach((j, r) => (policy[j] = sub.x[r]!));
    matVec(P, policy, K, g);
    let exploitability = 0;
    let beaten = false;
    for (let j = 0; j < K; j++) {
      const gain = g[j]! - 0.5;
      exploitability = Math.max(exploitability, gain);
      if (gain > ACTIVE_SET_TOLERANCE && !inC[j]) {
        inC[j] = 1;
        beaten = true;
      }
    }
    if (!beaten) {
      // Not beaten from outside C; inside, the subgame's LP is exact unless rounding piled up.
      if (exploitability > POLISH_ABOVE) {
        const polished = polishOnSupport(game, policy);
        if (polished && polished.exploitability < exploitability) {
          policy.set(polished.policy);
          exploitability = polished.exploitability;
        }
      }
      return exploitability <= ACTIVE_SET_TOLERANCE
        ? { policy, exploitability, rounds: round, pivots, candidates: C.length }
        : null;
    }
  }
  return null;
}

/**
 * The equalizer on x's support S: y with (Py)_i = v on S, Σy = 1, y = 0 off S (one elimination
 * of an (|S| + 1)² system); null where the system is singular (the equilibrium is not unique
 * there) or y is no distribution: an entry below 0, or with `positive` an entry not above 0.
 * Shared with the bootstrap's warm start (supportEquilibrium in equilibrium.ts).
 */
export function equalizerOnSupport(
  game: Game,
  x: Float64Array,
  positive = false,
): Float64Array | null {
  const { K, P } = game;
  const S: number[] = [];
  for (let i = 0; i < K; i++) if (x[i]! > 0) S.push(i);
  const n = S.length + 1;
  const A = new Float64Array(n * n);
  const b = new Float64Array(n);
  S.forEach((i, r) => {
    S.forEach((j, c) => (A[r * n + c] = P[i * K + j]!));
    A[r * n + n - 1] = -1;
    A[(n - 1) * n + r] = 1;
  });
  b[n - 1] = 1;
  const solution = solveLinear(A, b, n);
  if (!solution) return null;
  const policy = new Float64Array(K);
  for (let r = 0; r < S.length; r++) {
    const y = solution[r]!;
    if (positive ? !(y > 0) : !(y >= 0)) return null;
    policy[S[r]!] = y;
  }
  return policy;
}

/** The equalizer on x's support with its exploitability, or null (see equalizerOnSupport). */
function polishOnSupport(
  game: Game,
  x: Float64Array,
): { policy: Float64Array; exploitability: number } | null {
  const { K, P } = game;
  const policy = equalizerOnSupport(game, x);
  if (!policy) return null;
  const g = matVec(P, policy, K, new Float64Array(K));
  let exploitability = 0;
  for (let j = 0; j < K; j++) exploitability = Math.max(exploitability, g[j]! - 0.5);
  return { policy, exploitability };
}
