import type { Panel } from '../../state/fields';
import { sampleIndex } from '../../experiment/race';
import { useStore } from '../../state/store';
import { ChartControls } from './ChartControls';
import { ConvergenceChart } from './ConvergenceChart';
import { ExploitabilityChart } from './ExploitabilityChart';
import { Legend } from './Legend';
import { PolicyAreasPanel } from './PolicyAreasPanel';
import { SimplexPanel } from './SimplexPanel';
import { theoryOverlays } from './series';

/**
 * The three charts side by side, sharing the cursor and one colour per solver. `classroom`: a link
 * that picked its panels shows the charts without controls and export buttons.
 */
export function ChartsPanel({
  show = () => true,
  classroom = false,
}: {
  show?: (panel: Panel) => boolean;
  classroom?: boolean;
}) {
  const race = useStore((s) => s.race);
  const t = useStore((s) => s.t);
  const iterate = useStore((s) => s.iterate);
  if (!race) return <p className="hint">Computing the race…</p>;
  // The cursor is an iteration; sampled races keep every race.every-th one.
  const cursor = sampleIndex(race.traces[0]!, t);
  const exportable = !classroom;
  return (
    <section className="charts" aria-label="Charts">
      {!classroom && <ChartControls race={race} />}
      <div className="chart-row">
        {show('convergence') && (
          <ConvergenceChart race={race} cursor={cursor} exportable={exportable} />
        )}
        {show('exploitability') && (
          <ExploitabilityChart race={race} cursor={cursor} exportable={exportable} />
        )}
        {show('simplex') && <SimplexPanel race={race} cursor={cursor} exportable={exportable} />}
      </div>
      <Legend
        race={race}
        provenRates={
          iterate === 'last' && show('convergence') && theoryOverlays(race, 'iterations').length > 0
        }
      />
      {race.K > 3 && <PolicyAreasPanel race={race} cursor={cursor} />}
    </section>
  );
}
