/**
 * The one store (zustand), in slices: the experiment (the field table's values and the actions
 * that change them), the computed race, the playback cursor, the GPU-scale views, the
 * annotator-population builder, the tour with its lessons, and how the page is shown (present
 * mode, theme, isolated line). Components select what they draw; effects read it transiently.
 */
import { temporal } from 'zundo';
import { create } from 'zustand';
import { restartsBetween } from './fields';
import { attachHistory, historyOptions } from './history';
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

export const useStore = create<AppState>()(
  temporal(
    (set, get, api) => ({
      ...createExperimentSlice(set, get, api),
      ...createRaceSlice(set, get, api),
      ...createPlaybackSlice(set, get, api),
      ...createViewsSlice(set, get, api),
      ...createPopulationSlice(set, get, api),
      ...createTourSlice(set, get, api),
      ...createUiSlice(set, get, api),
      ...createPinsSlice(set, get, api),
    }),
    historyOptions<AppState>(),
  ),
);
attachHistory(useStore.temporal);

/**
 * The one place a change of the experiment restarts the race: when a field the table marks
 * `restarts` changes (by any action, a link, undo or a slide), the cursor goes back to 0 and the
 * race runner (useRaceUpdates) computes the race for the new request.
 */
useStore.subscribe((s, prev) => {
  if (restartsBetween(prev, s))
    useStore.setState(({ raceRequest }) => ({ t: 0, raceRequest: raceRequest + 1 }));
});

export { APP_DEFAULT_SAMPLES } from './slices/experiment';
export { SPEEDS } from './slices/playback';
export { DEFAULT_EXPERIMENT, DEFAULT_SOLVERS } from './fields';
