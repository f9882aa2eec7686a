import { MAX_SAMPLES, MAX_SEED, type QueryKind } from '../core/sampling';
import { SEED_CHOICES } from '../experiment/race';
import { useStore } from '../state/store';
import { NumberField } from './NumberField';

/**
 * Preference queries for every solver: exact Pπ, or a noisy model with n samples per query and a
 * seed — self-play comparisons (`sampled`), or the EGPO authors' uniform pairs against opponents
 * drawn from π with the exact entries (`pairs`) or Bernoulli verdicts (`pairs-binary`);
 * a noisy race runs `seeds` seeds per solver (seed, seed + 1, …) and the charts show the median
 * and the interquartile band. Refused values say why; the previous model keeps running.
 */
export function QueryControls() {
  const model = useStore((s) => s.queries);
  const seeds = useStore((s) => s.seeds);
  const errors = useStore((s) => s.fieldErrors);
  const { setQueryKind, setField } = useStore.getState();
  return (
    <fieldset className="queries">
      <legend>Preference queries</legend>
      <label>
        Query model{' '}
        <select
          aria-label="Query model"
          value={model.kind}
          onChange={(e) => setQueryKind(e.target.value as QueryKind)}
        >
          <option value="exact">exact (Pπ)</option>
          <option value="sampled">sampled comparisons</option>
          <option value="pairs">uniform pairs vs π (entries)</option>
          <option value="pairs-binary">uniform pairs vs π (verdicts)</option>
        </select>
      </label>
      {model.kind !== 'exact' && (
        <>
          <SamplingField field="samples" label="Samples per query" min={1} max={MAX_SAMPLES} />
          <SamplingField field="seed" label="Seed" min={0} max={MAX_SEED} />
          <label>
            Seeds{' '}
            <select
              aria-label="Seeds"
              value={seeds}
              onChange={(e) => setField('seeds', Number(e.target.value))}
            >
              {SEED_CHOICES.map((n) => (
                <option key={n} value={n}>
                  {n} per solver
                </option>
              ))}
            </select>
          </label>
          {errors.seeds && (
            <span role="alert" className="param-error">
              {errors.seeds}
            </span>
          )}
        </>
      )}
    </fieldset>
  );
}

/** An integer of the noisy model (samples per query, seed), named alike on screen and to readers. */
function SamplingField({
  field,
  label,
  min,
  max,
}: {
  field: 'samples' | 'seed';
  label: string;
  min: number;
  max: number;
}) {
  const value = useStore((s) => s.sampling[field]);
  const error = useStore((s) => s.fieldErrors[field]);
  const setSampling = useStore((s) => s.setSampling);
  return (
    <NumberField
      label={label}
      ariaLabel={label}
      value={value}
      min={min}
      max={max}
      step={1}
      error={error}
      onCommit={(v) => setSampling(field, v ?? NaN)}
    />
  );
}
