/** Helpers shared by the jsdom tests of the page: a fresh page per test, and layout for charts. */
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { useStore } from '../../src/state/store';

/** A chart's plot area at its default size: 288 × 198 inside the 360 × 250 viewBox. */
export const PLOT_INNER = { width: 360 - 56 - 16, height: 250 - 12 - 40 };

/** Lays every element out as a `width` × `height` box at the origin (jsdom lays out nothing). */
export function layOutBoxes(width: number, height: number): void {
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockReturnValue({
    x: 0,
    y: 0,
    left: 0,
    top: 0,
    width,
    height,
    right: width,
    bottom: height,
    toJSON: () => ({}),
  });
}

/**
 * Each test starts on a fresh page: the store as the module loaded it (returned, for tests that
 * reload the page midway), nothing saved in localStorage, a bare address; what the test rendered
 * is unmounted after it.
 */
export function freshPageEachTest(): ReturnType<typeof useStore.getState> {
  const initial = useStore.getState();
  beforeEach(() => {
    useStore.setState(initial, true);
    localStorage.clear();
    history.replaceState(null, '', '/');
  });
  afterEach(cleanup);
  return initial;
}
