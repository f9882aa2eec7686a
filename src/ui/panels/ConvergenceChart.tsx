import { useMemo } from 'react';
import { LogLineChart, OVERLAY_LEGEND } from '../../charts/LogLineChart';
import { logDomainOf } from '../../charts/marks/frame';
import { aboveTop } from '../../charts/marks/Overlays';
import { ChartExport } from '../ChartExport';
import { useChartSettings, type ChartPanelProps } from './chartSettings';
import { styled } from './look';
import { usePinnedLines } from './Pins';
import {
  klTarget,
  legendOf,
  metricSeries,
  refreshMarks,
  seedsNote,
  targetsOf,
  theoryOverlays,
} from './series';

/**
 * Why no KL line is drawn where none is: KL to π*₀ means something only when the β = 0
 * equilibrium is unique, and the chart says so instead of standing empty.
 */
export const KL_UNDEFINED =
  'not drawn: this game has more than one β = 0 equilibrium, so there is no one π*₀ to measure KL against; the exploitability chart measures convergence to all of them';

/** KL(π*_β ‖ π_t) per solver, of the last iterate or the running average, with proven rates. */
export function ConvergenceChart({ race, cursor, exportable }: ChartPanelProps) {
  const { axis, iterate, look, epsilon, lineProps } = useChartSettings();
  const pinned = usePinnedLines(race, 'klToNE', iterate, axis);
  const series = useMemo(() => {
    // Where solvers are measured against different targets, each line names its own.
    const targets = targetsOf(race);
    return styled(metricSeries(race, 'klToNE', iterate, axis, epsilon), look).map((s) => {
      const target = targets.get(s.id);
      return target ? { ...s, target } : s;
    });
  }, [race, iterate, axis, epsilon, look.theme, look.isolated]);
  // Proven rates bound the last iterate; an isolated solver keeps only its own. A bound above
  // the plot for the whole run is left out (the legend says "… bound off scale").
  const theory = useMemo(() => {
    if (iterate !== 'last') return [];
    const top = logDomainOf(series)[1];
    return styled(theoryOverlays(race, axis), look).filter((s) => !s.muted && !aboveTop(s, top));
  }, [race, iterate, axis, series, look.theme, look.isolated]);
  const marks = useMemo(() => styled(refreshMarks(race, axis), look), [race, axis, look.theme]);
  const target = klTarget(race);
  const undefinedKL = series.every((s) => s.values.every((v) => Number.isNaN(v)));
  const of = iterate === 'last' ? 'last iterate' : 'running average';
  const pi = iterate === 'last' ? 'π_t' : 'π̄_t';
  return (
    <ChartExport
      enabled={exportable}
      title="Convergence"
      area="convergence"
      legend={theory.length ? [...legendOf(race), OVERLAY_LEGEND] : legendOf(race)}
    >
      <LogLineChart
        title="Convergence"
        description={`KL(${target}‖${pi}), ${of}, log scale${undefinedKL ? ` — ${KL_UNDEFINED}` : target === 'π*₀' ? ' (π*₀ is the unique β = 0 equilibrium)' : ''}${theory.length ? '; wide pale lines: proven rates' : ''}${seedsNote(race)}`}
        series={series}
        overlays={theory}
        marks={marks}
        cursor={cursor}
        {...lineProps}
        yLabel={`KL(${target.length > 4 ? 'π*' : target} ‖ ${pi})`}
        {...(undefinedKL ? { emptyNote: `KL(${target} ‖ ${pi}) ${KL_UNDEFINED}.` } : {})}
        pinned={pinned}
      />
    </ChartExport>
  );
}
