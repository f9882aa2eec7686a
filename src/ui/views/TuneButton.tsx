import { useStore } from '../../state/store';

/** Opens the fair race: each solver's best constant η against its defaults. */
export function TuneButton() {
  const setViewOpen = useStore((s) => s.setViewOpen);
  const busy = useStore((s) => s.viewBusy.fair);
  return (
    <button
      type="button"
      onClick={() => setViewOpen('fair', true)}
      disabled={busy}
      title="Find each solver's best constant η and race it beside the defaults (a faster default is kept)"
    >
      Tune η
    </button>
  );
}
