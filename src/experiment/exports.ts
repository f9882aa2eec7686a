/**
 * Files the app writes: the game (the one JSON format) and the run documents — made by the same
 * serializer as the CLI's `run`, so an export equals `npm run -s cli -- run` for the same settings.
 */
import { gameToJSON, type Game } from '../core/game';
import { runToJSON } from '../core/report';
import { defaultEvery, runReference } from '../core/run';
import type { QueryModel } from '../core/sampling';
import type { SolverId, SolverParams } from '../core/solvers';
import { TRACE_METRICS, traceMetric } from './averages';
import type { Race } from './race';

export function gameFileText(game: Game): string {
  return `${JSON.stringify(gameToJSON(game), null, 2)}\n`;
}

/**
 * One CLI `run` document per selected solver (default trace density, as the CLI); sampled: the
 * first seed's run, i.e. `--queries sampled --samples n --seed s`. When the race shown is a
 * sampled one, each document also carries `overSeeds`: what the charts draw (the median and
 * quartiles of every metric over the race's seeds at its kept iterations), named as such, so the
 * export holds both the reproducible seed-s run and the curves on screen.
 */
export function runDocuments(
  s: {
    game: Game;
    beta: number;
    solvers: SolverId[];
    params: Partial<Record<SolverId, SolverParams>>;
    budget: number;
    queries?: QueryModel;
  },
  race?: Race | null,
): Record<string, unknown>[] {
  return s.solvers.map((solver) => {
    const doc = runToJSON(
      runReference({
        game: s.game,
        solver,
        beta: s.beta,
        params: s.params[solver] ?? {},
        steps: s.budget,
        every: defaultEvery(s.budget),
        ...(s.queries ? { queries: s.queries } : {}),
      }),
    ) as Record<string, unknown>;
    const trace = race?.traces.find((tr) => tr.solver === solver);
    if (!race || !trace?.bands || race.queries.kind === 'exact') return doc;
    const { seed } = race.queries;
    return {
      ...doc,
      overSeeds: {
        description: `median and quartiles over ${race.seeds} seeds (${seed} … ${(seed + race.seeds - 1) >>> 0}); trace and final above are seed ${seed}'s run`,
        seeds: race.seeds,
        every: race.every,
        trace: Array.from(trace.times, (t, k) => ({
          t,
          queries: t * trace.queriesPerStep,
          ...Object.fromEntries(
            TRACE_METRICS.map((m) => [
              m,
              { median: trace[m][k], q25: trace.bands![m].lower[k], q75: trace.bands![m].upper[k] },
            ]),
          ),
        })),
      },
    };
  });
}

/**
 * The race as CSV: one row per solver and kept iteration (every iteration, or every
 * race.every-th for sampled races), with what the charts show, each column named for what it
 * is. Exact races: `klToNE`, `exploitability`, `regGap` of the last iterate, the same of the
 * running average (`avg_…`), and the policy `p(action)`. Sampled races: every metric as
 * `…_median`, `…_q25`, `…_q75` over the seeds (last iterate and running average), and the policy
 * of the first seed, `p(action) seed s`.
 */
export function raceCsv(race: Race): string {
  const quoted = (text: string): string => `"${text.replace(/"/g, '""')}"`;
  const sampled = race.traces.some((tr) => tr.bands);
  const seed = race.queries.kind !== 'exact' ? race.queries.seed : 0;
  const actions = race.settings.game.actions.map((a) =>
    quoted(sampled ? `p(${a}) seed ${seed}` : `p(${a})`),
  );
  const stats = sampled ? (['median', 'q25', 'q75'] as const) : ([''] as const);
  const columns = (prefix: string): string[] =>
    TRACE_METRICS.flatMap((m) => stats.map((q) => `${prefix}${m}${q ? `_${q}` : ''}`));
  const lines = [
    ['solver', 't', 'queries', ...columns(''), ...columns('avg_'), ...actions].join(','),
  ];
  for (const tr of race.traces) {
    const values = (iterate: 'last' | 'average'): ((t: number) => number[]) => {
      const picked = TRACE_METRICS.map((m) => traceMetric(race, tr, m, iterate));
      return (t) =>
        picked.flatMap(({ values: v, band }) =>
          sampled ? [v[t]!, band!.lower[t]!, band!.upper[t]!] : [v[t]!],
        );
    };
    const last = values('last');
    const average = values('average');
    for (let t = 0; t < tr.times.length; t++) {
      const p = Array.from(tr.policies.subarray(t * race.K, (t + 1) * race.K));
      lines.push(
        [
          tr.solver,
          tr.times[t],
          tr.times[t]! * tr.queriesPerStep,
          ...last(t),
          ...average(t),
          ...p,
        ].join(','),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
