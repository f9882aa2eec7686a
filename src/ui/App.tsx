import type { Panel } from '../state/fields';
import { useStore } from '../state/store';
import { ChartsPanel } from './charts/ChartsPanel';
import { ErrorBoundary } from './ErrorBoundary';
import { GamePanel } from './GamePanel';
import { useKeyboard, usePlaybackLoop, useRaceUpdates, useViewUpdates } from './hooks';
import { Playback, PlayButton } from './Playback';
import { SolversPanel } from './SolversPanel';
import { TourButton } from './tour/TourButton';
import { TourMount } from './tour/TourMount';
import { ManyRunsPanel } from './views/ManyRunsPanel';

export function App() {
  useRaceUpdates();
  useViewUpdates();
  usePlaybackLoop();
  useKeyboard();
  const error = useStore((s) => s.error);
  const fallback = useStore((s) => s.race?.fallback);
  const notice = useStore((s) => s.notice);
  const panels = useStore((s) => s.panels);
  const show = (p: Panel): boolean => panels === null || panels.includes(p);
  return (
    <div className="app">
      <header>
        <h1>Nash Playground</h1>
        {panels === null && <TourButton />}
        <p>
          NLHF solvers racing on an intransitive preference game. Space plays, → steps, R resets.
        </p>
      </header>
      <TourMount />
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
      <div className="layout">
        {(show('game') || show('solvers')) && (
          <aside>
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
        <main>
          {show('playback') ? <Playback /> : panels?.includes('play') && <PlayButton />}
          <ErrorBoundary name="Charts">
            <ChartsPanel show={show} classroom={panels !== null} />
          </ErrorBoundary>
          {panels === null && (
            <ErrorBoundary name="Views">
              <ManyRunsPanel />
            </ErrorBoundary>
          )}
        </main>
      </div>
    </div>
  );
}
