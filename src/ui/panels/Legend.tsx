import { LegendSwatch } from '../../charts/LegendSwatch';
import { OVERLAY_LEGEND } from '../../charts/LogLineChart';
import { useMemo } from 'react';
import type { TraceMetric } from '../../experiment/averages';
import { epsilonText, hitText, legendMetric, METRIC_NAMES, traceHit } from '../../experiment/hits';
import type { Race } from '../../experiment/race';
import { useStore } from '../../state/store';
import { SolverSwatch } from '../SolverSwatch';

/**
 * One entry per solver in the race, the proven rates' style when drawn; solvers left out say why.
 * Each solver's entry is a toggle: pressed, that solver is shown alone in every chart (the others
 * faded); pressed again, all are shown. A classroom link (`interactive` false) shows the entries
 * only, as it shows no other control than the ones it names.
 */
export function Legend({
  race,
  provenRates,
  interactive = true,
  offScale = [],
  refreshTicks = false,
  targets = new Map<string, string>(),
}: {
  race: Race;
  provenRates: boolean;
  interactive?: boolean;
  /** Proven bounds above the Convergence chart's top, left out of it: named here instead. */
  offScale?: readonly { key: string; name: string }[];
  /** Whether the Convergence chart shows reference-refresh ticks (an entry says what they are). */
  refreshTicks?: boolean;
  /** Each solver's KL target, where the solvers differ in it (targetsOf). */
  targets?: ReadonlyMap<string, string>;
}) {
  const isolated = useStore((s) => s.isolated);
  const toggleIsolated = useStore((s) => s.toggleIsolated);
  const theme = useStore((s) => s.theme);
  const epsilon = useStore((s) => s.epsilon);
  const iterate = useStore((s) => s.iterate);
  const gapMetric = useStore((s) => s.gapMetric);
  const refused = Object.entries(race.refused);
  // Where each solver's metric stays ≤ ε, read off the whole trace (not the playback cursor).
  const hits = useMemo(
    () =>
      new Map(
        race.traces.map((tr) => {
          const metric = legendMetric(tr, gapMetric);
          return [tr.key, { metric, hit: traceHit(race, tr, metric, iterate, epsilon) }];
        }),
      ),
    [race, epsilon, iterate, gapMetric],
  );
  const active = interactive && race.traces.some((tr) => tr.key === isolated) ? isolated : null;
  return (
    <ul className="legend" aria-label="Legend">
      {race.traces.map((tr) => {
        const pressed = active === tr.key;
        const swatch = <SolverSwatch solver={tr} theme={theme} width={26} />;
        return (
          <li key={tr.key} data-solver={tr.key}>
            {interactive ? (
              <button
                type="button"
                className="legend-entry"
                aria-pressed={pressed}
                data-muted={active && !pressed ? '' : undefined}
                title={
                  pressed
                    ? 'Shown alone: click to show every solver again'
                    : `Click to show ${tr.name} alone in every chart`
                }
                onClick={() => toggleIsolated(tr.key)}
              >
                {swatch}
                {tr.name}
              </button>
            ) : (
              <>
                {swatch}
                {tr.name}
              </>
            )}
            {targets.has(tr.key) && <span className="target"> KL to {targets.get(tr.key)}</span>}
            <HitNote
              {...hits.get(tr.key)!}
              epsilon={epsilon}
              iterate={iterate}
              sampled={race.queries.kind === 'sampled'}
            />
            {tr.stopped && (
              <span className="stopped" role="note">
                {' '}
                stopped at t = {tr.stopped.t}: step “{tr.stopped.step}” gave{' '}
                {tr.stopped.value === 'NaN' ? 'NaN' : '∞'}
              </span>
            )}
          </li>
        );
      })}
      {provenRates && (
        <li data-overlay="">
          <LegendSwatch entry={OVERLAY_LEGEND} />
          {OVERLAY_LEGEND.name}
        </li>
      )}
      {offScale.map(({ key, name }) => (
        <li key={`off-${key}`} className="off-scale" data-off-scale={key}>
          {name} bound off scale
        </li>
      ))}
      {refreshTicks && (
        <li data-refresh-ticks="">
          <svg width={12} height={12} aria-hidden="true">
            <line x1={6} x2={6} y1={1} y2={9} stroke="currentColor" strokeWidth={1.5} />
          </svg>
          reference refresh μ ← π_t (ticks along the top)
        </li>
      )}
      {refused.map(([key, { name, message }]) => (
        <li key={key} className="refused" data-refused={key}>
          {name}: not run — {message}
        </li>
      ))}
    </ul>
  );
}

/** "stays ≤ ε from iteration N (Q queries)" or "not within the budget", beside a solver's name. */
function HitNote({
  metric,
  hit,
  epsilon,
  iterate,
  sampled,
}: {
  metric: TraceMetric;
  hit: ReturnType<typeof traceHit>;
  epsilon: number;
  iterate: 'last' | 'average';
  sampled: boolean;
}) {
  const of = iterate === 'last' ? 'last iterate' : 'running average';
  return (
    <span
      className="hit"
      data-hit={hit ? hit.t : ''}
      title={`${METRIC_NAMES[metric]} of the ${of}${sampled ? ' (median over the seeds, at the kept iterations)' : ''}, ε = ${epsilonText(epsilon)}: ${hit ? `≤ ε at every iteration from ${hit.t} to the end of the budget` : 'still above ε at the end of the budget'}`}
    >
      {metric === 'klToNE' ? '' : `${METRIC_NAMES[metric]} `}
      {hitText(hit)}
    </span>
  );
}
