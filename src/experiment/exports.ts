/**
 * Files the app writes: the game (the one JSON format) and the run documents — made by the same
 * serializer as the CLI's `run`, so an export equals `npm run -s cli -- run` for the same settings.
 */
import { gameToJSON, type Game } from '../core/game';
import { runToJSON } from '../core/report';
import { runReference } from '../core/run';
import { TRACE_METRICS, traceMetric } from './averages';
import { ordinal } from '../core/text';
import { DEFAULT_EPSILON, epsilonText, hitOf } from './hits';
import type { RunInputs } from './inputs';
import type { Race } from './race';

/** What a figure or a data file needs to say about the race it shows. */
export interface ExportFacts {
  /** A preset id (`random:12:3`) or 'custom'. */
  presetId: string;
  epsilon: number;
}

/**
 * The one caption of every export: game, β, iterations, engine, ε (and the query model when
 * sampled), e.g. "Rock–paper–scissors · β = 0.1 · 2,000 iterations · engine reference (float64) ·
 * ε = 1e-6".
 */
export function raceCaption(race: Race, epsilon: number): string {
  const { game, beta } = race.settings;
  const sampled =
    race.queries.kind !== 'exact'
      ? ` · ${race.queries.kind} queries (n = ${race.queries.samples}; ${race.seeds} seeds from seed ${race.queries.seed}; medians)`
      : '';
  return `${game.name} · β = ${beta} · ${race.budget.toLocaleString('en-US')} iterations · engine ${race.engine} (${race.backend})${sampled} · ε = ${epsilonText(epsilon)}`;
}

/** `nash-playground_<game>_beta<β>_<chart>.<ext>`: the preset id, or the game's name when edited. */
export function exportFileName(
  s: { presetId: string; game: Game; beta: number },
  chart: string,
  ext: string,
): string {
  const slug = (text: string): string =>
    text
      .normalize('NFKD')
      .replace(/[^\w.-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase() || 'game';
  const game = slug(s.presetId !== 'custom' ? s.presetId : s.game.name);
  return `nash-playground_${game}_beta${s.beta}_${slug(chart)}.${ext}`;
}

export function gameFileText(game: Game): string {
  return `${JSON.stringify(gameToJSON(game), null, 2)}\n`;
}

/**
 * One CLI `run` document per selected solver, at the race's resolution (every iteration for exact
 * races, as the CSV and the charts: `--every 1`; sampled races: every `race.every`-th, as the
 * CSV); with ε, the hits of `--epsilon ε` (from every iteration). Sampled: the first seed's run,
 * i.e. `--queries sampled --samples n --seed s`. When the race shown is a
 * sampled one, each document also carries `overSeeds`: what the charts draw (the median and
 * quartiles of every metric over the race's seeds at its kept iterations), named as such, so the
 * export holds both the reproducible seed-s run and the curves on screen.
 */
export function runDocuments(
  s: Pick<RunInputs, 'game' | 'beta' | 'solvers' | 'params' | 'budget' | 'queries'> & {
    epsilon?: number;
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
        every: race?.every ?? 1,
        ...(s.queries ? { queries: s.queries } : {}),
        ...(s.epsilon !== undefined ? { epsilon: s.epsilon } : {}),
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
 *
 * It starts with `#` comment lines (skipped by `pandas.read_csv(…, comment='#')`): the caption's
 * facts, then per solver and metric column where it stays ≤ ε, as
 * `# hit,<solver>,<column>,<ε>,<t>,<queries>` (t and queries empty: not within the budget).
 */
export function raceCsv(race: Race, epsilon: number = DEFAULT_EPSILON): string {
  const quoted = (text: string): string => `"${text.replace(/"/g, '""')}"`;
  const sampled = race.traces.some((tr) => tr.bands);
  const seed = race.queries.kind !== 'exact' ? race.queries.seed : 0;
  const actions = race.settings.game.actions.map((a) =>
    quoted(sampled ? `p(${a}) seed ${seed}` : `p(${a})`),
  );
  const stats = sampled ? (['median', 'q25', 'q75'] as const) : ([''] as const);
  const column = (prefix: string, m: string, q: string): string =>
    `${prefix}${m}${q ? `_${q}` : ''}`;
  const columns = (prefix: string): string[] =>
    TRACE_METRICS.flatMap((m) => stats.map((q) => column(prefix, m, q)));
  const hits: string[] = [];
  for (const tr of race.traces)
    for (const iterate of ['last', 'average'] as const)
      for (const m of TRACE_METRICS) {
        const hit = hitOf(tr, traceMetric(race, tr, m, iterate).values, epsilon);
        const name = column(iterate === 'last' ? '' : 'avg_', m, sampled ? 'median' : '');
        hits.push(
          `# hit,${tr.solver},${name},${epsilonText(epsilon)},${hit ? `${hit.t},${hit.queries}` : ','}`,
        );
      }
  const lines = [
    `# Nash Playground race: ${raceCaption(race, epsilon)}`,
    `# ${sampled ? `every ${race.every === 1 ? 'iteration' : `${ordinal(race.every)} iteration`}` : 'every iteration'}; hits: the first t from which the column stays <= ε to the end (empty: not within the budget)`,
    '# hit,solver,column,epsilon,t,queries',
    ...hits,
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
