import { useMemo } from 'react';
import { POPULATION_MAX_GROUPS } from '../core/population';
import {
  addGroup,
  analyzePopulation,
  editEntry,
  editGroup,
  fitPopulation,
  removeGroup,
  setGroupMode,
  type GroupMode,
} from '../experiment/population';
import { useStore } from '../state/store';
import { PopulationReport } from './PopulationReport';

/**
 * The annotator-population builder: groups of annotators, each a ranking or Bradley–Terry
 * scores with a population weight, aggregated into P. The table is transposed — one column per
 * group, one row per field and per action — so that it fits the side panel however large K is.
 */
export function PopulationBuilder() {
  const stored = useStore((s) => s.population);
  const game = useStore((s) => s.game);
  const beta = useStore((s) => s.beta);
  const edit = useStore((s) => s.editPopulation);
  const apply = useStore((s) => s.applyPopulation);
  // The game may have gained or lost actions since the population was typed: show it fitted.
  const population = fitPopulation(stored, game.K);
  const analysis = useMemo(
    () => analyzePopulation(population, game, beta),
    [population, game, beta],
  );
  const issues = analysis.evaluation.ok ? [] : analysis.evaluation.issues;
  const invalid = new Map(issues.map((i) => [i.path, i.message]));
  const groups = population.groups;
  const who = (g: number): string => groups[g]!.name || `group ${g + 1}`;
  return (
    <section aria-label="Annotator population" className="population editor">
      <p className="hint">
        Each group is transitive: Pr(i ≻ j) = σ(s_i − s_j) from its scores, or from a ranking with
        score steps of the given strength per place. P is the weighted mix of the groups.
      </p>
      <table className="matrix groups">
        <tbody>
          <tr>
            <th scope="row">Group</th>
            {groups.map((group, g) => (
              <td key={g}>
                <input
                  className="label"
                  aria-label={`Name of group ${g + 1}`}
                  value={group.name}
                  aria-invalid={invalid.has(`groups[${g}].name`) || undefined}
                  onChange={(e) => edit((d) => editGroup(d, g, { name: e.target.value }))}
                />
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row" title="population share (normalized over the groups)">
              Weight
            </th>
            {groups.map((group, g) => (
              <td key={g}>
                <input
                  className="cell"
                  inputMode="decimal"
                  aria-label={`Weight of ${who(g)}`}
                  value={group.weight}
                  aria-invalid={invalid.has(`groups[${g}].weight`) || undefined}
                  onChange={(e) => edit((d) => editGroup(d, g, { weight: e.target.value }))}
                />
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">Given as</th>
            {groups.map((group, g) => (
              <td key={g}>
                <select
                  aria-label={`Mode of ${who(g)}`}
                  value={group.mode}
                  onChange={(e) => edit((d) => setGroupMode(d, g, e.target.value as GroupMode))}
                >
                  <option value="scores">scores</option>
                  <option value="ranking">ranking</option>
                </select>
              </td>
            ))}
          </tr>
          <tr>
            <th
              scope="row"
              title="ranking mode: score step per place (adjacent places: σ(strength))"
            >
              Strength
            </th>
            {groups.map((group, g) => (
              <td key={g}>
                {group.mode === 'ranking' ? (
                  <input
                    className="cell"
                    inputMode="decimal"
                    aria-label={`Strength of ${who(g)}`}
                    value={group.strength}
                    aria-invalid={invalid.has(`groups[${g}].strength`) || undefined}
                    onChange={(e) => edit((d) => editGroup(d, g, { strength: e.target.value }))}
                  />
                ) : (
                  <span className="hint">—</span>
                )}
              </td>
            ))}
          </tr>
          {game.actions.map((action, i) => (
            <tr key={i}>
              <th scope="row">{action}</th>
              {groups.map((group, g) => {
                const scores = group.mode === 'scores';
                const path = scores ? `groups[${g}].scores[${i}]` : `groups[${g}].ranks[${i}]`;
                return (
                  <td key={g}>
                    <input
                      className="cell"
                      inputMode="decimal"
                      aria-label={`${scores ? 'Score' : 'Rank'} of ${action} for ${who(g)}`}
                      title={scores ? 'Bradley–Terry score' : 'rank, 1 = best'}
                      value={scores ? group.scores[i] : group.ranks[i]}
                      aria-invalid={invalid.has(path) || undefined}
                      onChange={(e) => edit((d) => editEntry(d, g, i, e.target.value))}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
          <tr>
            <td />
            {groups.map((_, g) => (
              <td key={g}>
                <button
                  type="button"
                  aria-label={`Remove group ${who(g)}`}
                  disabled={groups.length <= 1}
                  onClick={() => edit((d) => removeGroup(d, g))}
                >
                  −
                </button>
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <div className="file-actions">
        <button
          type="button"
          disabled={groups.length >= POPULATION_MAX_GROUPS}
          onClick={() => edit(addGroup)}
        >
          Add group
        </button>
        <button type="button" disabled={!analysis.evaluation.ok} onClick={apply}>
          Apply to game
        </button>
      </div>
      {issues.length > 0 && (
        <div role="alert" className="error">
          Not a valid population:
          <ul>
            {issues.slice(0, 5).map((issue) => (
              <li key={issue.path + issue.message}>{issue.message}</li>
            ))}
          </ul>
        </div>
      )}
      <PopulationReport analysis={analysis} actions={game.actions} beta={beta} />
    </section>
  );
}
