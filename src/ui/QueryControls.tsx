import { useEffect, useState } from 'react';
import { MAX_SAMPLES, MAX_SEED } from '../core/sampling';
import { SEED_CHOICES } from '../state/race';
import { useStore } from '../state/store';

/** A number field that keeps what was typed (even when refused) and follows the store otherwise. */
function NumberField({
  label,
  value,
  min,
  max,
  error,
  onChange,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  error: string | undefined;
  onChange: (value: number) => void;
}) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const id = `query-${label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <label>
      {label}{' '}
      <input
        type="number"
        min={min}
        max={max}
        step={1}
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value.trim() === '' ? NaN : Number(e.target.value));
        }}
      />
      {error && (
        <span id={`${id}-error`} role="alert" className="param-error">
          {error}
        </span>
      )}
    </label>
  );
}

/**
 * Preference queries for every solver: exact Pπ, or n sampled comparisons per query with a seed;
 * a sampled race runs `seeds` seeds per solver (seed, seed + 1, …) and the charts show the median
 * and the interquartile band. Refused values say why; the previous model keeps running.
 */
export function QueryControls() {
  const model = useStore((s) => s.queryModel);
  const sampling = useStore((s) => s.sampling);
  const seeds = useStore((s) => s.seeds);
  const errors = useStore((s) => s.queryErrors);
  const { setQueryKind, setSampling, setSeeds } = useStore.getState();
  return (
    <fieldset className="queries">
      <legend>Preference queries</legend>
      <label>
        Query model{' '}
        <select
          aria-label="Query model"
          value={model.kind}
          onChange={(e) => setQueryKind(e.target.value as 'exact' | 'sampled')}
        >
          <option value="exact">exact (Pπ)</option>
          <option value="sampled">sampled comparisons</option>
        </select>
      </label>
      {model.kind === 'sampled' && (
        <>
          <NumberField
            label="Samples per query"
            value={sampling.samples}
            min={1}
            max={MAX_SAMPLES}
            error={errors.samples}
            onChange={(v) => setSampling('samples', v)}
          />
          <NumberField
            label="Seed"
            value={sampling.seed}
            min={0}
            max={MAX_SEED}
            error={errors.seed}
            onChange={(v) => setSampling('seed', v)}
          />
          <label>
            Seeds{' '}
            <select
              aria-label="Seeds"
              value={seeds}
              onChange={(e) => setSeeds(Number(e.target.value))}
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
