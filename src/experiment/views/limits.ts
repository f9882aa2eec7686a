/**
 * How much a view may ask of the engines at once on a big game (issue 25). Each iteration of
 * each member costs about K² multiply-adds (its preference queries), so a sweep of 32 × 33
 * settings × 2,000 iterations that takes a moment at K = 3 would be ~10¹³ at K = 1,024: hours on
 * a CPU. Above a work budget a view runs a smaller grid, then fewer iterations, and says so.
 * The budget is about what two loaded CPU cores do in half a minute (the rows in docs/engines.md,
 * "Views on big games"); a GPU does it in a fraction of that.
 */
import { directNewtonMinBeta } from '../../core/equilibrium';
import { RACE_NASH_MAX_K } from '../race';

/** Members × iterations × K² a view may run in one go. */
export const VIEW_MAX_WORK = 1e10;

/** The sweep's grid sizes, largest first: the first whose work fits is taken. */
export const SWEEP_SIZES = [32, 16, 8, 4] as const;

/** Fewest iterations a limited view runs (fewer says little about where a run is heading). */
export const VIEW_MIN_STEPS = 50;

/** A limited view's samples: enough for its progress bar to move (the engines report per sample). */
export const LIMITED_SAMPLES = 10;

export interface ViewLimit {
  /** Iterations each member runs (the budget, or fewer). */
  steps: number;
  /** Iterations between samples: all of `steps` unless limited (then ~LIMITED_SAMPLES samples). */
  every: number;
  /** Whether anything is smaller than the app's settings ask for. */
  limited: boolean;
}

export interface SweepLimit extends ViewLimit {
  /** η and β values per axis. */
  size: number;
  /**
   * Whether the row at β = 0 is run: up to RACE_NASH_MAX_K (every game the app takes), since the
   * active set solves that equilibrium in seconds at K = 1,024.
   */
  zeroRow: boolean;
  /**
   * The smallest β of the grid: SWEEP_BETA's 10⁻³, or above SMALL_BETA_MAX_K the smallest β whose
   * π*_β Newton solves directly (directNewtonMinBeta, one significant digit up): 0.02 at
   * K = 1,024, where π*_β at 10⁻³ and 10⁻² took ~50 s each.
   */
  betaMin: number;
}

/** Members × iterations × K²: the multiply-adds of a batch's preference queries, roughly. */
export function viewWork(K: number, members: number, steps: number): number {
  return members * steps * K * K;
}

/** The most iterations `members` may run within the budget, in tens, at least VIEW_MIN_STEPS. */
function stepsWithin(K: number, members: number, budget: number): number {
  const fit = Math.floor(VIEW_MAX_WORK / (members * K * K) / 10) * 10;
  return Math.min(budget, Math.max(VIEW_MIN_STEPS, fit));
}

function sampled(steps: number, limited: boolean): number {
  return limited ? Math.max(1, Math.ceil(steps / LIMITED_SAMPLES)) : steps;
}

/**
 * The sweep's grid and iterations for `solvers` sweepable solvers on a K-action game: 32 × 32
 * and the β = 0 row at the budget where that fits VIEW_MAX_WORK, else the largest grid that
 * fits, else the smallest grid with fewer iterations.
 */
export function sweepLimit(K: number, solvers: number, budget: number): SweepLimit {
  const zeroRow = K <= RACE_NASH_MAX_K;
  const smallBeta = K <= SMALL_BETA_MAX_K;
  const cells = (n: number): number => Math.max(1, solvers) * n * (n + (zeroRow ? 1 : 0));
  const size =
    SWEEP_SIZES.find((n) => viewWork(K, cells(n), budget) <= VIEW_MAX_WORK) ??
    SWEEP_SIZES[SWEEP_SIZES.length - 1]!;
  const steps = stepsWithin(K, cells(size), budget);
  const betaMin = smallBeta
    ? SWEEP_BETA_MIN
    : Math.max(SWEEP_BETA_MIN, upOneDigit(directNewtonMinBeta(K)));
  const limited = size < SWEEP_SIZES[0] || steps < budget || !zeroRow || betaMin > SWEEP_BETA_MIN;
  return { size, zeroRow, betaMin, steps, every: sampled(steps, limited), limited };
}

/**
 * Games up to this many actions sweep β down to 10⁻³: their π*_β at small β (the continuation from
 * β = 1) takes about a second; at K = 1,024 it takes most of a minute per β.
 */
export const SMALL_BETA_MAX_K = 256;

/** SWEEP_BETA's lower end (sweep.ts imports this module, so the number is repeated here). */
export const SWEEP_BETA_MIN = 1e-3;

/** `x` rounded up to one significant digit (0.01715 → 0.02). */
export function upOneDigit(x: number): number {
  const unit = 10 ** Math.floor(Math.log10(x));
  return Number((Math.ceil(x / unit - 1e-9) * unit).toPrecision(1));
}

/** Tune η's steps tried, most first. */
export const TUNE_SIZES = [64, 32, 16, 8] as const;

export interface TuneLimit extends ViewLimit {
  /** Constant steps η tried per solver. */
  points: number;
}

/**
 * Tune η runs its sweep of `points` steps per solver and then two races of the solvers, all at
 * `steps` iterations: the most points, then the most iterations, that fit VIEW_MAX_WORK.
 */
export function tuneLimit(K: number, solvers: number, budget: number): TuneLimit {
  const members = (points: number): number => Math.max(1, solvers) * (points + 2);
  const points =
    TUNE_SIZES.find((n) => viewWork(K, members(n), budget) <= VIEW_MAX_WORK) ??
    TUNE_SIZES[TUNE_SIZES.length - 1]!;
  const steps = stepsWithin(K, members(points), budget);
  const limited = points < TUNE_SIZES[0] || steps < budget;
  return { points, steps, every: sampled(steps, limited), limited };
}

/**
 * What a limited view says under its title ("K = 1,024 actions: 4 × 4 settings instead of
 * 32 × 32, 110 of the 2,000 iterations, …"); null when it runs what the settings ask. `smaller`:
 * the view's own reductions, in words.
 */
export function limitNote(
  K: number,
  budget: number,
  limit: ViewLimit,
  smaller: readonly string[] = [],
): string | null {
  if (!limit.limited) return null;
  const parts = [
    ...smaller,
    ...(limit.steps < budget ? [`${fmt(limit.steps)} of the ${fmt(budget)} iterations`] : []),
  ];
  return `K = ${fmt(K)} actions: ${parts.join(', ')}, to finish in about a minute without a GPU.`;
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}
