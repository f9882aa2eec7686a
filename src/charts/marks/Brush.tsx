/**
 * The pointer's layer, on top of every mark: hovering reports the x under the pointer (the
 * Readout reads it), dragging across the plot selects an x range (the brush), a double-click
 * goes back to the whole race. Without `onBrush` the layer only hovers.
 */
import { useState, type MouseEvent } from 'react';
import type { LineFrame } from './frame';

/** A drag narrower than this (px) is a click, not a range. */
export const MIN_BRUSH_PX = 4;

export function Brush({
  frame,
  onHover,
  onBrush,
}: {
  frame: LineFrame;
  onHover: (x: number | null) => void;
  /** A range in x units, or null for the whole race. */
  onBrush?: ((range: [number, number] | null) => void) | undefined;
}) {
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  /** The pointer's x in the plot (px in the chart's coordinates, clamped to the plot). */
  const plotX = (event: MouseEvent<SVGRectElement>): number | null => {
    const rect = event.currentTarget.getBoundingClientRect();
    if (!(rect.width > 0)) return null;
    const fraction = (event.clientX - rect.left) / rect.width;
    return Math.max(0, Math.min(1, fraction)) * frame.width;
  };
  const end = (event: MouseEvent<SVGRectElement>): void => {
    if (!drag) return;
    const to = plotX(event) ?? drag.to;
    setDrag(null);
    if (Math.abs(to - drag.from) < MIN_BRUSH_PX) return;
    const a = frame.x.invert(Math.min(drag.from, to));
    const b = frame.x.invert(Math.max(drag.from, to));
    onBrush?.([Math.floor(a), Math.ceil(b)]);
  };
  return (
    <>
      {drag && Math.abs(drag.to - drag.from) >= MIN_BRUSH_PX && (
        <rect
          className="brush-selection"
          x={Math.min(drag.from, drag.to)}
          width={Math.abs(drag.to - drag.from)}
          height={frame.height}
          fill="currentColor"
          fillOpacity={0.12}
          pointerEvents="none"
        />
      )}
      <rect
        width={frame.width}
        height={frame.height}
        fill="transparent"
        onMouseMove={(event) => {
          const px = plotX(event);
          if (px === null) return;
          onHover(frame.x.invert(px));
          if (drag) setDrag({ ...drag, to: px });
        }}
        onMouseLeave={(event) => {
          onHover(null);
          end(event);
        }}
        {...(onBrush
          ? {
              onMouseDown: (event: MouseEvent<SVGRectElement>) => {
                const px = plotX(event);
                if (px !== null && event.button === 0) setDrag({ from: px, to: px });
              },
              onMouseUp: end,
              onDoubleClick: () => onBrush(null),
            }
          : {})}
        data-hover-target=""
      />
    </>
  );
}
