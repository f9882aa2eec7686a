import { useEffect, useRef } from 'react';

/**
 * A canvas sized for the device's pixel ratio and redrawn when `deps` change; the draw callback
 * works in CSS pixels. Where there is no 2D context (jsdom), nothing is drawn.
 */
export function useCanvas(
  width: number,
  height: number,
  draw: (ctx: CanvasRenderingContext2D) => void,
  deps: readonly unknown[],
) {
  const ref = useRef<HTMLCanvasElement>(null);
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
  }, [width, height, ...deps]);
  return ref;
}

function context2d(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
  try {
    return canvas.getContext('2d');
  } catch {
    return null; // jsdom without a canvas implementation
  }
}
