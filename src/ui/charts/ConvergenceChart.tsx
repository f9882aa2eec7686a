import { useMemo } from 'react';
import { LogLineChart, OVERLAY_LEGEND } from '../../charts/LogLineChart';
import type { Race } from '../../experiment/race';
import { useStore } from '../../state/store';
import { ChartExport } from '../ChartExport';
import {
  klTarget,
  legendOf,
  metricSeries,
  refreshMarks,
  seedsNote,
  theoryOverlays,
} from './series';

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
  const marks = useMemo(() => refreshMarks(race, axis), [race, axis]);
  const target = klTarget(race);
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
        description={`KL(${target}‖${pi}), ${of}, log scale${theory.length ? '; wide pale lines: proven rates' : ''}${seedsNote(race)}`}
        series={series}
        overlays={theory}
        marks={marks}
        cursor={cursor}
        xLabel={axis === 'queries' ? 'preference queries' : 'iterations'}
        yLabel={`KL(${target.length > 4 ? 'π*' : target} ‖ ${pi})`}
      />
    </ChartExport>
  );
}
