/**
 * "Reproduce": a race outside the app. Two texts from one race's settings:
 *  - the CLI commands that give its numbers, one `run` per solver (custom formulas, start, μ,
 *    query model and seed included), after a here-document that writes the game file;
 *  - a standalone Python script (numpy only, no project code) that runs the same race and prints,
 *    per solver, the final policy, the final metrics and the hitting times (stays ≤ ε), as JSON.
 *    Its numbers agree with the app's float64 reference to 1e-12 (tests/unit/experiment/reproduce-python.test.ts).
 *
 * Noisy races (`sampled`, `pairs`, `pairs-binary`): the app runs `seeds` seeds per solver and draws
 * their median; the commands and the script run the first seed (the race's `seed`), which is the
 * run whose policies the app shows.
 */
import { gameToJSON, type Game } from '../core/game';
import { EXACT_QUERIES, type QueryModel } from '../core/sampling';
import type { ResolvedParams } from '../core/solvers';
import { programOf } from '../formula/formula';
import { numpyFunctions } from '../formula/compile/numpy';
import { DEFAULT_EPSILON } from './hits';
import { PYTHON_RUNTIME } from './pythonRuntime';
import { raceEntries, raceStride, type RaceEntry, type RaceSettings } from './race';

/** One contestant as the commands and the script need it. */
export interface ReproEntry {
  key: string;
  name: string;
  solver: RaceEntry['solver'];
  formula?: string;
  params: ResolvedParams;
  queriesPerStep: number;
  averaging: 'uniform' | 'linear';
}

export interface ReproInput {
  game: Game;
  steps: number;
  queries: QueryModel;
  /** Trace density of the CLI runs (the race's: 1 for exact races). */
  every: number;
  epsilon: number;
  entries: ReproEntry[];
}

/**
 * Just the fields of ReproEntry, in its order (a race entry has more): what the commands use and
 * the script's DATA lists per solver.
 */
function reproEntry(e: ReproEntry): ReproEntry {
  return {
    key: e.key,
    name: e.name,
    solver: e.solver,
    ...(e.formula !== undefined ? { formula: e.formula } : {}),
    params: e.params,
    queriesPerStep: e.queriesPerStep,
    averaging: e.averaging,
  };
}

/** What "Reproduce" shows for a race (refused solvers are left out, as the race leaves them). */
export function reproInput(settings: RaceSettings, epsilon = DEFAULT_EPSILON): ReproInput {
  const { entries } = raceEntries(settings);
  const queries = settings.queries ?? EXACT_QUERIES;
  return {
    game: settings.game,
    steps: settings.budget,
    queries,
    every: raceStride(1, settings.game.K, settings.budget, queries.kind !== 'exact'),
    epsilon,
    entries: entries.map(reproEntry),
  };
}

/** The file name the commands write the game to. */
export const GAME_FILE = 'game.json';

/** A shell word: bare when it is safe, else single-quoted ('\'' for a quote). */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_.,:/=+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The game as its JSON file, one field a line and one matrix row a line (without the vote counts:
 * the numbers come from P).
 */
function gameFileText(game: Game): string {
  const json = gameToJSON(game);
  delete json.counts;
  const fields = Object.entries(json).map(([key, value]) =>
    key === 'preference'
      ? `  "preference": [\n${(value as number[][]).map((row) => `    ${JSON.stringify(row)}`).join(',\n')}\n  ]`
      : `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
  );
  return `{\n${fields.join(',\n')}\n}`;
}

/** The `run` flags of resolved parameters: every value explicit, so defaults cannot drift. */
function paramFlags(p: ResolvedParams, custom: boolean): string[] {
  const flags: string[] = [];
  if (p.schedule !== null) flags.push('--schedule', p.schedule);
  if (p.eta !== null && p.schedule !== 'theory') flags.push('--eta', String(p.eta));
  if (custom) return flags;
  if (p.players !== null) flags.push('--players', String(p.players));
  if (p.weights !== null) flags.push('--weights', p.weights.map(String).join(','));
  if (p.inner !== null) flags.push('--inner', String(p.inner));
  if (p.inner !== null && p.inner > 0 && p.innerStep !== null)
    flags.push('--inner-step', String(p.innerStep));
  if (p.refresh !== null) flags.push('--refresh', String(p.refresh));
  if (p.magnet !== null) flags.push('--magnet', String(p.magnet));
  return flags;
}

function queryFlags(q: QueryModel): string[] {
  return q.kind === 'exact'
    ? []
    : ['--queries', q.kind, '--samples', String(q.samples), '--seed', String(q.seed)];
}

/** The `run` arguments (after `run`) of one entry, as a list of words (unquoted). */
export function runArguments(input: ReproInput, entry: ReproEntry, game = GAME_FILE): string[] {
  const custom = entry.solver === 'custom';
  return [
    '--game',
    game,
    '--solver',
    entry.solver,
    ...(custom ? ['--formula', entry.formula!] : []),
    '--beta',
    String(entry.params.beta),
    ...paramFlags(entry.params, custom),
    '--steps',
    String(input.steps),
    '--every',
    String(input.every),
    '--start',
    Array.from(input.game.start, String).join(','),
    ...queryFlags(input.queries),
  ];
}

/** The shell commands: write the game file, then one `run` per solver (from the repository). */
export function cliCommands(input: ReproInput): string {
  const lines = [
    `# ${input.game.name}: ${input.entries.length} solver${input.entries.length === 1 ? '' : 's'}, ${input.steps} iterations. Run from a clone of the repository (npm ci first).`,
    `cat > ${GAME_FILE} <<'EOF'`,
    gameFileText(input.game),
    'EOF',
  ];
  if (input.queries.kind !== 'exact')
    lines.push(
      `# Noisy queries (${input.queries.kind}): each command runs seed ${input.queries.seed}, the first of the race's seeds.`,
    );
  for (const entry of input.entries) {
    lines.push(`# ${entry.name}`);
    lines.push(`npm run -s cli -- run ${runArguments(input, entry).map(shellQuote).join(' ')}`);
  }
  return lines.join('\n');
}

/**
 * A JSON document inside a Python raw triple-quoted string: JSON escapes every quote, so the
 * string cannot end early, and a raw string leaves JSON's backslashes for json.loads.
 */
function pythonJson(value: unknown): string {
  return `json.loads(r"""${JSON.stringify(value)}""")`;
}

/** The standalone script (numpy only). */
export function pythonScript(input: ReproInput): string {
  const { game } = input;
  const custom = input.entries.filter((e) => e.solver === 'custom');
  const data = {
    game: {
      name: game.name,
      actions: game.actions,
      K: game.K,
      P: Array.from({ length: game.K }, (_, i) =>
        Array.from(game.P.subarray(i * game.K, (i + 1) * game.K)),
      ),
      reference: Array.from(game.reference),
      logReference: Array.from(game.logReference),
      start: Array.from(game.start),
    },
    steps: input.steps,
    epsilon: input.epsilon,
    queries: input.queries,
    solvers: input.entries.map(reproEntry),
  };
  const sampledNote =
    input.queries.kind !== 'exact'
      ? `\nNoisy queries (${input.queries.kind}): this runs seed ${input.queries.seed} (the app's race shows the median over its seeds).`
      : '';
  const header = [
    '#!/usr/bin/env python3',
    'r"""Nash Playground race, reproduced outside the app (numpy only).',
    '',
    `Game: ${game.name.replace(/"""/g, "'''")} (K = ${game.K}); ${input.steps} iterations; hitting times for epsilon = ${input.epsilon}.`,
    `Prints JSON: per solver the final policy, final metrics and the iteration from which each metric stays <= epsilon.${sampledNote}`,
    'Run: python3 race.py',
    '"""',
  ].join('\n');
  const formulas = custom.map((e, i) =>
    [
      `# ${e.name}:`,
      ...e.formula!.split('\n').map((l) => `#   ${l}`),
      numpyFunctions(programOf(e.formula!), `custom_${i}`),
    ].join('\n'),
  );
  const registry = `CUSTOM = {${custom.map((e, i) => `${JSON.stringify(e.key)}: (custom_${i}_init, custom_${i}_step)`).join(', ')}}`;
  const main = String.raw`
DATA = ${pythonJson(data)}


def main():
    g = DATA["game"]
    game = {
        "K": g["K"],
        "P": np.array(g["P"], dtype=np.float64),
        "logmu": np.array(g["logReference"], dtype=np.float64),
        "start": np.array(g["start"], dtype=np.float64),
    }
    results = [run(game, s, DATA["steps"], DATA["queries"], DATA["epsilon"]) for s in DATA["solvers"]]
    print(json.dumps({"game": g["name"], "steps": DATA["steps"], "solvers": results}, indent=1))


if __name__ == "__main__":
    main()
`;
  return [
    header,
    PYTHON_RUNTIME,
    '# ---------- custom solvers: the formula compiler’s numpy target ----------',
    '',
    ...formulas.map((f) => `${f}\n\n`),
    registry,
    '',
    main,
  ].join('\n');
}
