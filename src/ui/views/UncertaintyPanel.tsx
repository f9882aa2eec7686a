import { useMemo } from 'react';
import { BootstrapCloud } from '../../charts/BootstrapCloud';
import { ErrorBars } from '../../charts/ErrorBars';
import { summarizeCounts } from '../../core/counts';
import { cycleText } from '../../core/majority';
import { useStore } from '../../state/store';
import { ComputeCaption } from './ComputeCaption';
import { fmtInt } from './format';

const BETA_COLOR = '#0072B2';
const NASH0_COLOR = '#D55E00';
const pct = (v: number): string => `${Math.round(100 * v)} %`;
const fmt = (x: number): string => (Math.abs(x) < 5e-4 ? 0 : x).toFixed(3);

/** The three actions the cloud shows: those the β = 0 equilibrium weighs most (all when K = 3). */
function topThree(weights: Float64Array): [number, number, number] {
  const order = Array.from(weights, (w, i) => [w, i] as const).sort((a, b) => b[0] - a[0]);
  return [order[0]![1], order[1]![1], order[2]![1]].sort((a, b) => a - b) as [
    number,
    number,
    number,
  ];
}

function face(points: Float64Array, K: number, shown: readonly number[]): Float64Array {
  const n = points.length / K;
  const out = new Float64Array(3 * n);
  for (let r = 0; r < n; r++) {
    let total = 0;
    for (const a of shown) total += points[r * K + a]!;
    shown.forEach((a, j) => (out[3 * r + j] = total > 0 ? points[r * K + a]! / total : 1 / 3));
  }
  return out;
}

/**
 * How sure the votes make us: a bootstrap over the comparisons (each pair's votes redrawn), with
 * per-action intervals of π*_β and of the β = 0 equilibrium (the maximal lottery), their clouds
 * on the simplex, how often the majority cycle survives, and the Bradley–Terry reward model fitted
 * to the same votes beside the Nash policy.
 */
export function UncertaintyPanel() {
  const game = useStore((s) => s.game);
  const result = useStore((s) => s.bootstrap);
  const data = result?.data;
  const summary = useMemo(
    () => (game.counts ? summarizeCounts(game.counts, game.K) : null),
    [game],
  );
  if (!summary) return null;
  const fresh = data && data.K === game.K ? data : undefined;
  const shown = fresh ? (game.K === 3 ? [0, 1, 2] : topThree(fresh.point.nash0)) : [0, 1, 2];
  return (
    <section
      className="view uncertainty"
      aria-label="Uncertainty from the votes"
      data-tour-target="bootstrap"
    >
      <h3>Uncertainty from the votes</h3>
      <p className="hint">
        {fmtInt(summary.votes)} votes over {summary.comparedPairs} of {summary.pairs} pairs
        {summary.uncompared.length > 0
          ? `; never compared (P = ½ there): ${summary.uncompared
              .slice(0, 6)
              .map(([i, j]) => `${game.actions[i]} – ${game.actions[j]}`)
              .join(', ')}${summary.uncompared.length > 6 ? ', …' : ''}`
          : ''}
        . Each of {fmtInt(200)} resamples redraws every pair&apos;s votes and solves both
        equilibria.
      </p>
      <ComputeCaption view="bootstrap" info={result?.info} />
      {fresh && (
        <>
          <p className="majority" aria-live="polite">
            {fresh.point.cycle
              ? `The majority cycle ${cycleText(fresh.point.cycle, game.actions)} holds in ${pct(fresh.sameCycleFraction ?? 0)} of resamples; some majority cycle in ${pct(fresh.cycleFraction)}.`
              : `The votes' majority relation has no cycle; ${pct(fresh.cycleFraction)} of resamples have one.`}
          </p>
          <div className="chart-row">
            <figure className="chart">
              <figcaption>Equilibria with {Math.round(fresh.level * 100)} % intervals</figcaption>
              <ErrorBars
                title="Equilibria with bootstrap intervals"
                actions={game.actions}
                level={fresh.level}
                series={[
                  {
                    id: 'beta',
                    name: `π*_β (β = ${fresh.beta})`,
                    color: BETA_COLOR,
                    point: fresh.point.nashBeta,
                    lower: fresh.intervals.nashBeta.lower,
                    upper: fresh.intervals.nashBeta.upper,
                  },
                  {
                    id: 'nash0',
                    name: 'β = 0 (maximal lottery)',
                    color: NASH0_COLOR,
                    point: fresh.point.nash0,
                    lower: fresh.intervals.nash0.lower,
                    upper: fresh.intervals.nash0.upper,
                  },
                ]}
              />
            </figure>
            <figure className="chart">
              <figcaption>
                Bootstrap cloud
                {game.K > 3 ? ` (face of ${shown.map((a) => game.actions[a]).join(', ')})` : ''}
              </figcaption>
              <BootstrapCloud
                labels={shown.map((a) => game.actions[a]!) as [string, string, string]}
                series={[
                  {
                    id: 'beta',
                    name: 'π*_β',
                    color: BETA_COLOR,
                    points: face(fresh.nashBeta, game.K, shown),
                    center: face(fresh.point.nashBeta, game.K, shown),
                  },
                  {
                    id: 'nash0',
                    name: 'β = 0 equilibrium',
                    color: NASH0_COLOR,
                    points: face(fresh.nash0, game.K, shown),
                    center: face(fresh.point.nash0, game.K, shown),
                  },
                ]}
              />
            </figure>
          </div>
          <table className="matrix" aria-label="Bradley–Terry fit vs Nash equilibrium on the votes">
            <thead>
              <tr>
                <th scope="col">action</th>
                <th scope="col">BT score</th>
                <th scope="col">π_RM (β = {fresh.beta})</th>
                <th scope="col">π*_β</th>
                <th scope="col">β = 0</th>
              </tr>
            </thead>
            <tbody>
              {game.actions.map((a, i) => (
                <tr key={a}>
                  <th scope="row">{a}</th>
                  <td>{fresh.bradleyTerry.ok ? fmt(fresh.bradleyTerry.fit.scores[i]!) : '—'}</td>
                  <td>{fresh.rewardPolicy ? fmt(fresh.rewardPolicy[i]!) : '—'}</td>
                  <td>{fmt(fresh.point.nashBeta[i]!)}</td>
                  <td>{fmt(fresh.point.nash0[i]!)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {!fresh.bradleyTerry.ok && <p className="hint">{fresh.bradleyTerry.reason}</p>}
        </>
      )}
    </section>
  );
}
