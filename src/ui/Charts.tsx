import { useMemo } from 'react';
import { getSolver } from '../core/solvers';
import { LogLineChart, type Series } from '../charts/LogLineChart';
import { Simplex } from '../charts/Simplex';
import type { Race, SolverTrace } from '../state/race';
import { useStore } from '../state/store';

function xsOf(trace: SolverTrace, axis: 'iterations' | 'queries'): Float64Array {
  const n = trace.klToNE.length;
  const q = axis === 'queries' ? trace.queriesPerStep : 1;
  return Float64Array.from({ length: n }, (_, t) => t * q);
}

function seriesOf(
  race: Race,
  pick: (t: SolverTrace) => Float64Array,
  axis: 'iterations' | 'queries',
): Series[] {
  return race.traces.map((trace) => {
    const def = getSolver(trace.solver);
    return {
      id: trace.solver,
      name: def.name,
      color: def.color,
      dash: def.dash,
      values: pick(trace),
      xs: xsOf(trace, axis),
    };
  });
}

/** The three charts side by side, sharing the cursor and one colour per solver. */
export function Charts() {
  const race = useStore((s) => s.race);
  const t = useStore((s) => s.t);
  const axis = useStore((s) => s.xAxis);
  const setXAxis = useStore((s) => s.setXAxis);
  const kl = useMemo(() => (race ? seriesOf(race, (tr) => tr.klToNE, axis) : []), [race, axis]);
  const gap = useMemo(() => (race ? seriesOf(race, (tr) => tr.regGap, axis) : []), [race, axis]);
  if (!race) return <p className="hint">Computing the race…</p>;
  const xLabel = axis === 'queries' ? 'preference queries' : 'iterations';
  const labels = race.settings.game.actions;
  return (
    <section className="charts" aria-label="Charts">
      <div className="chart-controls">
        <label>
          x axis{' '}
          <select
            value={axis}
            onChange={(e) => setXAxis(e.target.value as 'iterations' | 'queries')}
          >
            <option value="iterations">iterations</option>
            <option value="queries">preference queries</option>
          </select>
        </label>
      </div>
      <div className="chart-row">
        <LogLineChart
          title="Convergence"
          description="KL(π*_β‖π_t), last iterate, log scale"
          series={kl}
          cursor={t}
          xLabel={xLabel}
          yLabel="KL(π*_β ‖ π_t)"
        />
        <LogLineChart
          title="Exploitability"
          description="regularized duality gap of the last iterate, log scale"
          series={gap}
          cursor={t}
          xLabel={xLabel}
          yLabel="regularized gap"
        />
        {race.K === 3 ? (
          <Simplex
            labels={[labels[0]!, labels[1]!, labels[2]!]}
            traces={race.traces.map((tr) => {
              const def = getSolver(tr.solver);
              return {
                id: tr.solver,
                name: def.name,
                color: def.color,
                dash: def.dash,
                policies: tr.policies,
              };
            })}
            cursor={t}
            equilibrium={race.equilibrium}
            nash={race.nash}
            start={race.settings.game.start}
            onPickStart={(p) => useStore.getState().setStart(p)}
          />
        ) : (
          <p className="hint">
            The simplex view shows K = 3 games; this game has {race.K} actions.
          </p>
        )}
      </div>
      <Legend race={race} />
    </section>
  );
}

function Legend({ race }: { race: Race }) {
  return (
    <ul className="legend" aria-label="Legend">
      {race.traces.map((tr) => {
        const def = getSolver(tr.solver);
        return (
          <li key={tr.solver}>
            <svg width="26" height="10" aria-hidden="true">
              <line
                x1="1"
                x2="25"
                y1="5"
                y2="5"
                stroke={def.color}
                strokeWidth="2.5"
                strokeDasharray={def.dash || undefined}
              />
            </svg>
            {def.name}
          </li>
        );
      })}
    </ul>
  );
}
