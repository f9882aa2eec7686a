import { useStore } from '../state/store';

/**
 * Beside a game estimated from votes: the way to its uncertainty (the bootstrap view, which
 * resamples the votes), opened and scrolled to. Only where the views are on the page (not in
 * classroom links or present mode).
 */
export function UncertaintyLink() {
  const hasVotes = useStore((s) => s.game.counts !== undefined);
  const classroom = useStore((s) => s.panels !== null);
  const presenting = useStore((s) => s.presenting);
  if (!hasVotes || classroom || presenting) return null;
  const open = (): void => {
    useStore.getState().setViewOpen('bootstrap', true);
    // After React has drawn the view's panel.
    requestAnimationFrame(() =>
      document
        .querySelector('section.views')
        ?.scrollIntoView?.({ behavior: 'smooth', block: 'start' }),
    );
  };
  return (
    <p className="hint uncertainty-link">
      Estimated from votes: how sure is its equilibrium?{' '}
      <button type="button" className="link-button" onClick={open}>
        Show the bootstrap uncertainty
      </button>
    </p>
  );
}
