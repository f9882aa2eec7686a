import { useMemo } from 'react';
import { getSolver } from '../core/solvers';
import { LegendSwatch } from '../charts/LegendSwatch';
import { LogLineChart, OVERLAY_LEGEND, type Series } from '../charts/LogLineChart';
import { PolicyAreas } from '../charts/PolicyAreas';
import { SolverSwatch } from './SolverSwatch';
import { ChartExport } from './ChartExport';
import { download, raceCsv } from '../state/exports';
import { Simplex } from '../charts/Simplex';
import { FlowFieldLayer } from '../charts/FlowFieldLayer';
import type { Panel } from '../state/urlState';
import {
  averageMetricsOf,
  raceSpec,
  sampleIndex,
  type Band,
  type Race,
  type SolverTrace,
} from '../state/race';
import { useStore } from '../state/store';

function xsOf(trace: SolverTrace, axis: 'iterations' | 'queries'): Float64Array {
  const q = axis === 'queries' ? trace.queriesPerStep : 1;
  return Float64Array.from(trace.times, (t) => t * q);
}

/** One line per solver: `pick` gives the values (the median when sampled) and the band if any. */
function seriesOf(
  race: Race,
  pick: (t: SolverTrace) => { values: Float64Array; band?: Band | undefined },
  axis: 'iterations' | 'queries',
): Series[] {
  return race.traces.map((trace) => {
    const def = getSolver(trace.solver);
    const { values, band } = pick(trace);
    return {
      id: trace.solver,
      name: def.name,
      color: def.color,
      dash: def.dash,
      values,
      xs: xsOf(trace, axis),
      times: trace.times,
      floor: trace.atFloor,
      ...(band ? { band } : {}),
    };
  });
}

/** "…, median and interquartile range over 256 seeds (n = 20 comparisons per query)" or "". */
function seedsNote(race: Race): string {
  if (race.queries.kind !== 'sampled') return '';
  return `; median and interquartile range over ${race.seeds} seeds (n = ${race.queries.samples} comparisons per query)`;
}

/** The three charts side by side, sharing the cursor and one colour per solver. */
/** `classroom`: a link that picked its panels shows the charts without controls and export buttons. */
export function Charts({
  show = () => true,
  classroom = false,
}: {
  show?: (panel: Panel) => boolean;
  classroom?: boolean;
}) {
  const race = useStore((s) => s.race);
  const t = useStore((s) => s.t);
  const axis = useStore((s) => s.xAxis);
  const setXAxis = useStore((s) => s.setXAxis);
  const gapMetric = useStore((s) => s.gapMetric);
  const gapIterate = useStore((s) => s.gapIterate);
  const setGapView = useStore((s) => s.setGapView);
  const kl = useMemo(
    () =>
      race ? seriesOf(race, (tr) => ({ values: tr.klToNE, band: tr.bands?.klToNE }), axis) : [],
    [race, axis],
  );
  const theory = useMemo(() => (race ? theoryOverlays(race, axis) : []), [race, axis]);
  const gap = useMemo(() => {
    if (!race) return [];
    const pick = (tr: SolverTrace): { values: Float64Array; band?: Band | undefined } => {
      if (gapIterate === 'last')
        return gapMetric === 'regGap'
          ? { values: tr.regGap, band: tr.bands?.regGap }
          : { values: tr.exploitability, band: tr.bands?.exploitability };
      const avg = averageMetricsOf(race, tr);
      return gapMetric === 'regGap'
        ? { values: avg.averageRegGap, band: avg.bands?.averageRegGap }
        : { values: avg.averageExploitability, band: avg.bands?.averageExploitability };
    };
    return seriesOf(race, pick, axis);
  }, [race, axis, gapMetric, gapIterate]);
  if (!race) return <p className="hint">Computing the race…</p>;
  // The cursor is an iteration; sampled races keep every race.every-th one.
  const cursor = sampleIndex(race.traces[0]!, t);
  const note = seedsNote(race);
  const legend = race.traces.map((tr) => {
    const def = getSolver(tr.solver);
    return { name: def.name, color: def.color, dash: def.dash };
  });
  const xLabel = axis === 'queries' ? 'preference queries' : 'iterations';
  return (
    <section className="charts" aria-label="Charts">
      {!classroom && (
        <div className="chart-controls">
          <button
            type="button"
            onClick={() => download('nash-playground-race.csv', raceCsv(race), 'text/csv')}
          >
            Export CSV
          </button>
          <label>
            Exploitability chart shows{' '}
            <select
              value={gapMetric}
              onChange={(e) =>
                setGapView({ gapMetric: e.target.value as 'regGap' | 'exploitability' })
              }
            >
              <option value="regGap">regularized gap</option>
              <option value="exploitability">exploitability (β = 0)</option>
            </select>{' '}
            of the{' '}
            <select
              value={gapIterate}
              onChange={(e) => setGapView({ gapIterate: e.target.value as 'last' | 'average' })}
            >
              <option value="last">last iterate</option>
              <option value="average">running average</option>
            </select>
          </label>{' '}
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
      )}
      <div className="chart-row">
        {show('convergence') && (
          <ChartExport
            enabled={!classroom}
            title="Convergence"
            legend={theory.length ? [...legend, OVERLAY_LEGEND] : legend}
          >
            <LogLineChart
              title="Convergence"
              description={`KL(π*_β‖π_t), last iterate, log scale${theory.length ? '; wide pale lines: proven rates' : ''}${note}`}
              series={kl}
              overlays={theory}
              cursor={cursor}
              xLabel={xLabel}
              yLabel="KL(π*_β ‖ π_t)"
            />
          </ChartExport>
        )}
        {show('exploitability') && (
          <ChartExport enabled={!classroom} title="Exploitability" legend={legend}>
            <LogLineChart
              title="Exploitability"
              description={`${gapMetric === 'regGap' ? 'regularized duality gap' : 'exploitability'} of the ${gapIterate === 'last' ? 'last iterate' : 'running average'}, log scale${note}`}
              series={gap}
              cursor={cursor}
              xLabel={xLabel}
              yLabel={gapMetric === 'regGap' ? 'regularized gap' : 'exploitability'}
            />
          </ChartExport>
        )}
        {show('simplex') && (
          <ChartExport enabled={!classroom} title="Simplex" legend={legend}>
            <SimplexView race={race} cursor={cursor} />
          </ChartExport>
        )}
      </div>
      <Legend race={race} provenRates={theory.length > 0} />
      {race.K > 3 && <AreasView race={race} cursor={cursor} />}
    </section>
  );
}

/** Renormalized probabilities of three actions: the face of the simplex they span. */
function project(policies: Float64Array, K: number, actions: readonly number[]): Float64Array {
  const T = policies.length / K;
  const out = new Float64Array(3 * T);
  for (let t = 0; t < T; t++) {
    let total = 0;
    for (const a of actions) total += policies[t * K + a]!;
    actions.forEach((a, j) => (out[3 * t + j] = total > 0 ? policies[t * K + a]! / total : 1 / 3));
  }
  return out;
}

/** The flow-field layer's controls: on/off and whose field (computed for every selected solver). */
function FlowFieldControls({ race }: { race: Race }) {
  const open = useStore((s) => s.views.flow);
  const setViewOpen = useStore((s) => s.setViewOpen);
  const flowSolver = useStore((s) => s.flowSolver);
  const setViewOptions = useStore((s) => s.setViewOptions);
  const flow = useStore((s) => s.flow);
  const busy = useStore((s) => s.viewBusy.flow);
  const error = useStore((s) => s.viewError.flow);
  const solver = race.traces.some((t) => t.solver === flowSolver)
    ? flowSolver!
    : race.traces[0]!.solver;
  return (
    <div className="flow-controls">
      <label>
        <input
          type="checkbox"
          checked={open}
          onChange={(e) => setViewOpen('flow', e.target.checked)}
        />{' '}
        Flow field
      </label>{' '}
      {open && (
        <>
          <select
            aria-label="Flow field of"
            value={solver}
            onChange={(e) =>
              setViewOptions({ flowSolver: e.target.value as SolverTrace['solver'] })
            }
          >
            {race.traces.map((tr) => (
              <option key={tr.solver} value={tr.solver}>
                {getSolver(tr.solver).name}
              </option>
            ))}
          </select>
          <span className="compute-info" aria-live="polite">
            {' '}
            {error
              ? error
              : `${busy ? 'Computing… ' : ''}${flow ? `${flow.data.length} × ${flow.data[0]?.lattice.count.toLocaleString('en-US')} points in ${Math.round(flow.info.ms)} ms by ${flow.info.engine} (${flow.info.backend})` : ''}`}
          </span>
        </>
      )}
    </div>
  );
}

function SimplexView({ race, cursor }: { race: Race; cursor: number }) {
  const chosen = useStore((s) => s.simplexActions);
  const setAction = useStore((s) => s.setSimplexAction);
  const flowOpen = useStore((s) => s.views.flow);
  const flow = useStore((s) => s.flow);
  const flowSolver = useStore((s) => s.flowSolver);
  const { actions, start } = race.settings.game;
  const K = race.K;
  const shown = K === 3 ? [0, 1, 2] : chosen;
  const field =
    flowOpen && K === 3
      ? (flow?.data.find((f) => f.solver === flowSolver) ?? flow?.data[0])
      : undefined;
  return (
    <div>
      {K === 3 && <FlowFieldControls race={race} />}
      {K > 3 && (
        <fieldset className="simplex-actions">
          <legend>Actions on the simplex</legend>
          {([0, 1, 2] as const).map((slot) => (
            <select
              key={slot}
              aria-label={`Simplex vertex ${slot + 1}`}
              value={chosen[slot]}
              onChange={(e) => setAction(slot, Number(e.target.value))}
            >
              {actions.map((a, i) => (
                <option key={a} value={i}>
                  {a}
                </option>
              ))}
            </select>
          ))}
        </fieldset>
      )}
      <Simplex
        labels={[actions[shown[0]!]!, actions[shown[1]!]!, actions[shown[2]!]!]}
        traces={race.traces.map((tr) => {
          const def = getSolver(tr.solver);
          return {
            id: tr.solver,
            name: def.name,
            color: def.color,
            dash: def.dash,
            policies: K === 3 ? tr.policies : project(tr.policies, K, shown),
          };
        })}
        cursor={cursor}
        times={race.traces[0]!.times}
        {...(race.seeds > 1
          ? {
              note: `seed ${race.queries.kind === 'sampled' ? race.queries.seed : 0} (first of ${race.seeds})`,
            }
          : {})}
        equilibrium={K === 3 ? race.equilibrium : project(race.equilibrium, K, shown)}
        nash={K === 3 ? race.nash : project(race.nash, K, shown)}
        start={K === 3 ? start : project(start, K, shown)}
        {...(K === 3
          ? { onPickStart: (p: [number, number, number]) => useStore.getState().setStart(p) }
          : {})}
        {...(field
          ? {
              underlay: <FlowFieldLayer field={field} solverName={getSolver(field.solver).name} />,
            }
          : {})}
      />
    </div>
  );
}

function AreasView({ race, cursor }: { race: Race; cursor: number }) {
  const chosen = useStore((s) => s.areaSolver);
  const setSolver = useStore((s) => s.setAreaSolver);
  const trace = race.traces.find((tr) => tr.solver === chosen) ?? race.traces[0]!;
  return (
    <div className="areas">
      <label>
        Policy over time for{' '}
        <select
          value={trace.solver}
          onChange={(e) => setSolver(e.target.value as SolverTrace['solver'])}
        >
          {race.traces.map((tr) => (
            <option key={tr.solver} value={tr.solver}>
              {getSolver(tr.solver).name}
            </option>
          ))}
        </select>
      </label>
      <PolicyAreas
        solverName={getSolver(trace.solver).name}
        actions={race.settings.game.actions}
        policies={trace.policies}
        times={trace.times}
        cursor={cursor}
      />
    </div>
  );
}

/**
 * §3's proven rates as wide pale lines in each solver's colour, for the solvers and parameters
 * they hold for. The bounds are for exact steps: none under sampled queries, and none for Nash-MP
 * with inner steps (m ≥ 1).
 */
function theoryOverlays(race: Race, axis: 'iterations' | 'queries'): Series[] {
  const out: Series[] = [];
  if (race.queries.kind === 'sampled') return out;
  const members = raceSpec(race.settings).members;
  for (const tr of race.traces) {
    const def = getSolver(tr.solver);
    if (!def.theory) continue;
    const member = members.find((m) => m.solver === tr.solver)!;
    if ((member.params.inner ?? 0) >= 1) continue;
    const kl0 = tr.klToNE[0]!;
    const values = Float64Array.from(
      tr.times,
      (t) => def.theory!.bound(t, { beta: member.params.beta, eta: member.params.eta, kl0 }) ?? NaN,
    );
    if (values.every((v) => Number.isNaN(v))) continue;
    out.push({
      id: tr.solver,
      name: `${def.name} (theory)`,
      color: def.color,
      dash: '',
      values,
      xs: xsOf(tr, axis),
    });
  }
  return out;
}

function Legend({ race, provenRates }: { race: Race; provenRates: boolean }) {
  return (
    <ul className="legend" aria-label="Legend">
      {race.traces.map((tr) => {
        const def = getSolver(tr.solver);
        return (
          <li key={tr.solver} data-solver={tr.solver}>
            <SolverSwatch solver={def} width={26} />
            {def.name}
          </li>
        );
      })}
      {provenRates && (
        <li data-overlay="">
          <LegendSwatch entry={OVERLAY_LEGEND} />
          {OVERLAY_LEGEND.name}
        </li>
      )}
    </ul>
  );
}
