import { useMemo } from 'react';
import { BasinMap, basinSummary, iterationScale, NEVER_COLOR } from '../../charts/BasinMap';
import { ColorLegend } from '../../charts/ColorLegend';
import { BASIN_EPSILONS } from '../../experiment/views/types';
import { useStore } from '../../state/store';
import { ComputeCaption } from './ComputeCaption';
import { fmtInt } from './format';

/** Iterations from each of thousands of starts until KL reaches ε, one map per solver. */
export function BasinsPanel() {
  const basins = useStore((s) => s.basins);
  const epsilon = useStore((s) => s.basinEpsilon);
  const setViewOptions = useStore((s) => s.setViewOptions);
  const budget = useStore((s) => s.budget);
  const maps = useMemo(() => basins?.data ?? [], [basins]);
  const color = useMemo(() => iterationScale(maps, budget), [maps, budget]);
  const label = `Basins: iterations after which KL(π*_β ‖ π_t) stays ≤ ${epsilon} from ${fmtInt(maps[0]?.lattice.count ?? 0)} starts per solver within ${fmtInt(budget)} iterations; ${maps
    .map((m) => {
      const s = basinSummary(m.hits);
      return `${m.name}: median ${Number.isNaN(s.median) ? 'never' : fmtInt(s.median)}, ${Math.round(100 * s.reached)} % stay within ε`;
    })
    .join('; ')}`;
  return (
    <figure className="view">
      <figcaption>
        <strong>Basins</strong> — iterations from each start after which KL(π*_β ‖ π_t) stays ≤{' '}
        <select
          aria-label="Basin ε"
          value={epsilon}
          onChange={(e) => setViewOptions({ basinEpsilon: Number(e.target.value) })}
        >
          {BASIN_EPSILONS.map((v) => (
            <option key={v} value={v}>
              {v.toExponential(0)}
            </option>
          ))}
        </select>
        <ComputeCaption view="basins" info={basins?.info} />
      </figcaption>
      <div role="img" aria-label={label} className="small-multiples">
        {maps.map((m) => (
          <BasinMap key={m.key} data={m} title={m.name} color={color} />
        ))}
      </div>
      <ColorLegend
        color={color}
        label="iterations until KL stays ≤ ε"
        format={fmtInt}
        extra={[{ color: NEVER_COLOR, label: 'not within budget' }]}
      />
    </figure>
  );
}
