import { useEffect, useRef, useState } from 'react';

/**
 * A canvas sized for the device's pixel ratio and redrawn when `deps` change, and when the page's
 * theme (`<html data-theme>`) does, since the drawing reads the theme's inks (resolveInk); the
 * draw callback works in CSS pixels. Where there is no 2D context (jsdom), nothing is drawn.
 */
export function useCanvas(
  width: number,
  height: number,
  draw: (ctx: CanvasRenderingContext2D) => void,
  deps: readonly unknown[],
) {
  const ref = useRef<HTMLCanvasElement>(null);
  const theme = useTheme();
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const ctx = context2d(canvas);
    if (!ctx) return;
    const ratio = globalThis.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    draw(ctx);
    // The caller lists what the drawing depends on.
  }, [width, height, theme, ...deps]);
  return ref;
}

function context2d(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
  try {
    return canvas.getContext('2d');
  } catch {
    return null; // jsdom without a canvas implementation
  }
}

/** The page's theme attribute, followed as it changes. */
function useTheme(): string | undefined {
  const root = typeof document === 'undefined' ? null : document.documentElement;
  const [theme, setTheme] = useState(root?.dataset.theme);
  useEffect(() => {
    if (!root || typeof MutationObserver === 'undefined') return;
    const observer = new MutationObserver(() => setTheme(root.dataset.theme));
    observer.observe(root, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, [root]);
  return theme;
}
