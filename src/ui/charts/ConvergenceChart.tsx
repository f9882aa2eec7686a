import { useMemo } from 'react';
import { LogLineChart, OVERLAY_LEGEND } from '../../charts/LogLineChart';
import type { Race } from '../../experiment/race';
import { useStore } from '../../state/store';
import { ChartExport } from '../ChartExport';
import { styled, useLook } from './look';
import { legendOf, metricSeries, seedsNote, theoryOverlays } from './series';

/**
 * What the KL chart measures against, said honestly: π*_β for β > 0; at β = 0 the β = 0
 * equilibrium π*₀, which is the game's only one, or one of several (the LP's vertex), or one
 * whose uniqueness the page cannot decide.
 */
export function klTarget(race: Pick<Race, 'settings' | 'nashUniqueness'>): {
  symbol: string;
  note: string;
} {
  if (race.settings.beta > 0) return { symbol: 'π*_β', note: '' };
  const note =
    race.nashUniqueness === 'unique'
      ? 'π*₀ is the unique β = 0 equilibrium'
      : race.nashUniqueness === 'several'
        ? 'π*₀ is one of several β = 0 equilibria (the one the LP finds): exploitability is the measure that does not depend on which'
        : 'π*₀ is the β = 0 equilibrium the LP finds, which may not be unique: exploitability is the measure that does not depend on which';
  return { symbol: 'π*₀', note };
}

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
  const look = useLook();
  const series = useMemo(
    () => styled(metricSeries(race, 'klToNE', iterate, axis), look),
    [race, iterate, axis, look.theme, look.isolated],
  );
  // Proven rates bound the last iterate; an isolated solver keeps only its own.
  const theory = useMemo(
    () =>
      iterate === 'last' ? styled(theoryOverlays(race, axis), look).filter((s) => !s.muted) : [],
    [race, iterate, axis, look.theme, look.isolated],
  );
  const of = iterate === 'last' ? 'last iterate' : 'running average';
  const pi = iterate === 'last' ? 'π_t' : 'π̄_t';
  const target = klTarget(race);
  return (
    <ChartExport
      enabled={exportable}
      title="Convergence"
      area="convergence"
      legend={theory.length ? [...legendOf(race), OVERLAY_LEGEND] : legendOf(race)}
    >
      <LogLineChart
        title="Convergence"
        description={`KL(${target.symbol}‖${pi}), ${of}, log scale${target.note ? ` (${target.note})` : ''}${theory.length ? '; wide pale lines: proven rates' : ''}${seedsNote(race)}`}
        series={series}
        overlays={theory}
        cursor={cursor}
        xLabel={axis === 'queries' ? 'preference queries' : 'iterations'}
        yLabel={`KL(${target.symbol} ‖ ${pi})`}
        zoom={look.zoom}
        ghost
      />
    </ChartExport>
  );
}
