import type { BradleyTerryFit } from '../core/bradleyTerry';
import type { PopulationAnalysis } from '../experiment/population';

/** Three decimals, without "−0.000" for values that are zero up to rounding. */
function fmt(x: number): string {
  return (Math.abs(x) < 5e-4 ? 0 : x).toFixed(3);
}

/** What the reward model would prefer; its ranking only when it is not indifferent. */
function preferenceText(fit: BradleyTerryFit, actions: readonly string[]): string {
  if (fit.top.length === actions.length) return 'The reward model scores every action alike';
  const top = fit.top.map((i) => actions[i]).join(' = ');
  return `The reward model prefers ${top} (ranking ${fit.ranking.map((i) => actions[i]).join(' ≻ ')})`;
}

/**
 * What the population amounts to: the aggregated P, whether its majority relation is transitive
 * (naming a Condorcet cycle when not), and the Bradley–Terry reward model fitted to the same
 * comparisons next to the Nash equilibria.
 */
export function PopulationReport({
  analysis,
  actions,
  beta,
}: {
  analysis: PopulationAnalysis;
  actions: readonly string[];
  beta: number;
}) {
  const { evaluation, majorityText, comparison } = analysis;
  if (!evaluation.ok) return null;
  const P = evaluation.P;
  return (
    <div className="population-report">
      <table className="matrix" aria-label="Aggregated preference matrix P">
        <thead>
          <tr>
            <th scope="col">P(row ≻ col)</th>
            {actions.map((a) => (
              <th key={a} scope="col">
                {a}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {actions.map((a, i) => (
            <tr key={a}>
              <th scope="row">{a}</th>
              {actions.map((b, j) => (
                <td key={b} className={P[i]![j]! > 0.5 ? 'wins' : undefined}>
                  {i === j ? '½' : fmt(P[i]![j]!)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="majority" aria-live="polite">
        {majorityText}
      </p>
      {comparison && !comparison.ok && <p className="hint">{comparison.reason}</p>}
      {comparison?.ok && (
        <>
          <table className="matrix" aria-label="Bradley–Terry fit vs Nash equilibrium">
            <caption>Bradley–Terry reward model vs Nash (β = {beta})</caption>
            <thead>
              <tr>
                <th scope="col">action</th>
                <th scope="col" title="maximum-likelihood Bradley–Terry score (centred)">
                  BT score
                </th>
                <th scope="col" title={`RLHF with this reward model: π ∝ μ·exp(s/β), β = ${beta}`}>
                  π_RM
                </th>
                <th scope="col" title={`regularized Nash equilibrium at β = ${beta}`}>
                  π*_β
                </th>
                <th scope="col" title="unregularized Nash equilibrium">
                  π*₀
                </th>
              </tr>
            </thead>
            <tbody>
              {actions.map((a, i) => (
                <tr key={a}>
                  <th scope="row">{a}</th>
                  <td>{fmt(comparison.value.fit.scores[i]!)}</td>
                  <td>{fmt(comparison.value.rewardPolicy[i]!)}</td>
                  <td>{fmt(comparison.value.nashBeta[i]!)}</td>
                  <td>{fmt(comparison.value.nash0[i]!)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">
            {preferenceText(comparison.value.fit, actions)}; it misses P by up to{' '}
            {fmt(comparison.value.fit.maxResidual)}. At β = {beta}, π_RM and π*_β differ by{' '}
            {fmt(comparison.value.distance)} in total variation.
          </p>
        </>
      )}
    </div>
  );
}
