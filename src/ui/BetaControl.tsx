import { useMemo } from 'react';
import { BETA_MAX } from '../core/solvers';
import { isUniqueEquilibrium } from '../core/uniqueness';
import { beginStep, endStep } from '../state/history';
import { useStore } from '../state/store';
import { NumberField } from './NumberField';

/** Slider positions: log10 β from 10⁻³ to 10², and one stop below for β = 0. */
const LOG_MIN = -3;
const LOG_MAX = Math.log10(BETA_MAX);
const ZERO_STOP = LOG_MIN - 0.5;

function sliderOf(beta: number): number {
  return beta > 0 ? Math.max(LOG_MIN, Math.log10(beta)) : ZERO_STOP;
}

function betaOf(position: number): number {
  return position <= ZERO_STOP ? 0 : +(10 ** position).toPrecision(3);
}

/** The scale's marks, at their slider positions (0 … 1 of the track). */
const MARKS = [
  { text: '0', at: ZERO_STOP },
  { text: '10⁻²', at: -2 },
  { text: '1', at: 0 },
  { text: '100', at: LOG_MAX },
].map((m) => ({ ...m, at: (m.at - ZERO_STOP) / (LOG_MAX - ZERO_STOP) }));

/**
 * β over the core's whole range: a log slider (its far left is β = 0, the unregularized game,
 * reached in one gesture) and an exact number field, both named "β".
 */
export function BetaControl() {
  const beta = useStore((s) => s.beta);
  const setBeta = useStore((s) => s.setBeta);
  const error = useStore((s) => s.fieldErrors.beta);
  const race = useStore((s) => s.race);
  const unique = useMemo(
    // A big race's first look solves no β = 0 LP (nash is NaN): nothing to say about uniqueness.
    () =>
      race && race.nash.every(Number.isFinite)
        ? isUniqueEquilibrium(race.settings.game, race.nash)
        : false,
    [race],
  );
  return (
    <div className="beta">
      <label htmlFor="beta-slider">KL strength β (far left: 0, unregularized)</label>
      <div className="beta-inputs">
        <div className="beta-slider">
          <input
            id="beta-slider"
            type="range"
            aria-label="β"
            aria-valuetext={beta === 0 ? 'β = 0, unregularized' : `β = ${beta}`}
            min={ZERO_STOP}
            max={LOG_MAX}
            step={0.05}
            value={sliderOf(beta)}
            onChange={(e) => setBeta(betaOf(Number(e.target.value)))}
            // One drag is one undo step: it opens on the press and closes on the release.
            onPointerDown={dragAsOneStep}
          />
          <div className="beta-scale" aria-hidden="true">
            {MARKS.map((m) => (
              <span key={m.text} style={{ left: `${m.at * 100}%` }} data-edge={edgeOf(m.at)}>
                {m.text}
              </span>
            ))}
          </div>
        </div>
        <NumberField
          label=""
          ariaLabel="β"
          min={0}
          max={BETA_MAX}
          value={beta}
          error={error}
          onCommit={(v) => setBeta(v ?? NaN)}
        />
      </div>
      {beta === 0 && (
        <p className="hint">
          β = 0: the unregularized game. KL is measured to the β = 0 equilibrium π*₀
          {unique ? ', the only one of this game' : ': this game has several, so KL is not drawn'};
          exploitability is the headline.
        </p>
      )}
    </div>
  );
}

/** Marks at the track's ends are aligned to them, so they stay inside the panel. */
function edgeOf(at: number): 'start' | 'end' | undefined {
  return at <= 0 ? 'start' : at >= 1 ? 'end' : undefined;
}

/** Every β of one drag joins one undo step, until the pointer is released anywhere. */
function dragAsOneStep(): void {
  beginStep();
  const release = (): void => {
    // The input's own change event follows the release in the same task: it belongs to the step.
    setTimeout(endStep, 0);
    window.removeEventListener('pointerup', release);
    window.removeEventListener('pointercancel', release);
  };
  window.addEventListener('pointerup', release);
  window.addEventListener('pointercancel', release);
}
