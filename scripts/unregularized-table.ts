/**
 * The β = 0 comparison of docs/algorithms.md §8 and docs/unregularized.md: iterations (and preference
 * queries) until the last iterate's exploitability is ≤ 1e-6, per method, on rps, weighted-rps
 * and rps-dud from each preset's start; float64 reference runs, exact queries.
 *
 *   npx tsx scripts/unregularized-table.ts [--budget 100000]
 *
 * Prints a Markdown table ("never" when the budget runs out) and, for those, the running
 * average's exploitability at the end.
 */
import { exploitabilityOf } from '../src/core/metrics';
import { buildPreset } from '../src/core/presets';
import { SolverRun } from '../src/core/run';
import { getSolver, resolveParams, type SolverId, type SolverParams } from '../src/core/solvers';
import { parseGame } from '../src/core/validate';

const EPSILON = 1e-6;
const budgetFlag = process.argv.indexOf('--budget');
const BUDGET = budgetFlag >= 0 ? Number(process.argv[budgetFlag + 1]) : 100_000;
if (!Number.isInteger(BUDGET) || BUDGET < 1) throw new Error('--budget needs a positive integer');

const GAMES = ['rps', 'weighted-rps', 'rps-dud'].map((id) => parseGame(buildPreset(id)));

interface Row {
  label: string;
  solver: SolverId;
  beta: number;
  params: SolverParams;
}

const refreshed = (solver: SolverId, params: SolverParams = {}): Row => ({
  label: `${solver} refreshed (β 0.1, R 100${params.eta ? `, η ${params.eta}` : ''})`,
  solver,
  beta: 0.1,
  params: { ...params, refresh: 100 },
});

const ROWS: Row[] = [
  ...(['nash-mp', 'egpo', 'onpo', 'mpo'] as const).map((solver) => ({
    label: `${solver} (β 0, defaults)`,
    solver,
    beta: 0,
    params: {},
  })),
  refreshed('nash-mp'),
  refreshed('egpo'),
  refreshed('inpo', { eta: 1 }),
  refreshed('nash-md', { eta: 1 }),
  refreshed('mmd'),
  refreshed('mnpo'),
  refreshed('onpo'),
  ...(
    [
      'sppo',
      'inpo',
      'nash-md',
      'mmd',
      'mnpo',
      'replicator',
      'fictitious-play',
      'rm-plus',
      'online-ipo',
      'nash-md-pg',
    ] as const
  ).map((solver) => ({ label: `${solver} (β 0, defaults)`, solver, beta: 0, params: {} })),
];

function cell(row: Row, gameIndex: number): string {
  const game = GAMES[gameIndex]!;
  const run = new SolverRun(
    game,
    row.solver,
    resolveParams(row.solver, row.beta, row.params),
    game.start,
  );
  while (run.t < BUDGET) {
    run.advance(1);
    if (exploitabilityOf(game, run.policy()) <= EPSILON) {
      const q = getSolver(row.solver).queriesPerStep;
      return q === 1 ? `${run.t}` : `${run.t} (${run.t * q})`;
    }
  }
  return `never (average ${exploitabilityOf(game, run.average()).toExponential(1)})`;
}

console.log(
  `| method | ${GAMES.map((g) => g.name).join(' | ')} |\n| --- | ${GAMES.map(() => '---').join(' | ')} |`,
);
for (const row of ROWS) {
  console.log(`| ${row.label} | ${GAMES.map((_, i) => cell(row, i)).join(' | ')} |`);
}
