import type { Panel } from '../state/fields';
import { useStore } from '../state/store';
import { ChartsPanel } from './panels/ChartsPanel';
import { PolicyAreasSection } from './panels/PolicyAreasPanel';
import { ErrorBoundary } from './ErrorBoundary';
import { GamePanel } from './GamePanel';
import { PresentButton, ThemeToggle, UndoRedo } from './HeaderActions';
import { useKeyboard, usePlaybackLoop, useRaceUpdates, useViewUpdates } from './hooks';
import { Playback, PlayButton, RaceActions } from './Playback';
import { SolversPanel } from './SolversPanel';
import { LessonsButton } from './tour/LessonsButton';
import { PresentControls } from './tour/PresentControls';
import { TourButton } from './tour/TourButton';
import { TourMount } from './tour/TourMount';
import { ManyRunsPanel } from './views/ManyRunsPanel';

/**
 * The page: a header, the stage (playback and the charts, filling the first screen) and the
 * editing panels beside it on wide screens, below it on narrow ones; the GPU-scale views follow.
 * The stage comes first in the document, so a phone opens on the race; an open tour sits above
 * the editing panels, or above the stage where they are not beside it. Present mode hides the
 * editing panels and views and enlarges the charts.
 */
export function App() {
  useRaceUpdates();
  useViewUpdates();
  usePlaybackLoop();
  useKeyboard();
  const error = useStore((s) => s.error);
  const fallback = useStore((s) => s.race?.fallback);
  const notice = useStore((s) => s.notice);
  const panels = useStore((s) => s.panels);
  const presenting = useStore((s) => s.presenting);
  const show = (p: Panel): boolean => panels === null || panels.includes(p);
  const editing = !presenting && (show('game') || show('solvers'));
  return (
    <div className={presenting ? 'app presenting' : 'app'}>
      <header className="topbar">
        <div className="brand">
          <h1>Nash Playground</h1>
          {!presenting && (
            <p className="tagline">
              NLHF solvers racing on an intransitive preference game. Space plays, → or S steps (S
              while a tour is open), R resets, P presents.
            </p>
          )}
        </div>
        {/* A classroom link shows only the controls it names (P and Esc still present; no Tour). */}
        {panels === null && (
          <div className="top-actions">
            {!presenting && <UndoRedo />}
            <TourButton />
            <LessonsButton />
            {!presenting && <ThemeToggle />}
            <PresentButton />
          </div>
        )}
      </header>
      {error && (
        <div role="alert" className="error">
          {error}
        </div>
      )}
      {notice && (
        <div role="alert" className="notice">
          {notice}
        </div>
      )}
      {fallback && (
        <div role="status" className="notice">
          {fallback}
        </div>
      )}
      <div className={editing ? 'layout' : 'layout solo'}>
        {/* The tour: above the editing panels beside the stage, or above the stage alone. */}
        <div className="tour-slot">
          <TourMount />
        </div>
        <main>
          <div className="stage">
            {show('playback') ? <Playback /> : panels?.includes('play') && <PlayButton />}
            <PresentControls />
            <ErrorBoundary name="Charts">
              <ChartsPanel show={show} classroom={panels !== null} />
            </ErrorBoundary>
            {show('playback') && !presenting && <RaceActions />}
          </div>
          <ErrorBoundary name="Policy over time">
            <PolicyAreasSection />
          </ErrorBoundary>
          {panels === null && !presenting && (
            <ErrorBoundary name="Views">
              <ManyRunsPanel />
            </ErrorBoundary>
          )}
        </main>
        {editing && (
          <aside aria-label="Experiment">
            {show('game') && (
              <ErrorBoundary name="Game panel">
                <GamePanel />
              </ErrorBoundary>
            )}
            {show('solvers') && (
              <ErrorBoundary name="Solvers panel">
                <SolversPanel />
              </ErrorBoundary>
            )}
          </aside>
        )}
      </div>
    </div>
  );
}
