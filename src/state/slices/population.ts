/** The annotator-population builder: groups as typed, and applying their aggregate as the matrix. */
import {
  defaultPopulation,
  evaluatePopulation,
  fitPopulation,
  populationGameText,
  type PopulationDraft,
} from '../../experiment/population';
import { DEFAULT_EXPERIMENT } from '../fields';
import type { Slice } from './types';

export interface PopulationSlice {
  /**
   * The builder's groups as typed. Not part of the share link or the autosave: it is a tool for
   * making a matrix, and the matrix it applies is what travels.
   */
  population: PopulationDraft;
  /** The builder is open (a lesson slide can open it). */
  populationOpen: boolean;
  setPopulationOpen(open: boolean): void;
  /** Edits the builder's groups (the draft is first fitted to the game's K). */
  editPopulation(change: (population: PopulationDraft) => PopulationDraft): void;
  /**
   * Sets the game's matrix to the population's aggregate, through the matrix editor's draft (same
   * validation, same in-place errors); labels, μ and π₀ stay. Invalid populations change nothing.
   */
  applyPopulation(): void;
}

export const createPopulationSlice: Slice<PopulationSlice> = (set, get) => ({
  population: defaultPopulation(DEFAULT_EXPERIMENT.game.K),
  populationOpen: false,
  setPopulationOpen: (populationOpen) => set({ populationOpen }),
  editPopulation: (change) =>
    set(({ population, game }) => ({ population: change(fitPopulation(population, game.K)) })),
  applyPopulation: () => {
    const { population, game, editDraft } = get();
    const fitted = fitPopulation(population, game.K);
    const result = evaluatePopulation(fitted, game.actions);
    if (!result.ok) return;
    set({ population: fitted });
    editDraft((d) => ({
      ...d,
      ...populationGameText(fitted),
      // Full precision, so that P[i][j] + P[j][i] = 1 holds exactly in the validator too.
      cells: result.P.map((row) => row.map(String)),
    }));
  },
});
