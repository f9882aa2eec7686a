/**
 * The GPU-scale views: basins of thousands of starts, (η, β) sweep maps and the fair race with
 * tuned steps. Each view is computed in one batched engine run while it is open, and says how
 * long that took and which engine ran it.
 */
import { useStore } from '../../state/store';
import { BasinsPanel } from './BasinsPanel';
import { FairRacePanel } from './FairRacePanel';
import { fmtInt } from './format';
import { SweepPanel } from './SweepPanel';
import { TuneButton } from './TuneButton';
import { UncertaintyPanel } from './UncertaintyPanel';

export function ManyRunsPanel() {
  const open = useStore((s) => s.openViews);
  const setViewOpen = useStore((s) => s.setViewOpen);
  const K = useStore((s) => s.game.K);
  const hasVotes = useStore((s) => s.game.counts !== undefined);
  return (
    <section className="views" aria-label="GPU-scale views">
      <h2>Many runs at once</h2>
      <div className="view-toggles">
        <label>
          <input
            type="checkbox"
            checked={open.includes('basins')}
            onChange={(e) => setViewOpen('basins', e.target.checked)}
          />{' '}
          Basins of {fmtInt(4186)} starts
        </label>
        <label>
          <input
            type="checkbox"
            checked={open.includes('sweep')}
            onChange={(e) => setViewOpen('sweep', e.target.checked)}
          />{' '}
          Sweep map over (η, β)
        </label>
        {hasVotes && (
          <label>
            <input
              type="checkbox"
              checked={open.includes('bootstrap')}
              onChange={(e) => setViewOpen('bootstrap', e.target.checked)}
            />{' '}
            Bootstrap uncertainty from the votes
          </label>
        )}
        <TuneButton />
      </div>
      {hasVotes && open.includes('bootstrap') && <UncertaintyPanel />}
      {open.includes('basins') &&
        (K === 3 ? <BasinsPanel /> : <p className="hint">Basins need K = 3 actions.</p>)}
      {open.includes('sweep') && <SweepPanel />}
      {open.includes('fair') && <FairRacePanel />}
    </section>
  );
}
