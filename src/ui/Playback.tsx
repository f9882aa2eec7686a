import { useState } from 'react';
import { ordinal } from '../core/text';
import { exportFileName, raceCsv, runDocuments } from '../experiment/exports';
import { MAX_BUDGET } from '../state/fields';
import { SPEEDS, useStore } from '../state/store';
import { download } from './download';
import { NumberField } from './NumberField';
import { PinsCsvButton } from './panels/Pins';
import { currentLink, LINK_PREFIX, linkRefusal } from './persistence';
import { progressText } from './progressText';
import { cancelRace } from './raceRunner';
import { ReproduceButton } from './Reproduce';

/** Puts the experiment in the address bar and on the clipboard. */
function ShareButton() {
  const [status, setStatus] = useState('');
  const share = async (): Promise<void> => {
    const link = currentLink();
    const refusal = linkRefusal(link.slice(link.indexOf(LINK_PREFIX) + LINK_PREFIX.length));
    if (refusal) {
      setStatus(`No link: ${refusal}`);
      return;
    }
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

/** Play/Pause, Step, Reset, speed, the iteration shown, and the progress of a race computing. */
export function Playback() {
  const playing = useStore((s) => s.playing);
  const t = useStore((s) => s.t);
  const budget = useStore((s) => s.budget);
  const speed = useStore((s) => s.speed);
  const race = useStore((s) => s.race);
  const computing = useStore((s) => s.computing);
  const progress = useStore((s) => s.progress);
  const { togglePlay, step, reset, setField } = useStore.getState();
  return (
    <section className="playback" aria-label="Playback">
      <button type="button" className="primary" onClick={togglePlay} disabled={!race}>
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
        <select value={speed} onChange={(e) => setField('speed', Number(e.target.value))}>
          {SPEEDS.map((v) => (
            <option key={v} value={v}>
              {v}×
            </option>
          ))}
        </select>
      </label>
      <span aria-live="polite" className="iteration">
        Iteration {t} / {budget}
      </span>
      {computing && progress && (
        <>
          <progress
            className="race-progress"
            aria-label="Computing the race"
            max={1}
            value={progress.fraction}
          />
          <button
            type="button"
            title="Stop computing: the race shown stays (if there is one)"
            onClick={() => {
              cancelRace();
              useStore.getState().setComputing(false);
              useStore.getState().setProgress(null);
            }}
          >
            Cancel
          </button>
        </>
      )}
    </section>
  );
}

/**
 * The race as a whole: its budget, the share link, the exports (runs as JSON, the race as CSV)
 * and the engine line.
 */
export function RaceActions() {
  const budget = useStore((s) => s.budget);
  const race = useStore((s) => s.race);
  const budgetError = useStore((s) => s.fieldErrors.budget);
  const setField = useStore((s) => s.setField);
  return (
    <section className="race-actions" aria-label="Race">
      <NumberField
        label="Iterations"
        ariaLabel="Iterations"
        title="Iterations per race (the budget of every solver)"
        value={budget}
        min={1}
        max={MAX_BUDGET}
        step={1}
        integer
        error={budgetError}
        onCommit={(v) => setField('budget', v ?? NaN)}
      />
      <ShareButton />
      <button
        type="button"
        onClick={() => {
          const state = useStore.getState();
          download(
            exportFileName(state, 'runs', 'json'),
            `${JSON.stringify(runDocuments(state, state.race), null, 2)}\n`,
          );
        }}
      >
        Export JSON
      </button>
      <button
        type="button"
        disabled={!race}
        onClick={() =>
          race &&
          download(
            exportFileName({ ...useStore.getState(), ...race.settings }, 'race', 'csv'),
            raceCsv(race, useStore.getState().epsilon),
            'text/csv',
          )
        }
      >
        Export CSV
      </button>
      <PinsCsvButton />
      <ReproduceButton />
      <EngineLine />
    </section>
  );
}

/**
 * Which engine and backend computed the race, how long it took, and the WebGPU adapter the
 * browser reports (the GPU engines' device, whichever engine ran this race).
 */
function EngineLine() {
  const race = useStore((s) => s.race);
  const computing = useStore((s) => s.computing);
  const progress = useStore((s) => s.progress);
  const adapter = useStore((s) => s.adapter);
  return (
    <p className="engine-line">
      <span className="engine" title="The engine and backend that computed this race">
        {computing
          ? progress
            ? `computing… ${progressText(progress)}`
            : 'computing…'
          : race
            ? `${race.engine} · ${race.backend} · ${race.computeMs.toFixed(0)} ms${race.seeds > 1 ? ` · ${race.seeds} seeds × ${race.traces.length} · every ${race.every === 1 ? '' : `${ordinal(race.every)} `}iteration kept · ${(race.resultBytes / 1e6).toFixed(1)} MB` : ''}`
            : ''}
      </span>
      {adapter && (
        <span className="adapter" title="The GPU adapter WebGPU reports in this browser">
          {' '}
          · {adapter}
        </span>
      )}
    </p>
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
