import { SPEEDS, useStore } from '../state/store';

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
      <span aria-live="polite" className="iteration">
        Iteration {t} / {budget}
      </span>
      <span className="engine" title="The engine and backend that computed this race">
        {computing
          ? 'computing…'
          : race
            ? `${race.engine} · ${race.backend} · ${race.computeMs.toFixed(0)} ms`
            : ''}
      </span>
    </section>
  );
}
