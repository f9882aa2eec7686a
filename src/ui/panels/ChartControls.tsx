import type { GAP_METRICS, ITERATES, RaceEngine, X_AXES } from '../../state/fields';
import { DEFAULT_EPSILON, epsilonText } from '../../experiment/hits';
import { useStore } from '../../state/store';
import { PinControls } from './Pins';

/** ε choices: one per decade, 1e-2 … 1e-12. */
export const EPSILON_CHOICES: readonly number[] = Array.from({ length: 11 }, (_, i) =>
  Number(`1e-${i + 2}`),
);

/** The race's engine choices, as the select names them. */
export const ENGINE_OPTIONS: readonly { value: RaceEngine; label: string }[] = [
  { value: 'auto', label: 'auto' },
  { value: 'fused', label: 'WebGPU kernels' },
  { value: 'tfjs', label: 'tfjs' },
  { value: 'reference', label: 'float64 reference' },
];

/**
 * What both line charts show (last iterate or average, x axis) and the engine that computes the
 * race. The gap chart's own choice sits on its card (GapMetricSelect).
 */
export function ChartControls() {
  const axis = useStore((s) => s.xAxis);
  const engine = useStore((s) => s.engine);
  const epsilon = useStore((s) => s.epsilon);
  const setField = useStore((s) => s.setField);
  // A link may carry an ε between the decades: it stays selectable.
  const epsilons = EPSILON_CHOICES.includes(epsilon)
    ? EPSILON_CHOICES
    : [...EPSILON_CHOICES, epsilon].sort((a, b) => b - a);
  return (
    <div className="chart-controls">
      <IterateSelect />{' '}
      <label>
        x axis{' '}
        <select
          value={axis}
          onChange={(e) => {
            setField('xAxis', e.target.value as (typeof X_AXES)[number]);
            // A zoomed range is in the old axis' units.
            setField('xRange', null);
          }}
        >
          <option value="iterations">iterations</option>
          <option value="queries">preference queries</option>
        </select>
      </label>{' '}
      <label title="auto: the float64 reference for small races, the fastest measured engine for large ones">
        Engine{' '}
        <select value={engine} onChange={(e) => setField('engine', e.target.value as RaceEngine)}>
          {ENGINE_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>{' '}
      <PinControls />
      <label
        className="epsilon-control"
        title={`Hitting times: the iteration from which each solver's KL stays ≤ ε (default ${epsilonText(DEFAULT_EPSILON)})`}
      >
        <span aria-hidden="true">ε </span>
        <select
          aria-label="ε"
          value={epsilon}
          onChange={(e) => setField('epsilon', Number(e.target.value))}
        >
          {epsilons.map((v) => (
            <option key={v} value={v}>
              {epsilonText(v)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/**
 * "Charts show the last iterate / running average": in the chart options, and in present mode's
 * strip when a tour chapter's prompt names it (src/ui/tour/PresentControls.tsx).
 */
export function IterateSelect() {
  const iterate = useStore((s) => s.iterate);
  const setField = useStore((s) => s.setField);
  return (
    <label>
      Charts show the{' '}
      <select
        value={iterate}
        onChange={(e) => setField('iterate', e.target.value as (typeof ITERATES)[number])}
      >
        <option value="last">last iterate</option>
        <option value="average">running average</option>
      </select>
    </label>
  );
}

/** Whether the exploitability chart shows the regularized gap or the exploitability. */
export function GapMetricSelect() {
  const gapMetric = useStore((s) => s.gapMetric);
  const setField = useStore((s) => s.setField);
  return (
    <label className="gap-metric">
      <span className="visually-hidden">Exploitability chart shows </span>
      <select
        value={gapMetric}
        onChange={(e) => setField('gapMetric', e.target.value as (typeof GAP_METRICS)[number])}
      >
        <option value="regGap">regularized gap</option>
        <option value="exploitability">exploitability (β = 0)</option>
      </select>
    </label>
  );
}
