import { useStore } from '../../state/store';

export const TOUR_BUTTON_ID = 'tour-button';
export const TOUR_PANEL_ID = 'tour-panel';

/** Opens the built-in tour (where it was left) or closes it; a lesson playing gives way to it. */
export function TourButton() {
  const open = useStore((s) => s.tour.open && s.tour.source === 'tour');
  const openTour = useStore((s) => s.openTour);
  const closeTour = useStore((s) => s.closeTour);
  return (
    <button
      type="button"
      id={TOUR_BUTTON_ID}
      className="tour-button"
      aria-expanded={open}
      // Only while the panel exists: a reference to a missing element is an ARIA error.
      aria-controls={open ? TOUR_PANEL_ID : undefined}
      onClick={() => (open ? closeTour() : openTour())}
    >
      Tour
    </button>
  );
}
