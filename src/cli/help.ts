/**
 * `<command> --help`: each command's flags with their defaults. The flags a command accepts are
 * `COMMAND_OPTIONS` (commands.ts); a test checks that every one of them is described here, so a
 * new flag cannot land without its help line. Solver parameters are described by the registry.
 */
import { SOLVERS } from '../core/solvers';
import { DEFAULT_SAMPLES } from '../core/sampling';
import { MAX_STEPS } from '../core/run';
import { CUSTOM_ETA_DEFAULT } from '../formula/solver';
import { flagName } from './commands';

export interface FlagHelp {
  /** What the value looks like, e.g. `<file.json|preset>`. */
  value: string;
  /** The default, in words ('' where the flag is required or has none). */
  default: string;
  description: string;
}

export const COMMAND_SUMMARIES: Record<string, string> = {
  run: 'runs one solver on a game and prints the run as JSON',
  equilibrium: 'prints π*_β (β > 0) or an LP equilibrium of the unregularized game (β = 0)',
  validate: 'prints ok, or the first problem of a game file',
  game: 'builds a game from pairwise votes or counts and prints its JSON',
  list: 'lists the solvers with their parameters and defaults, the custom solver, and the presets',
  help: 'prints the usage of every command',
};

/** Flags that are not solver parameters, by name (shared by the commands that take them). */
const FLAG_HELP: Record<string, FlagHelp> = {
  game: {
    value: '<file.json|preset>',
    default: '',
    description: 'a game file or a preset id (see `list`); a file of that name wins over a preset',
  },
  solver: {
    value: '<id>',
    default: '',
    description: `a solver id (${[...SOLVERS.map((s) => s.id), 'custom'].join(', ')})`,
  },
  beta: { value: 'β', default: '0.1', description: 'KL strength, 0 ≤ β ≤ 100 (0: unregularized)' },
  steps: {
    value: 'N',
    default: '1000',
    description: `iterations, at most ${MAX_STEPS.toLocaleString('en')}`,
  },
  start: {
    value: 'p1,p2,…',
    default: "the game's start (else uniform)",
    description: 'the start policy π₀, a distribution over the actions',
  },
  every: {
    value: 'k',
    default: '⌈steps/1000⌉',
    description: 'trace every k-th iteration (and the last)',
  },
  engine: {
    value: 'reference|tfjs|fused|auto',
    default: 'reference',
    description: 'the engine that computes the run; metrics are always float64',
  },
  pretty: { value: 'true|false', default: 'false', description: 'indent the JSON' },
  emit: {
    value: 'python',
    default: 'the run as JSON',
    description: 'print a standalone numpy script of this run instead (docs/cli.md)',
  },
  epsilon: {
    value: 'ε',
    default: 'none',
    description:
      'adds hit (KL), gapHit (regularized gap) and exploitabilityHit: {epsilon, t, queries} from which the metric stays ≤ ε (1e-12 … 1e-2), from every iteration; null when not within the budget',
  },
  queries: {
    value: 'exact|sampled|pairs|pairs-binary',
    default: 'exact',
    description:
      'preference queries: the exact Pπ; n self-play comparisons (sampled); n uniform pairs against opponents from π with exact entries (pairs) or 0/1 verdicts (pairs-binary) (docs/sampled.md)',
  },
  samples: {
    value: 'n',
    default: String(DEFAULT_SAMPLES),
    description: 'samples per query (1–10000), with a noisy query model',
  },
  seed: {
    value: 's',
    default: '0',
    description: 'the sampler seed (0–2^32−1), with a noisy query model',
  },
  formula: {
    value: '"next = …"',
    default: '',
    description: 'with --solver custom: the update rule as a formula (docs/custom-solvers.md)',
  },
  'formula-file': {
    value: '<rule.txt>',
    default: '',
    description: 'with --solver custom: read the formula from a file',
  },
  'from-comparisons': {
    value: '<votes.csv|votes.jsonl>',
    default: '',
    description: 'pairwise votes (a,b,winner) or counts (a,b,wins_a,wins_b[,ties])',
  },
  prior: {
    value: 'a',
    default: '1',
    description: 'pseudo-votes per pair added to each side (a Beta(a, a) prior)',
  },
  name: { value: 'N', default: 'the file name', description: "the game's name" },
  json: { value: 'true|false', default: 'false', description: 'print the list as JSON' },
};

const SHARED_PARAMS: Record<string, string> = {
  eta: 'the step size η',
  refresh: 'refresh the reference μ ← π_t every R iterations (0: never)',
};

function solverFlagHelp(flag: string): FlagHelp | undefined {
  const takers = SOLVERS.filter((s) => s.parameters.some((p) => flagName(p.id) === flag));
  if (takers.length === 0) return undefined;
  const param = takers[0]!.parameters.find((p) => flagName(p.id) === flag)!;
  const custom = flag === 'eta' ? `; custom: ${CUSTOM_ETA_DEFAULT}` : '';
  const value =
    param.kind === 'enum'
      ? param.options.join('|')
      : param.kind === 'weights'
        ? 'w1,w2,…'
        : param.kind === 'integer'
          ? 'n'
          : 'x';
  // A flag several solvers share has a per-solver description in `list`; here, what it is.
  const what = takers.length > 1 ? (SHARED_PARAMS[flag] ?? param.description) : param.description;
  const who = [...takers.map((s) => s.id), ...(flag === 'eta' ? ['custom'] : [])].join(', ');
  return { value, default: `per solver, see \`list\`${custom}`, description: `${what} [${who}]` };
}

/** The help of one flag, or undefined where none is written (a test keeps that from happening). */
export function flagHelp(flag: string): FlagHelp | undefined {
  return FLAG_HELP[flag] ?? solverFlagHelp(flag);
}

/** `<command> --help`. */
export function commandHelp(command: string, flags: readonly string[]): string {
  const rows = flags.map((flag) => {
    const help = flagHelp(flag);
    const head = `  --${flag} ${help?.value ?? ''}`;
    const def = help?.default ? ` (default: ${help.default})` : '';
    return `${head.padEnd(34)} ${help?.description ?? ''}${def}`;
  });
  return [
    `Usage: npm run -s cli -- ${command}${flags.length ? ' [options]' : ''}`,
    '',
    `${command}: ${COMMAND_SUMMARIES[command] ?? ''}`,
    ...(rows.length ? ['', 'Options:', ...rows] : []),
    '',
    'Every option takes a value (--name value or --name=value). Guide: docs/cli.md',
  ].join('\n');
}
