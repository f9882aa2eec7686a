/**
 * The one store (zustand), in slices: the experiment (the field table's values and the actions
 * that change them), the computed race, the playback cursor, the GPU-scale views, the
 * annotator-population builder, the tour with its lessons, and how the page is shown (present
 * mode, theme, isolated line). Components select what they draw; effects read it transiently.
 */
import { create } from 'zustand';
import { createExperimentSlice, type ExperimentSlice } from './slices/experiment';
import { createPinsSlice, type PinsSlice } from './slices/pins';
import { createPlaybackSlice, type PlaybackSlice } from './slices/playback';
import { createPopulationSlice, type PopulationSlice } from './slices/population';
import { createRaceSlice, type RaceSlice } from './slices/race';
import { createTourSlice, type TourSlice } from './slices/tour';
import { createUiSlice, type UiSlice } from './slices/ui';
import { createViewsSlice, type ViewsSlice } from './slices/views';

export type AppState = ExperimentSlice &
  RaceSlice &
  PlaybackSlice &
  ViewsSlice &
  PopulationSlice &
  TourSlice &
  UiSlice &
  PinsSlice;

export const useStore = create<AppState>()((...a) => ({
  ...createExperimentSlice(...a),
  ...createRaceSlice(...a),
  ...createPlaybackSlice(...a),
  ...createViewsSlice(...a),
  ...createPopulationSlice(...a),
  ...createTourSlice(...a),
  ...createUiSlice(...a),
  ...createPinsSlice(...a),
}));

export { APP_DEFAULT_SAMPLES } from './slices/experiment';
export { SPEEDS } from './slices/playback';
export { DEFAULT_EXPERIMENT, DEFAULT_SOLVERS } from './fields';
