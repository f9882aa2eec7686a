/**
 * Present mode hides the editing panels and chart options, so a tour chapter's prompt would name
 * controls the room cannot see. This strip shows, beside the playback buttons, exactly the
 * controls the open chapter's prompt names (src/lessons/tour.ts, TOUR_PRESENT): β, what the charts
 * show, a solver's η, the samples per query.
 */
import { getSolver, type SolverId } from '../../core/solvers';
import { TOUR_PRESENT, type PresentControl } from '../../lessons/tour';
import { useStore } from '../../state/store';
import { NumberField } from '../NumberField';
import { IterateSelect } from '../panels/ChartControls';

export function PresentControls() {
  const presenting = useStore((s) => s.presenting);
  const open = useStore((s) => s.tour.open && s.tour.source === 'tour');
  const index = useStore((s) => s.tour.index);
  if (!presenting || !open) return null;
  const controls = TOUR_PRESENT[index]?.controls ?? [];
  if (controls.length === 0) return null;
  return (
    <div className="present-controls" role="group" aria-label="Controls for this chapter">
      {controls.map((c) => (
        <Control key={c} control={c} />
      ))}
    </div>
  );
}

function Control({ control }: { control: PresentControl }) {
  const beta = useStore((s) => s.beta);
  const samples = useStore((s) => s.sampling.samples);
  const params = useStore((s) => s.params);
  const { setBeta, setSampling, setParam } = useStore.getState();
  if (control === 'beta')
    return (
      <NumberField
        label="β"
        ariaLabel="β"
        min={0}
        value={beta}
        onCommit={(v) => setBeta(v ?? NaN)}
      />
    );
  if (control === 'iterate') return <IterateSelect />;
  if (control === 'samples')
    return (
      <NumberField
        label="Samples per query"
        ariaLabel="Samples per query"
        min={1}
        step={1}
        value={samples}
        onCommit={(v) => setSampling('samples', v ?? NaN)}
      />
    );
  const id = control.slice('eta:'.length) as SolverId;
  const name = getSolver(id).name;
  return (
    <NumberField
      label={`${name} η`}
      ariaLabel={`${name} η`}
      min={0}
      value={params[id]?.eta}
      placeholder="default"
      onCommit={(v) => setParam(id, 'eta', v)}
    />
  );
}
