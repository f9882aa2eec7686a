/** The computed race: what the engine answered for the current experiment, and its progress. */
import type { Race } from '../../experiment/race';
import type { Slice } from './types';

export interface RaceProgress {
  /** Fraction done, 0 … 1. */
  fraction: number;
  /** Seconds left, estimated from the rate so far (null until there is a rate). */
  secondsLeft: number | null;
}

export interface RaceSlice {
  race: Race | null;
  /**
   * Counts the changes that call for a new race (a `restarts` field changed: src/state/store.ts);
   * the race runner computes one race per value.
   */
  raceRequest: number;
  /** A race is being computed for the current experiment (the one shown may be older). */
  computing: boolean;
  progress: RaceProgress | null;
  /** Why the last race could not be computed. */
  error: string | null;
  setRace(race: Race): void;
  setError(message: string | null): void;
  setComputing(computing: boolean): void;
  setProgress(progress: RaceProgress | null): void;
}

export const createRaceSlice: Slice<RaceSlice> = (set) => ({
  race: null,
  raceRequest: 0,
  computing: false,
  progress: null,
  error: null,
  setRace: (race) => set({ race, computing: false, progress: null, error: null, t: 0 }),
  setError: (error) => set({ error, computing: false, progress: null }),
  setComputing: (computing) => set({ computing }),
  setProgress: (progress) => set({ progress }),
});
