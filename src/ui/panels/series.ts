/** From a race to the chart components' series: one line per solver, plus proven-rate overlays. */
import { theoryApplies } from '../../core/solvers';
import { traceMetric, type TraceMetric } from '../../experiment/averages';
import type { Race, SolverTrace } from '../../experiment/race';
import type { Series } from '../../charts/LogLineChart';
import type { LegendEntry } from '../../charts/exportChart';
import { logDomainOf } from '../../charts/marks/frame';
import { aboveTop } from '../../charts/marks/Overlays';
import { hitOf } from '../../experiment/hits';
import { hitText } from './epsilon';

export type XAxis = 'iterations' | 'queries';

export function xsOf(trace: SolverTrace, axis: XAxis): Float64Array {
  const q = axis === 'queries' ? trace.queriesPerStep : 1;
  // A plain loop: Float64Array.from with a mapping function goes through the iterator protocol,
  // which was the page's largest cost after a β change (2,001 samples × 14 solvers × 3 charts).
  const xs = new Float64Array(trace.times.length);
  for (let i = 0; i < xs.length; i++) xs[i] = trace.times[i]! * q;
  return xs;
}

/**
 * One line per solver of a metric (the median when sampled, with its band); with `epsilon`,
 * each line carries its hit (where it stays ≤ ε), marked on the curve and said in the label.
 */
export function metricSeries(
  race: Race,
  metric: TraceMetric,
  iterate: 'last' | 'average',
  axis: XAxis,
  epsilon?: number,
): Series[] {
  return race.traces.map((trace) => {
    const { values, band } = traceMetric(race, trace, metric, iterate);
    const hit = epsilon === undefined ? undefined : hitOf(trace, values, epsilon);
    return {
      id: trace.key,
      name: trace.name,
      color: trace.color,
      dash: trace.dash,
      values,
      xs: xsOf(trace, axis),
      times: trace.times,
      // The float32 floor flags describe the last iterate only.
      ...(iterate === 'last' ? { floor: trace.atFloor } : {}),
      ...(band ? { band } : {}),
      ...(hit !== undefined && epsilon !== undefined
        ? {
            hit: {
              index: hit ? trace.times.indexOf(hit.t) : null,
              text: hitText(hit, epsilon),
            },
          }
        : {}),
    };
  });
}

/**
 * The proven bounds the Convergence chart leaves out: those above its top for the whole run
 * (the last iterate's KL fixes the top), which the legend names ("INPO bound off scale").
 */
export function offScaleBounds(race: Race): { key: string; name: string }[] {
  const theory = theoryOverlays(race, 'iterations');
  if (theory.length === 0) return [];
  const top = logDomainOf(metricSeries(race, 'klToNE', 'last', 'iterations'))[1];
  return theory
    .filter((s) => aboveTop(s, top))
    .map((s) => ({ key: s.id, name: race.traces.find((tr) => tr.key === s.id)?.name ?? s.id }));
}

/**
 * Each solver's KL target where the race's solvers differ in it (π*₀ for refreshed runs and
 * MPO, π*_β for the others), by trace key; empty where they all share one.
 */
export function targetsOf(race: Race): Map<string, string> {
  const targets = new Set(race.traces.map((tr) => tr.targetBeta));
  if (targets.size <= 1) return new Map();
  return new Map(race.traces.map((tr) => [tr.key, tr.targetBeta === 0 ? 'π*₀' : 'π*_β']));
}

/** "…, median and interquartile range over 256 seeds (n = 20 comparisons per query)" or "". */
export function seedsNote(race: Race): string {
  if (race.queries.kind === 'exact') return '';
  const per =
    race.queries.kind === 'sampled'
      ? `n = ${race.queries.samples} comparisons per query`
      : `${race.queries.kind} queries, n = ${race.queries.samples} samples per query`;
  return `; median and interquartile range over ${race.seeds} seeds (${per})`;
}

export function legendOf(race: Race): LegendEntry[] {
  return race.traces.map((tr) => ({ name: tr.name, color: tr.color, dash: tr.dash }));
}

/**
 * The proven rates as wide pale lines in each solver's colour, for the solvers and parameters they hold for. The bounds are
 * for exact steps: none under sampled queries, and none for Nash-MP with inner steps (m ≥ 1).
 * The parameters are those the engine ran (the race carries them).
 */
export function theoryOverlays(race: Race, axis: XAxis): Series[] {
  const out: Series[] = [];
  if (race.queries.kind !== 'exact') return out;
  for (const tr of race.traces) {
    const theory = tr.theory;
    // A rate towards π*_β: not once the reference moves (a refresh, mpo).
    if (!theory || !theoryApplies(tr.params) || tr.solver === 'mpo') continue;
    if ((tr.params.inner ?? 0) >= 1) continue;
    const kl0 = tr.klToNE[0]!;
    const at = { beta: tr.params.beta, eta: tr.params.eta, kl0 };
    const values = new Float64Array(tr.times.length);
    for (let i = 0; i < values.length; i++) values[i] = theory.bound(tr.times[i]!, at) ?? NaN;
    if (values.every((v) => Number.isNaN(v))) continue;
    out.push({
      id: tr.key,
      name: `${tr.name} (theory)`,
      color: tr.color,
      dash: '',
      values,
      xs: xsOf(tr, axis),
    });
  }
  return out;
}

/** The reference refreshes (μ ← π_t at t = R, 2R, …) of each refreshed run, as chart marks. */
export function refreshMarks(
  race: Race,
  axis: XAxis,
): { id: string; color: string; xs: number[]; label: string }[] {
  return race.traces
    .filter((tr) => tr.refresh > 0)
    .map((tr) => {
      const q = axis === 'queries' ? tr.queriesPerStep : 1;
      const xs: number[] = [];
      for (let t = tr.refresh; t <= race.budget && xs.length < 1000; t += tr.refresh)
        xs.push(t * q);
      return { id: tr.key, color: tr.color, xs, label: `${tr.name} refreshes every ${tr.refresh}` };
    });
}

/**
 * What the Convergence chart's KL is measured against: π*_β, π*₀ (β = 0, or every run refreshed
 * or mpo), or each run's own target when they differ.
 */
export function klTarget(race: Race): string {
  const targets = new Set(race.traces.map((tr) => tr.targetBeta));
  if (targets.size > 1) return 'π* (π*₀ for refreshed runs and mpo, π*_β for the others)';
  return [...targets][0] === 0 ? 'π*₀' : 'π*_β';
}
