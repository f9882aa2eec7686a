/**
 * Files the app writes: the game (the one JSON format) and the run documents — made by the same
 * serializer as the CLI's `run`, so an export equals `npm run -s cli -- run` for the same settings.
 */
import { gameToJSON, type Game } from '../core/game';
import { runToJSON } from '../core/report';
import { defaultEvery, runReference } from '../core/run';
import type { QueryModel } from '../core/sampling';
import type { SolverId, SolverParams } from '../core/solvers';
import type { Race } from './race';

export function gameFileText(game: Game): string {
  return `${JSON.stringify(gameToJSON(game), null, 2)}\n`;
}

/**
 * One CLI `run` document per selected solver (default trace density, as the CLI); sampled: seed
 * 0's run, i.e. `--queries sampled --samples n --seed s`.
 */
export function runDocuments(s: {
  game: Game;
  beta: number;
  selected: SolverId[];
  params: Partial<Record<SolverId, SolverParams>>;
  budget: number;
  queryModel?: QueryModel;
}): Record<string, unknown>[] {
  return s.selected.map((solver) =>
    runToJSON(
      runReference({
        game: s.game,
        solver,
        beta: s.beta,
        params: s.params[solver] ?? {},
        steps: s.budget,
        every: defaultEvery(s.budget),
        ...(s.queryModel ? { queries: s.queryModel } : {}),
      }),
    ),
  );
}

/** Offers `text` as a download. */
export function download(name: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The race as CSV: one row per solver and sample (every iteration, or every race.every-th for
 * sampled races), the metrics and the policy. Sampled races: the metric columns are the medians
 * over the seeds, followed by their quartiles (`klToNE_q25`, `klToNE_q75`, …), and the policy is
 * seed 0's.
 */
export function raceCsv(race: Race): string {
  const actions = race.settings.game.actions.map((a) => `"p(${a.replace(/"/g, '""')})"`);
  const metrics = ['klToNE', 'exploitability', 'regGap'] as const;
  const banded = race.traces.some((tr) => tr.bands);
  const quartiles = banded ? metrics.flatMap((m) => [`${m}_q25`, `${m}_q75`]) : [];
  const lines = [['solver', 't', 'queries', ...metrics, ...quartiles, ...actions].join(',')];
  for (const tr of race.traces) {
    const T = tr.klToNE.length;
    for (let t = 0; t < T; t++) {
      const p = Array.from(tr.policies.subarray(t * race.K, (t + 1) * race.K));
      const q = tr.bands
        ? metrics.flatMap((m) => [tr.bands![m].lower[t], tr.bands![m].upper[t]])
        : [];
      lines.push(
        [
          tr.solver,
          tr.times[t],
          tr.times[t]! * tr.queriesPerStep,
          ...metrics.map((m) => tr[m][t]),
          ...q,
          ...p,
        ].join(','),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
