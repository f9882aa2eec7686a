import type { CSSProperties } from 'react';
import type { Size } from './useElementSize';

/**
 * The chart's own coordinates for a plot `px` pixels large drawn `zoom` times larger (present
 * mode): px / zoom, but never below `min`, under which axes and labels no longer fit (a smaller
 * container then scales the whole chart down instead).
 */
export function plotSize(px: Size, zoom: number, min: Size): Size {
  return {
    width: Math.max(min.width, px.width / zoom),
    height: Math.max(min.height, px.height / zoom),
  };
}

/** The plot box's style: the explicit size where one is given, else the container decides. */
export function plotStyle(width?: number, height?: number): CSSProperties | undefined {
  if (width === undefined && height === undefined) return undefined;
  return {
    ...(width !== undefined ? { width } : {}),
    ...(height !== undefined ? { height } : {}),
  };
}
