import { PolicyAreas } from '../../charts/PolicyAreas';
import type { Race } from '../../experiment/race';
import { useStore } from '../../state/store';

/** Every action's probability over time for one solver (games with more than three actions). */
export function PolicyAreasPanel({ race, cursor }: { race: Race; cursor: number }) {
  const chosen = useStore((s) => s.areaSolver);
  const setSolver = useStore((s) => s.setAreaSolver);
  const trace = race.traces.find((tr) => tr.key === chosen) ?? race.traces[0]!;
  return (
    <div className="areas">
      <label>
        Policy over time for{' '}
        <select value={trace.key} onChange={(e) => setSolver(e.target.value)}>
          {race.traces.map((tr) => (
            <option key={tr.key} value={tr.key}>
              {tr.name}
            </option>
          ))}
        </select>
      </label>
      <PolicyAreas
        solverName={trace.name}
        actions={race.settings.game.actions}
        policies={trace.policies}
        times={trace.times}
        cursor={cursor}
      />
    </div>
  );
}
