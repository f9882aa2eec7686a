import { LegendSwatch } from '../../charts/LegendSwatch';
import { OVERLAY_LEGEND } from '../../charts/LogLineChart';
import { getSolver, type SolverId } from '../../core/solvers';
import type { Race } from '../../experiment/race';
import { SolverSwatch } from '../SolverSwatch';

/** One entry per solver in the race, the proven rates' style when drawn; solvers left out say why. */
export function Legend({ race, provenRates }: { race: Race; provenRates: boolean }) {
  const refused = Object.entries(race.refused) as [SolverId, string][];
  return (
    <ul className="legend" aria-label="Legend">
      {race.traces.map((tr) => {
        const def = getSolver(tr.solver);
        return (
          <li key={tr.solver} data-solver={tr.solver}>
            <SolverSwatch solver={def} width={26} />
            {def.name}
          </li>
        );
      })}
      {provenRates && (
        <li data-overlay="">
          <LegendSwatch entry={OVERLAY_LEGEND} />
          {OVERLAY_LEGEND.name}
        </li>
      )}
      {refused.map(([id, why]) => (
        <li key={id} className="refused" data-refused={id}>
          {getSolver(id).name}: not run — {why}
        </li>
      ))}
    </ul>
  );
}
