/**
 * The frame's guides: the log y axis's grid lines and labels (YGrid), the x axis's ticks and the
 * two axis lines (XAxis), and the axis titles (AxisLabels).
 */
import { ink } from '../ink';
import { tickAnchor } from '../axisText';
import { logTicks } from '../logTicks';
import type { LineFrame } from './frame';

export function YGrid({ frame }: { frame: LineFrame }) {
  const [lo, hi] = frame.y.domain() as [number, number];
  return logTicks(lo, hi).map(({ value, label }) => (
    <g key={value} transform={`translate(0,${frame.y(value)})`} className="tick">
      <line x2={frame.width} stroke={ink('grid')} className="grid" />
      <text x={-6} dy="0.32em" textAnchor="end">
        {label}
      </text>
    </g>
  ));
}

/** The x ticks (five or so, whole numbers once zoomed in far) and the axis lines. */
export function XAxis({ frame, room }: { frame: LineFrame; room: number }) {
  const { x, width, height } = frame;
  // A range narrower than five units would get fractional ticks: iterations are whole.
  const ticks = x.ticks(5).filter((v) => !frame.zoomed || Number.isInteger(v));
  return (
    <>
      {ticks.map((v) => (
        <g key={v} transform={`translate(${x(v)},${height})`} className="tick">
          <line y2={5} stroke={ink('axis')} className="axis" />
          <text y={18} textAnchor={tickAnchor(String(v), x(v), width, room)}>
            {v}
          </text>
        </g>
      ))}
      <line x1={0} x2={width} y1={height} y2={height} stroke={ink('axis')} className="axis" />
      <line x1={0} x2={0} y1={0} y2={height} stroke={ink('axis')} className="axis" />
    </>
  );
}

export function AxisLabels({
  frame,
  xLabel,
  yLabel,
}: {
  frame: LineFrame;
  xLabel: string;
  yLabel: string;
}) {
  return (
    <>
      <text x={frame.width / 2} y={frame.height + 34} textAnchor="middle" className="axis-label">
        {xLabel}
      </text>
      <text
        transform={`translate(${-44},${frame.height / 2}) rotate(-90)`}
        textAnchor="middle"
        className="axis-label"
      >
        {yLabel}
      </text>
    </>
  );
}
