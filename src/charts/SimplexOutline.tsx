/**
 * The simplex's frame as every simplex chart draws it (trajectories, the bootstrap cloud; the
 * basin maps and the flow field draw the same triangle on their canvases with traceSimplex):
 * the triangle of simplexFrame, filled unless a canvas underneath shows through, and the three
 * vertex labels, the top one above its corner and the bottom ones below theirs.
 */
import { ink } from './ink';
import type { SimplexFrame } from './simplexFrame';

export function SimplexOutline({
  frame,
  labels,
  filled = true,
}: {
  frame: SimplexFrame;
  labels: readonly [string, string, string];
  filled?: boolean;
}) {
  const { corners } = frame;
  return (
    <>
      <polygon
        points={corners.map((c) => c.join(',')).join(' ')}
        fill={filled ? ink('simplexFill') : 'none'}
        stroke={ink('axis')}
        className={filled ? 'frame filled' : 'frame'}
      />
      {labels.map((l, i) => (
        <text
          key={`${i}-${l}`}
          x={corners[i]![0]}
          // Bottom labels sit high enough that their descenders ("paper") stay inside the frame.
          y={corners[i]![1] + (i === 0 ? -8 : 15)}
          textAnchor={i === 0 ? 'middle' : i === 1 ? 'start' : 'end'}
          className="vertex"
        >
          {l}
        </text>
      ))}
    </>
  );
}
