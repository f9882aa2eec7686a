import { PolicyAreas } from '../../charts/PolicyAreas';
import { sampleIndex, type Race } from '../../experiment/race';
import { useStore } from '../../state/store';
import { useLook } from './look';

/** Every action's probability over time for one solver (games with more than three actions). */
export function PolicyAreasPanel({ race, cursor }: { race: Race; cursor: number }) {
  const chosen = useStore((s) => s.areaSolver);
  const setSolver = useStore((s) => s.setAreaSolver);
  const { zoom } = useLook();
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
        height={Math.round(230 * zoom)}
        zoom={zoom}
      />
    </div>
  );
}

/** The policy areas of the current race, for games with more than three actions (else nothing). */
export function PolicyAreasSection() {
  const race = useStore((s) => s.race);
  const t = useStore((s) => s.t);
  if (!race || race.K <= 3) return null;
  return <PolicyAreasPanel race={race} cursor={sampleIndex(race.traces[0]!, t)} />;
}
