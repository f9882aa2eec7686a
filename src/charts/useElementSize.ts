import { useLayoutEffect, useRef, useState } from 'react';

export interface Size {
  width: number;
  height: number;
}

/**
 * The content-box size of an element, followed with a ResizeObserver, so that a chart is drawn
 * for the space its container gives it (its d3 scales are recomputed from this size, and its text
 * stays at its real pixel size). Until the first measurement, and where there is no
 * ResizeObserver (server rendering, jsdom), it is `fallback`. Sizes are whole pixels, so that
 * sub-pixel jitter does not redraw the chart.
 */
export function useElementSize<T extends Element>(
  fallback: Size,
  enabled = true,
): [React.RefObject<T | null>, Size] {
  const ref = useRef<T>(null);
  const [size, setSize] = useState<Size>(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!enabled || !element || typeof ResizeObserver === 'undefined') return;
    const update = (width: number, height: number): void => {
      const next = { width: Math.floor(width), height: Math.floor(height) };
      if (!(next.width > 0 && next.height > 0)) return; // hidden: keep the last size
      setSize((prev) => (prev.width === next.width && prev.height === next.height ? prev : next));
    };
    const box = element.getBoundingClientRect();
    update(box.width, box.height);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) update(entry.contentRect.width, entry.contentRect.height);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [enabled]);
  return [ref, size];
}
