import { LegendSwatch } from '../../charts/LegendSwatch';
import { OVERLAY_LEGEND } from '../../charts/LogLineChart';
import type { Race } from '../../experiment/race';
import { SolverSwatch } from '../SolverSwatch';

/** One entry per solver in the race, the proven rates' style when drawn; solvers left out say why. */
export function Legend({ race, provenRates }: { race: Race; provenRates: boolean }) {
  const refused = Object.entries(race.refused);
  return (
    <ul className="legend" aria-label="Legend">
      {race.traces.map((tr) => (
        <li key={tr.key} data-solver={tr.key}>
          <SolverSwatch solver={tr} width={26} />
          {tr.name}
          {tr.stopped && (
            <span className="stopped" role="note">
              {' '}
              stopped at t = {tr.stopped.t}: step “{tr.stopped.step}” gave{' '}
              {tr.stopped.value === 'NaN' ? 'NaN' : '∞'}
            </span>
          )}
        </li>
      ))}
      {provenRates && (
        <li data-overlay="">
          <LegendSwatch entry={OVERLAY_LEGEND} />
          {OVERLAY_LEGEND.name}
        </li>
      )}
      {refused.map(([key, { name, message }]) => (
        <li key={key} className="refused" data-refused={key}>
          {name}: not run — {message}
        </li>
      ))}
    </ul>
  );
}
