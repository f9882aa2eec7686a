import type { ComputeInfo } from '../../experiment/views/runs';
import type { ViewId } from '../../experiment/views/types';
import { useStore } from '../../state/store';
import { fmtInt } from './format';

/** "Computed in 143 ms by fused (webgpu)", or what is happening instead. */
export function ComputeCaption({ view, info }: { view: ViewId; info: ComputeInfo | undefined }) {
  const busy = useStore((s) => s.viewBusy[view]);
  const error = useStore((s) => s.viewError[view]);
  if (error)
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  return (
    <p className="compute-info" aria-live="polite">
      {busy ? 'Computing… ' : ''}
      {info
        ? `Computed in ${fmtInt(info.ms)} ms by ${info.engine} (${info.backend})`
        : busy
          ? ''
          : 'Not computed yet'}
    </p>
  );
}
