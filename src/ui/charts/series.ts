/** From a race to the chart components' series: one line per solver, plus proven-rate overlays. */
import { getSolver } from '../../core/solvers';
import { traceMetric, type TraceMetric } from '../../experiment/averages';
import type { Race, SolverTrace } from '../../experiment/race';
import type { Series } from '../../charts/LogLineChart';
import type { LegendEntry } from '../../charts/exportChart';

export type XAxis = 'iterations' | 'queries';

export function xsOf(trace: SolverTrace, axis: XAxis): Float64Array {
  const q = axis === 'queries' ? trace.queriesPerStep : 1;
  return Float64Array.from(trace.times, (t) => t * q);
}

/** One line per solver of a metric (the median when sampled, with its band). */
export function metricSeries(
  race: Race,
  metric: TraceMetric,
  iterate: 'last' | 'average',
  axis: XAxis,
): Series[] {
  return race.traces.map((trace) => {
    const def = getSolver(trace.solver);
    const { values, band } = traceMetric(race, trace, metric, iterate);
    return {
      id: trace.solver,
      name: def.name,
      color: def.color,
      dash: def.dash,
      values,
      xs: xsOf(trace, axis),
      times: trace.times,
      // The float32 floor flags describe the last iterate only.
      ...(iterate === 'last' ? { floor: trace.atFloor } : {}),
      ...(band ? { band } : {}),
    };
  });
}

/** "…, median and interquartile range over 256 seeds (n = 20 comparisons per query)" or "". */
export function seedsNote(race: Race): string {
  if (race.queries.kind !== 'sampled') return '';
  return `; median and interquartile range over ${race.seeds} seeds (n = ${race.queries.samples} comparisons per query)`;
}

export function legendOf(race: Race): LegendEntry[] {
  return race.traces.map((tr) => {
    const def = getSolver(tr.solver);
    return { name: def.name, color: def.color, dash: def.dash };
  });
}

/**
 * The proven rates as wide pale lines in each solver's colour, for the solvers and parameters they hold for. The bounds are
 * for exact steps: none under sampled queries, and none for Nash-MP with inner steps (m ≥ 1).
 * The parameters are those the engine ran (the race carries them).
 */
export function theoryOverlays(race: Race, axis: XAxis): Series[] {
  const out: Series[] = [];
  if (race.queries.kind === 'sampled') return out;
  for (const tr of race.traces) {
    const def = getSolver(tr.solver);
    if (!def.theory) continue;
    if ((tr.params.inner ?? 0) >= 1) continue;
    const kl0 = tr.klToNE[0]!;
    const values = Float64Array.from(
      tr.times,
      (t) => def.theory!.bound(t, { beta: tr.params.beta, eta: tr.params.eta, kl0 }) ?? NaN,
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
