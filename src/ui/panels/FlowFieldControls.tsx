import type { Race } from '../../experiment/race';
import { useStore } from '../../state/store';

/** The flow-field layer's controls: on/off and whose field (computed for every selected solver). */
export function FlowFieldControls({ race }: { race: Race }) {
  const open = useStore((s) => s.openViews.includes('flow'));
  const setViewOpen = useStore((s) => s.setViewOpen);
  const flowSolver = useStore((s) => s.flowSolver);
  const setViewOptions = useStore((s) => s.setViewOptions);
  const flow = useStore((s) => s.flow);
  const busy = useStore((s) => s.viewBusy.flow);
  const error = useStore((s) => s.viewError.flow);
  const fields = race.traces;
  const solver = fields.some((t) => t.key === flowSolver) ? flowSolver! : fields[0]?.key;
  return (
    <div className="flow-controls">
      <label>
        <input
          type="checkbox"
          checked={open}
          onChange={(e) => setViewOpen('flow', e.target.checked)}
        />{' '}
        Flow field
      </label>{' '}
      {open && solver && (
        <>
          <select
            aria-label="Flow field of"
            value={solver}
            onChange={(e) => setViewOptions({ flowSolver: e.target.value })}
          >
            {fields.map((tr) => (
              <option key={tr.key} value={tr.key}>
                {tr.name}
              </option>
            ))}
          </select>
          <span className="compute-info" aria-live="polite">
            {' '}
            {error
              ? error
              : `${busy ? 'Computing… ' : ''}${flow ? `${flow.data.length} × ${flow.data[0]?.lattice.count.toLocaleString('en-US')} points in ${Math.round(flow.info.ms)} ms by ${flow.info.engine} (${flow.info.backend})` : ''}`}
          </span>
        </>
      )}
    </div>
  );
}
