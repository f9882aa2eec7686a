import { lazy, Suspense } from 'react';
import { useStore } from '../../state/store';

// KaTeX and the tour's styles load only when a tour or lesson is opened.
const TourPanel = lazy(() => import('./TourPanel').then((m) => ({ default: m.TourPanel })));

/** The tour panel while a tour or lesson is open. */
export function TourMount() {
  const open = useStore((s) => s.tour.open);
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <TourPanel />
    </Suspense>
  );
}
