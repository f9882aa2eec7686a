import { raceCsv } from '../../experiment/exports';
import type { Race } from '../../experiment/race';
import type { GAP_METRICS, ITERATES, X_AXES } from '../../state/fields';
import { useStore } from '../../state/store';
import { download } from '../download';

/** What the charts show (gap metric, last iterate or average, x axis), and the CSV export. */
export function ChartControls({ race }: { race: Race }) {
  const gapMetric = useStore((s) => s.gapMetric);
  const iterate = useStore((s) => s.iterate);
  const axis = useStore((s) => s.xAxis);
  const setField = useStore((s) => s.setField);
  return (
    <div className="chart-controls">
      <button
        type="button"
        onClick={() => download('nash-playground-race.csv', raceCsv(race), 'text/csv')}
      >
        Export CSV
      </button>
      <label>
        Exploitability chart shows{' '}
        <select
          value={gapMetric}
          onChange={(e) => setField('gapMetric', e.target.value as (typeof GAP_METRICS)[number])}
        >
          <option value="regGap">regularized gap</option>
          <option value="exploitability">exploitability (β = 0)</option>
        </select>
      </label>{' '}
      <label>
        Charts show the{' '}
        <select
          value={iterate}
          onChange={(e) => setField('iterate', e.target.value as (typeof ITERATES)[number])}
        >
          <option value="last">last iterate</option>
          <option value="average">running average</option>
        </select>
      </label>{' '}
      <label>
        x axis{' '}
        <select
          value={axis}
          onChange={(e) => setField('xAxis', e.target.value as (typeof X_AXES)[number])}
        >
          <option value="iterations">iterations</option>
          <option value="queries">preference queries</option>
        </select>
      </label>
    </div>
  );
}
