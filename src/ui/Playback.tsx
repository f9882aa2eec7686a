import { useState } from 'react';
import { SPEEDS, useStore } from '../state/store';
import { currentLink } from './persistence';
import { download, runDocuments } from '../state/exports';

/** Puts the experiment in the address bar and on the clipboard. */
function ShareButton() {
  const [status, setStatus] = useState('');
  const share = async (): Promise<void> => {
    const link = currentLink();
    history.replaceState(null, '', link);
    try {
      await navigator.clipboard.writeText(link);
      setStatus('Link copied');
    } catch {
      setStatus('Link in the address bar');
    }
  };
  return (
    <>
      <button type="button" onClick={() => void share()}>
        Share link
      </button>
      <span role="status" className="share-status">
        {status}
      </span>
    </>
  );
}

/** Play/Pause, Step, Reset, speed, the iteration count and the engine in use. */
export function Playback() {
  const playing = useStore((s) => s.playing);
  const t = useStore((s) => s.t);
  const budget = useStore((s) => s.budget);
  const speed = useStore((s) => s.speed);
  const race = useStore((s) => s.race);
  const computing = useStore((s) => s.computing);
  const { togglePlay, step, reset, setSpeed } = useStore.getState();
  return (
    <section className="playback" aria-label="Playback">
      <button type="button" onClick={togglePlay} disabled={!race}>
        {playing ? 'Pause' : 'Play'}
      </button>
      <button type="button" onClick={step} disabled={!race}>
        Step
      </button>
      <button type="button" onClick={reset} disabled={!race}>
        Reset
      </button>
      <label>
        Speed{' '}
        <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
          {SPEEDS.map((v) => (
            <option key={v} value={v}>
              {v}×
            </option>
          ))}
        </select>
      </label>
      <ShareButton />
      <button
        type="button"
        onClick={() =>
          download(
            'nash-playground-runs.json',
            `${JSON.stringify(runDocuments({ ...useStore.getState() }), null, 2)}\n`,
          )
        }
      >
        Export JSON
      </button>
      <span aria-live="polite" className="iteration">
        Iteration {t} / {budget}
      </span>
      <span className="engine" title="The engine and backend that computed this race">
        {computing
          ? 'computing…'
          : race
            ? `${race.engine} · ${race.backend} · ${race.computeMs.toFixed(0)} ms${race.seeds > 1 ? ` · ${race.seeds} seeds × ${race.traces.length} · every ${race.every === 1 ? '' : `${race.every}th `}iteration kept · ${(race.resultBytes / 1e6).toFixed(1)} MB` : ''}`
            : ''}
      </span>
    </section>
  );
}

/** Only Play/Pause (classroom links that show nothing else to press). */
export function PlayButton() {
  const playing = useStore((s) => s.playing);
  const race = useStore((s) => s.race);
  return (
    <section className="playback" aria-label="Playback">
      <button type="button" onClick={() => useStore.getState().togglePlay()} disabled={!race}>
        {playing ? 'Pause' : 'Play'}
      </button>
    </section>
  );
}
