/**
 * The GPU-scale views: their ids (as links name them), their options, and what a computed view
 * holds. A view computes only while open; each result carries how and how fast it was computed.
 */
import type { Race } from '../race';
import type { ComputeInfo } from './runs';
import type { ViewSubject } from './subject';
import type { Tuned } from './tune';

/** `bootstrap`: the uncertainty of a game imported from comparisons (votes resampled). */
export const VIEW_IDS = ['flow', 'basins', 'sweep', 'fair', 'bootstrap'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

/** The ε choices of the basins map (KL(π*_β ‖ π_t) ≤ ε). */
export const BASIN_EPSILONS = [1e-2, 1e-4, 1e-6, 1e-8] as const;

/** A view's result for one solver, with the key and name the app shows it under. */
export type Labelled<T> = T & { key: string; name: string };

export interface Computed<T> {
  data: T;
  info: ComputeInfo;
}

export interface FairRace {
  tuned: Labelled<Tuned<ViewSubject>>[];
  /** The race with every solver's registry defaults (theory steps and schedules). */
  defaults: Race;
  /** The race with each best constant η, or the default where the default is faster. */
  tunedRace: Race;
  /** ε of "stays ≤ ε" (the app's; 1e-6 by default). */
  epsilon?: number;
}
