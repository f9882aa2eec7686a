/**
 * The keys that move a tour or lesson, wherever focus is (outside text fields): a presenter's
 * clicker sends PageDown/PageUp, a keyboard has → ← and Home/End. While a tour or lesson is open
 * they all move slides, so stepping the race moves to S (the page's own keys, src/ui/hooks.ts).
 * Kept apart from the panel, which loads KaTeX lazily.
 */
import { slidesOf } from '../../state/slices/tour';
import { useStore } from '../../state/store';

export type SlideMove = 'next' | 'back' | 'first' | 'last';

const MOVES: Record<string, SlideMove> = {
  PageDown: 'next',
  ArrowRight: 'next',
  PageUp: 'back',
  ArrowLeft: 'back',
  Home: 'first',
  End: 'last',
};

/** The slide move a key asks for, or null for a key that is not a slide key. */
export function slideMoveOf(key: string): SlideMove | null {
  return MOVES[key] ?? null;
}

/** Moves the open tour or lesson; at its ends, or on the slide already shown, nothing happens. */
export function moveSlide(move: SlideMove): void {
  const s = useStore.getState();
  if (!s.tour.open) return;
  const n = slidesOf(s, s.tour.source).length;
  const target = { next: s.tour.index + 1, back: s.tour.index - 1, first: 0, last: n - 1 }[move];
  // Re-showing the slide already shown would reload its experiment over the viewer's changes.
  if (target < 0 || target >= n || target === s.tour.index) return;
  s.showSlide(target);
}
