/**
 * The GPU-scale views: basins of thousands of starts, (η, β) sweep maps and the fair race with
 * tuned steps. Each view is computed in one batched engine run while it is open, and says how
 * long that took and which engine ran it.
 */
import { useMemo } from 'react';
import { getSolver } from '../core/solvers';
import { BasinMap, basinSummary, iterationScale, NEVER_COLOR } from '../charts/BasinMap';
import { ColorLegend } from '../charts/ColorLegend';
import { LogLineChart, type Series } from '../charts/LogLineChart';
import { REFUSED_SWATCH, SweepHeatmap, sweepColor } from '../charts/SweepHeatmap';
import type { Race } from '../state/race';
import { useStore } from '../state/store';
import { BASIN_EPSILONS, type ViewId } from '../state/views';
import type { ComputeInfo } from '../views/runs';
import { settledIndex } from '../views/settle';
import { SWEEP_SIZE } from '../views/sweep';
import { TUNE_EPSILON } from '../views/tune';

const fmtInt = (v: number) => Math.round(v).toLocaleString('en-US');

/** "Computed in 143 ms by fused (webgpu)", or what is happening instead. */
function ComputeCaption({ view, info }: { view: ViewId; info: ComputeInfo | undefined }) {
  const busy = useStore((s) => s.viewBusy[view]);
  const error = useStore((s) => s.viewError[view]);
  if (error)
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  return (
    <p className="compute-info" aria-live="polite">
      {busy ? 'Computing… ' : ''}
      {info
        ? `Computed in ${fmtInt(info.ms)} ms by ${info.engine} (${info.backend})`
        : busy
          ? ''
          : 'Not computed yet'}
    </p>
  );
}

export function ViewsPanel() {
  const views = useStore((s) => s.views);
  const setViewOpen = useStore((s) => s.setViewOpen);
  const K = useStore((s) => s.game.K);
  return (
    <section className="views" aria-label="GPU-scale views">
      <h2>Many runs at once</h2>
      <div className="view-toggles">
        <label>
          <input
            type="checkbox"
            checked={views.basins}
            onChange={(e) => setViewOpen('basins', e.target.checked)}
          />{' '}
          Basins of {fmtInt(4186)} starts
        </label>
        <label>
          <input
            type="checkbox"
            checked={views.sweep}
            onChange={(e) => setViewOpen('sweep', e.target.checked)}
          />{' '}
          Sweep map over (η, β)
        </label>
        <TuneButton />
      </div>
      {views.basins &&
        (K === 3 ? <BasinsView /> : <p className="hint">Basins need K = 3 actions.</p>)}
      {views.sweep && <SweepView />}
      {views.fair && <FairRaceView />}
    </section>
  );
}

function TuneButton() {
  const setViewOpen = useStore((s) => s.setViewOpen);
  const busy = useStore((s) => s.viewBusy.fair);
  return (
    <button type="button" onClick={() => setViewOpen('fair', true)} disabled={busy}>
      Tune η
    </button>
  );
}

function BasinsView() {
  const basins = useStore((s) => s.basins);
  const epsilon = useStore((s) => s.basinEpsilon);
  const setViewOptions = useStore((s) => s.setViewOptions);
  const budget = useStore((s) => s.budget);
  const maps = useMemo(() => basins?.data ?? [], [basins]);
  const color = useMemo(() => iterationScale(maps, budget), [maps, budget]);
  const label = `Basins: iterations after which KL(π*_β ‖ π_t) stays ≤ ${epsilon} from ${fmtInt(maps[0]?.lattice.count ?? 0)} starts per solver within ${fmtInt(budget)} iterations; ${maps
    .map((m) => {
      const s = basinSummary(m.hits);
      return `${getSolver(m.solver).name}: median ${Number.isNaN(s.median) ? 'never' : fmtInt(s.median)}, ${Math.round(100 * s.reached)} % stay within ε`;
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
          <BasinMap key={m.solver} data={m} title={getSolver(m.solver).name} color={color} />
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

function SweepView() {
  const sweep = useStore((s) => s.sweep);
  const metric = useStore((s) => s.sweepMetric);
  const setViewOptions = useStore((s) => s.setViewOptions);
  const applySetting = useStore((s) => s.applySetting);
  const beta = useStore((s) => s.beta);
  const params = useStore((s) => s.params);
  const budget = useStore((s) => s.budget);
  const color = useMemo(() => sweepColor(metric, budget), [metric, budget]);
  const maps = sweep?.data ?? [];
  const label = `Sweep: ${metric === 'hits' ? 'iterations until KL stays ≤ 1e-6' : 'final KL(π*_β ‖ π_T)'} over ${SWEEP_SIZE} × ${SWEEP_SIZE} log-spaced (η, β) per solver; click a cell to race with it. ${maps
    .map((m) => {
      let best = -1;
      m.hits.forEach((h, c) => {
        if (h >= 0 && (best < 0 || h < m.hits[best]!)) best = c;
      });
      if (best < 0) return `${getSolver(m.solver).name}: no setting stays within 1e-6`;
      const eta = m.axes.etas[best % m.axes.etas.length]!;
      const b = m.axes.betas[Math.floor(best / m.axes.etas.length)]!;
      return `${getSolver(m.solver).name}: fastest ${m.hits[best]} iterations at η ${eta.toPrecision(2)}, β ${b.toPrecision(2)}`;
    })
    .join('; ')}`;
  return (
    <figure className="view">
      <figcaption>
        <strong>Sweep</strong> — per solver, {SWEEP_SIZE} × {SWEEP_SIZE} settings of (η, β) in one
        batch, showing{' '}
        <select
          aria-label="Sweep shows"
          value={metric}
          onChange={(e) => setViewOptions({ sweepMetric: e.target.value as 'finalKL' | 'hits' })}
        >
          <option value="hits">iterations until KL stays ≤ 1e-6</option>
          <option value="finalKL">final KL</option>
        </select>
        . Hover a cell to read it; click it to race with that η and β.
        <ComputeCaption view="sweep" info={sweep?.info} />
      </figcaption>
      <div role="img" aria-label={label} className="small-multiples">
        {maps.map((m) => (
          <SweepHeatmap
            key={m.solver}
            map={m}
            title={getSolver(m.solver).name}
            metric={metric}
            color={color}
            current={{ eta: params[m.solver]?.eta ?? null, beta }}
            onPick={(eta, b) => applySetting(m.solver, eta, b)}
          />
        ))}
      </div>
      <ColorLegend
        color={color}
        label={metric === 'hits' ? 'iterations until KL stays ≤ 1e-6' : 'final KL'}
        format={metric === 'hits' ? fmtInt : (v) => v.toExponential(0)}
        extra={[
          ...(metric === 'hits' ? [{ color: NEVER_COLOR, label: 'not within budget' }] : []),
          { ...REFUSED_SWATCH, label: 'refused (ηβ too large)' },
        ]}
      />
    </figure>
  );
}

function klSeries(race: Race): Series[] {
  return race.traces.map((tr) => {
    const def = getSolver(tr.solver);
    return {
      id: tr.solver,
      name: def.name,
      color: def.color,
      dash: def.dash,
      values: tr.klToNE,
      xs: Float64Array.from(tr.times, (t) => t * tr.queriesPerStep),
      times: tr.times,
      floor: tr.atFloor,
    };
  });
}

function FairRaceView() {
  const fair = useStore((s) => s.fair);
  const setViewOpen = useStore((s) => s.setViewOpen);
  const data = fair?.data;
  const defaults = useMemo(() => (data ? klSeries(data.defaults) : []), [data]);
  const tuned = useMemo(() => (data ? klSeries(data.tunedRace) : []), [data]);
  return (
    <section className="view fair" aria-label="Fair race">
      <h3>
        Fair race: theory defaults vs each solver&apos;s best η{' '}
        <button type="button" className="link" onClick={() => setViewOpen('fair', false)}>
          close
        </button>
      </h3>
      <ComputeCaption view="fair" info={fair?.info} />
      {data && (
        <>
          <table className="tuned" aria-label="Tuned steps">
            <thead>
              <tr>
                <th>solver</th>
                <th>tuned η</th>
                <th>iterations until KL stays ≤ {TUNE_EPSILON.toExponential(0)}</th>
                <th>with defaults</th>
              </tr>
            </thead>
            <tbody>
              {data.tuned.map((t) => {
                const d = data.defaults.traces.find((tr) => tr.solver === t.solver);
                // The same count as the tuning: from where KL stays within ε to the end.
                const settled = d ? settledIndex(d.klToNE, TUNE_EPSILON) : -1;
                const first = settled >= 0 ? d!.times[settled]! : -1;
                return (
                  <tr key={t.solver}>
                    <td>{getSolver(t.solver).name}</td>
                    <td>{t.eta.toPrecision(3)}</td>
                    <td>{t.hit >= 0 ? fmtInt(t.hit) : 'not within budget'}</td>
                    <td>{first >= 0 ? fmtInt(first) : 'not within budget'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="chart-row">
            <LogLineChart
              title="Theory defaults"
              description="KL(π*_β‖π_t) with each solver's default step, per preference query"
              series={defaults}
              cursor={data.defaults.budget}
              xLabel="preference queries"
              yLabel="KL(π*_β ‖ π_t)"
            />
            <LogLineChart
              title="Tuned η"
              description={`KL(π*_β‖π_t) with each solver's constant η after which KL stays ≤ ${TUNE_EPSILON.toExponential(0)} soonest, per preference query`}
              series={tuned}
              cursor={data.tunedRace.budget}
              xLabel="preference queries"
              yLabel="KL(π*_β ‖ π_t)"
            />
          </div>
          <p className="hint">
            Fictitious play and RM+ have no step size and are left out of tuning. Steps are tried
            from 10⁻³ to 10² on a log grid; settings a solver refuses (ηβ above its limit) are
            skipped.
          </p>
        </>
      )}
    </section>
  );
}
