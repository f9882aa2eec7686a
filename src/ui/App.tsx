import { useStore } from '../state/store';
import { Charts } from './Charts';
import { ErrorBoundary } from './ErrorBoundary';
import { GamePanel } from './GamePanel';
import { useKeyboard, usePlaybackLoop, useRaceUpdates } from './hooks';
import { Playback } from './Playback';
import { SolversPanel } from './SolversPanel';

export function App() {
  useRaceUpdates();
  usePlaybackLoop();
  useKeyboard();
  const error = useStore((s) => s.error);
  const fallback = useStore((s) => s.race?.fallback);
  return (
    <div className="app">
      <header>
        <h1>Nash Playground</h1>
        <p>
          NLHF solvers racing on an intransitive preference game. Space plays, → steps, R resets.
        </p>
      </header>
      {error && (
        <div role="alert" className="error">
          {error}
        </div>
      )}
      {fallback && (
        <div role="status" className="notice">
          {fallback}
        </div>
      )}
      <div className="layout">
        <aside>
          <ErrorBoundary name="Game panel">
            <GamePanel />
          </ErrorBoundary>
          <ErrorBoundary name="Solvers panel">
            <SolversPanel />
          </ErrorBoundary>
        </aside>
        <main>
          <Playback />
          <ErrorBoundary name="Charts">
            <Charts />
          </ErrorBoundary>
        </main>
      </div>
    </div>
  );
}
