import { cancelScope } from '../../engine/page';
import type { ComputeInfo } from '../../experiment/views/runs';
import type { ViewId } from '../../experiment/views/types';
import { useStore } from '../../state/store';
import { fmtInt } from './format';

/** What a progress bar and its Cancel call each view. */
const VIEW_NAMES: Record<ViewId, string> = {
  flow: 'the flow field',
  basins: 'the basins',
  sweep: 'the sweep',
  fair: 'Tune η',
  bootstrap: 'the bootstrap',
};

/**
 * "Computed in 143 ms by fused (webgpu)", or what is happening instead: from a second on, a view
 * still computing shows its progress and a Cancel (the view shown stays); a big game's limits
 * (fewer settings or iterations than the app's settings ask) are said under it.
 */
export function ComputeCaption({ view, info }: { view: ViewId; info: ComputeInfo | undefined }) {
  const busy = useStore((s) => s.viewBusy[view]);
  const error = useStore((s) => s.viewError[view]);
  const progress = useStore((s) => s.viewProgress[view]);
  if (error)
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  return (
    <>
      <p className="compute-info" aria-live="polite">
        {busy ? 'Computing… ' : ''}
        {busy && progress !== undefined && (
          <>
            <progress aria-label={`Computing ${VIEW_NAMES[view]}`} max={1} value={progress} />{' '}
            {Math.round(100 * progress)} %{' '}
            <button
              type="button"
              title="Stop computing this view: what it shows stays"
              onClick={() => {
                cancelScope(view);
                useStore.getState().setViewStatus(view, { busy: false });
              }}
            >
              Cancel
            </button>{' '}
          </>
        )}
        {info
          ? `Computed in ${fmtInt(info.ms)} ms by ${info.engine} (${info.backend})`
          : busy
            ? ''
            : 'Not computed yet'}
      </p>
      {info?.limit && <p className="compute-info view-limit">{info.limit}</p>}
    </>
  );
}
