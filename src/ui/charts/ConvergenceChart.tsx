import { useMemo } from 'react';
import { LogLineChart, OVERLAY_LEGEND } from '../../charts/LogLineChart';
import type { Race } from '../../experiment/race';
import { useStore } from '../../state/store';
import { ChartExport } from '../ChartExport';
import { legendOf, metricSeries, seedsNote, theoryOverlays } from './series';

/** KL(π*_β ‖ π_t) per solver, of the last iterate or the running average, with proven rates. */
export function ConvergenceChart({
  race,
  cursor,
  exportable,
}: {
  race: Race;
  cursor: number;
  exportable: boolean;
}) {
  const axis = useStore((s) => s.xAxis);
  const iterate = useStore((s) => s.iterate);
  const series = useMemo(() => metricSeries(race, 'klToNE', iterate, axis), [race, iterate, axis]);
  // Proven rates bound the last iterate.
  const theory = useMemo(
    () => (iterate === 'last' ? theoryOverlays(race, axis) : []),
    [race, iterate, axis],
  );
  const of = iterate === 'last' ? 'last iterate' : 'running average';
  const pi = iterate === 'last' ? 'π_t' : 'π̄_t';
  return (
    <ChartExport
      enabled={exportable}
      title="Convergence"
      legend={theory.length ? [...legendOf(race), OVERLAY_LEGEND] : legendOf(race)}
    >
      <LogLineChart
        title="Convergence"
        description={`KL(π*_β‖${pi}), ${of}, log scale${theory.length ? '; wide pale lines: proven rates' : ''}${seedsNote(race)}`}
        series={series}
        overlays={theory}
        cursor={cursor}
        xLabel={axis === 'queries' ? 'preference queries' : 'iterations'}
        yLabel={`KL(π*_β ‖ ${pi})`}
      />
    </ChartExport>
  );
}
