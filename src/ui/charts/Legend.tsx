import { getSolver } from '../../core/solvers';
import type { Race } from '../../experiment/race';
import { SolverSwatch } from '../SolverSwatch';

/** One entry per solver in the race; solvers left out name why. */
export function Legend({ race }: { race: Race }) {
  const refused = Object.entries(race.refused);
  return (
    <ul className="legend" aria-label="Legend">
      {race.traces.map((tr) => {
        const def = getSolver(tr.solver);
        return (
          <li key={tr.solver}>
            <SolverSwatch solver={def} width={26} />
            {def.name}
          </li>
        );
      })}
      {refused.map(([id, why]) => (
        <li key={id} className="refused" title={why}>
          {getSolver(id as Parameters<typeof getSolver>[0]).name}: not run ({why})
        </li>
      ))}
    </ul>
  );
}
