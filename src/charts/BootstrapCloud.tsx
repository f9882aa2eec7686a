/**
 * The bootstrap's cloud on the simplex: one dot per resample's equilibrium, the full-data
 * equilibrium ringed. Games with more than three actions show the face of three chosen actions.
 */
import { SimplexOutline } from './SimplexOutline';
import { simplexFrame } from './simplexFrame';

export interface CloudSeries {
  id: string;
  name: string;
  color: string;
  /** [resample][3] probabilities on the face shown. */
  points: Float64Array;
  /** The full-data point, [3]. */
  center: Float64Array;
}

export function BootstrapCloud({
  labels,
  series,
  size = 260,
}: {
  labels: [string, string, string];
  series: CloudSeries[];
  size?: number;
}) {
  const frame = simplexFrame(size);
  const { pad, at } = frame;
  const label = `Bootstrap cloud on the simplex of ${labels.join(', ')}: ${series
    .map((s) => `${s.points.length / 3} resamples of ${s.name}`)
    .join('; ')}`;
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${size} ${size - pad}`} width="100%">
      <SimplexOutline frame={frame} labels={labels} />
      {series.map((s) => (
        <g key={s.id} data-series={s.id}>
          {Array.from({ length: s.points.length / 3 }, (_, r) => {
            const [x, y] = at(s.points.subarray(3 * r, 3 * r + 3));
            return <circle key={r} cx={x} cy={y} r={1.8} fill={s.color} fillOpacity={0.45} />;
          })}
          <circle
            cx={at(s.center)[0]}
            cy={at(s.center)[1]}
            r={5}
            fill="none"
            stroke={s.color}
            strokeWidth={2}
          />
        </g>
      ))}
    </svg>
  );
}
