import type { Panel } from '../../state/fields';
import { sampleIndex } from '../../experiment/race';
import { useStore } from '../../state/store';
import { ChartControls } from './ChartControls';
import { ChartsSkeleton } from './ChartsSkeleton';
import { ConvergenceChart } from './ConvergenceChart';
import { ExploitabilityChart } from './ExploitabilityChart';
import { Legend } from './Legend';
import { SimplexPanel } from './SimplexPanel';
import { offScaleBounds, targetsOf, theoryOverlays } from './series';

export const MAIN_CHARTS = ['convergence', 'exploitability', 'simplex'] as const;

/**
 * The three charts in one grid that fills the space beside the controls, sharing the cursor, one
 * colour per solver and one legend. Before the first race they are a skeleton of the same
 * layout; while a new race computes, the last one stays. `classroom`: a link that picked its
 * panels shows the charts without controls and export buttons; present mode shows neither.
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
  const presenting = useStore((s) => s.presenting);
  const charts = MAIN_CHARTS.filter(show);
  if (!race) return <ChartsSkeleton charts={charts} />;
  // The cursor is an iteration; sampled races keep every race.every-th one.
  const cursor = sampleIndex(race.traces[0]!, t);
  const exportable = !classroom && !presenting;
  const offScale = iterate === 'last' && show('convergence') ? offScaleBounds(race) : [];
  return (
    <section className="charts" aria-label="Charts">
      {!classroom && !presenting && <ChartControls />}
      {/* chart-row: the class the grid had before it filled the stage (screenshots use it). */}
      <div className="chart-grid chart-row" data-charts={charts.join(' ')}>
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
        interactive={!classroom}
        provenRates={
          iterate === 'last' &&
          show('convergence') &&
          theoryOverlays(race, 'iterations').length > offScale.length
        }
        offScale={offScale}
        refreshTicks={show('convergence') && race.traces.some((tr) => tr.refresh > 0)}
        targets={show('convergence') ? targetsOf(race) : undefined}
      />
    </section>
  );
}
