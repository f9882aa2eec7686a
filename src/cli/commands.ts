/** The CLI's commands. Solver flags and the `list` output come from the solver registry. */
import { solveEquilibrium } from '../core/equilibrium';
import { PRESETS } from '../core/presets';
import { equilibriumToJSON, REFERENCE_ENGINE, runToJSON } from '../core/report';
import { checkEvery, checkSteps, defaultEvery, MAX_STEPS, runReference } from '../core/run';
import {
  checkBeta,
  getSolver,
  isSolverId,
  resolveParams,
  SOLVERS,
  type SolverParams,
} from '../core/solvers';
import { floorTimes, memberHits, memberRunResult, thinResult } from '../engine/runReport';
import { ENGINE_NAMES, type BatchResult, type BatchSpec, type EngineName } from '../engine/types';
import { checkEpsilon } from '../core/hitting';
import type { RunResult } from '../core/run';
import { nodeEngine } from './engines';
import { readFileSync } from 'node:fs';
import { CUSTOM_SOLVER } from '../core/solvers';
import { ReferenceEngine } from '../engine/reference';
import { compileFormula, CUSTOM_ETA_DEFAULT, resolveCustomParams } from '../formula/solver';
import { GameValidationError, parseDistribution } from '../core/validate';
import {
  checkQueryModel,
  DEFAULT_SAMPLES,
  EXACT_QUERIES,
  isNoisyKind,
  QUERY_KINDS,
  type QueryModel,
} from '../core/sampling';
import { integerOption, listOption, numberOption, UsageError } from './args';
import { loadGame, readComparisonsFile } from './loadGame';
import { gameFromComparisons } from '../comparisons/import';
import { uncomparedPairs } from '../core/counts';
import { gameToJSON, withStart } from '../core/game';
import { DEFAULT_EPSILON } from '../experiment/hits';
import { pythonScript } from '../experiment/reproduce';

export const DEFAULT_BETA = 0.1;
export const DEFAULT_STEPS = 1000;

/** A registry parameter id as a flag: camelCase to kebab-case (innerStep → --inner-step). */
export function flagName(id: string): string {
  return id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Every solver parameter that some registry entry declares becomes a `run` flag. */
const SOLVER_FLAGS = [...new Set(SOLVERS.flatMap((s) => s.parameters.map((p) => flagName(p.id))))];

/** Preference-query flags (docs/sampled.md). */
const QUERY_FLAGS = ['queries', 'samples', 'seed'];

/** Custom solvers (docs/custom-solvers.md): the rule as text or from a file. */
const FORMULA_FLAGS = ['formula', 'formula-file'];

export const COMMAND_OPTIONS: Record<string, readonly string[]> = {
  run: [
    'game',
    'solver',
    'beta',
    'steps',
    'start',
    'every',
    'engine',
    'pretty',
    'emit',
    'epsilon',
    ...SOLVER_FLAGS,
    ...QUERY_FLAGS,
    ...FORMULA_FLAGS,
  ],
  equilibrium: ['game', 'beta', 'pretty'],
  validate: ['game'],
  game: ['from-comparisons', 'prior', 'name', 'pretty'],
  list: ['json'],
  help: [],
};

type Options = Map<string, string>;

/** Checked before any work, so a typo does not cost a long run. */
function prettyOption(options: Options): boolean {
  const pretty = options.get('pretty');
  if (pretty !== undefined && pretty !== 'true' && pretty !== 'false') {
    throw new UsageError(`--pretty must be true or false, got '${pretty}'`);
  }
  return pretty === 'true';
}

function print(value: unknown, pretty: boolean): string {
  return JSON.stringify(value, null, pretty ? 2 : undefined);
}

function betaOption(options: Options): number {
  const beta = numberOption(options, 'beta') ?? DEFAULT_BETA;
  checkBeta(beta);
  return beta;
}

/**
 * --queries exact|sampled|pairs|pairs-binary (default exact), --samples n (default 100), --seed s
 * (default 0).
 */
function queriesOption(options: Options): QueryModel {
  const kind = options.get('queries') ?? 'exact';
  if (kind === 'exact') {
    for (const flag of ['samples', 'seed']) {
      if (options.has(flag))
        throw new UsageError(`--${flag} needs --queries sampled, pairs or pairs-binary`);
    }
    return EXACT_QUERIES;
  }
  if (!isNoisyKind(kind))
    throw new UsageError(
      `--queries must be ${QUERY_KINDS.map((k) => `'${k}'`).join(', ')}, got '${kind}'`,
    );
  return checkQueryModel({
    kind,
    samples: integerOption(options, 'samples') ?? DEFAULT_SAMPLES,
    seed: integerOption(options, 'seed') ?? 0,
  });
}

function startOption(raw: number[], K: number): Float64Array {
  try {
    return parseDistribution(raw, 'start', K);
  } catch (e) {
    if (e instanceof GameValidationError) throw new UsageError(`--${e.message}`);
    throw e;
  }
}

/** --formula "…" or --formula-file path, with --solver custom only. */
function formulaOption(options: Options, solver: string): string | undefined {
  const text = options.get('formula');
  const file = options.get('formula-file');
  if (solver !== CUSTOM_SOLVER) {
    if (text !== undefined || file !== undefined)
      throw new UsageError(
        `--${text !== undefined ? 'formula' : 'formula-file'} needs --solver custom`,
      );
    return undefined;
  }
  if (text !== undefined && file !== undefined)
    throw new UsageError('give either --formula or --formula-file, not both');
  if (text !== undefined) return text;
  if (file === undefined)
    throw new UsageError('--solver custom needs --formula "…" or --formula-file <path>');
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(
      `cannot read --formula-file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}

/** Each registry parameter declared by some solver, once, by flag (the registry says its kind). */
const PARAMETER_SPECS = [
  ...new Map(SOLVERS.flatMap((s) => s.parameters).map((p) => [flagName(p.id), p])).entries(),
];

/** The solver flags given, parsed as the registry declares them (checked later by the solver). */
function solverParamsOption(options: Options): SolverParams {
  const params: Record<string, unknown> = {};
  for (const [flag, spec] of PARAMETER_SPECS) {
    const raw = options.get(flag);
    if (raw === undefined) continue;
    switch (spec.kind) {
      case 'number':
        params[spec.id] = numberOption(options, flag);
        break;
      case 'integer':
        params[spec.id] = integerOption(options, flag);
        break;
      case 'weights':
        params[spec.id] = listOption(options, flag);
        break;
      case 'enum': {
        const allowed = [...spec.options].sort();
        if (!allowed.includes(raw as never))
          throw new UsageError(
            `--${flag} must be ${allowed.map((o) => `'${o}'`).join(' or ')}, got '${raw}'`,
          );
        params[spec.id] = raw;
        break;
      }
    }
  }
  return params as SolverParams;
}

const SOLVER_LIST = [...SOLVERS.map((s) => s.id), CUSTOM_SOLVER].join(', ');

export async function runCommand(options: Options): Promise<string> {
  const pretty = prettyOption(options);
  const solver = options.get('solver');
  if (solver === undefined) throw new UsageError(`--solver is required (one of ${SOLVER_LIST})`);
  if (!isSolverId(solver) && solver !== CUSTOM_SOLVER)
    throw new UsageError(`unknown solver '${solver}' (known: ${SOLVER_LIST})`);
  const formula = formulaOption(options, solver);
  const emit = options.get('emit');
  if (emit !== undefined && emit !== 'python')
    throw new UsageError(
      `--emit must be 'python' (a standalone numpy script of this run), got '${emit}'`,
    );
  // A bad rule fails here, before the game loads or anything runs (exit 2, its position).
  if (formula !== undefined) compileFormula(formula);
  const engine = options.get('engine') ?? 'reference';
  if (!(ENGINE_NAMES as readonly string[]).includes(engine)) {
    throw new UsageError(`unknown engine '${engine}' (engines: ${ENGINE_NAMES.join(', ')})`);
  }
  const game = loadGame(options.get('game'));
  const beta = betaOption(options);
  const steps = integerOption(options, 'steps') ?? DEFAULT_STEPS;
  checkSteps(steps);
  const every = integerOption(options, 'every') ?? defaultEvery(steps);
  checkEvery(every);
  const epsilon = epsilonOption(options);
  if (epsilon !== undefined && engine !== 'reference' && steps > MAX_EPSILON_BATCH_STEPS)
    throw new UsageError(
      `--epsilon with --engine ${engine} keeps every iteration, so at most ${MAX_EPSILON_BATCH_STEPS.toLocaleString('en-US')} steps (got ${steps}); --engine reference has no limit`,
    );
  const rawStart = listOption(options, 'start');
  const start = rawStart ? startOption(rawStart, game.K) : undefined;

  const params = solverParamsOption(options);
  const queries = queriesOption(options);

  if (emit !== undefined) {
    const params_ =
      solver === CUSTOM_SOLVER
        ? resolveCustomParams(beta, params)
        : resolveParams(solver, beta, params);
    const runnable = solver === CUSTOM_SOLVER ? compileFormula(formula!) : getSolver(solver);
    return pythonScript({
      game: start ? withStart(game, start) : game,
      steps,
      every,
      queries,
      epsilon: epsilon ?? DEFAULT_EPSILON,
      entries: [
        {
          key: solver,
          name: solver === CUSTOM_SOLVER ? 'custom' : getSolver(solver).name,
          solver,
          ...(formula !== undefined ? { formula } : {}),
          params: params_,
          queriesPerStep: runnable.queriesPerStep,
          averaging: runnable.averaging,
        },
      ],
    });
  }

  if (solver === CUSTOM_SOLVER) {
    const spec: BatchSpec = {
      game,
      members: [
        {
          solver,
          formula: formula!,
          params: resolveCustomParams(beta, params),
          start: start ?? game.start,
          queries,
        },
      ],
      steps,
      every,
    };
    return runBatch(spec, engine as EngineName, pretty, epsilon);
  }
  const resolved = resolveParams(solver, beta, params);
  if (engine === 'reference') {
    const result = runReference({
      game,
      solver,
      beta,
      params,
      steps,
      every,
      queries,
      ...(start ? { start } : {}),
      ...(epsilon !== undefined ? { epsilon } : {}),
    });
    return print(runToJSON(result, REFERENCE_ENGINE), pretty);
  }
  const spec: BatchSpec = {
    game,
    members: [{ solver, params: resolved, start: start ?? game.start, queries }],
    steps,
    every,
  };
  return runBatch(spec, engine as EngineName, pretty, epsilon);
}

/**
 * `--epsilon` on a batch engine (the float32 engines, custom rules): the run keeps every
 * iteration for the hit and thins the trace afterwards, so its memory bounds the steps.
 */
export const MAX_EPSILON_BATCH_STEPS = 1_000_000;

function epsilonOption(options: Options): number | undefined {
  const epsilon = numberOption(options, 'epsilon');
  if (epsilon === undefined) return undefined;
  const problem = checkEpsilon(epsilon);
  if (problem) throw new UsageError(`--epsilon: ${problem}`);
  return epsilon;
}

/**
 * One member through the batch interface: the same document as runReference's. With ε the
 * engine samples every iteration (the hit is read off all of them), then the trace keeps every
 * `spec.every`-th as without ε.
 */
async function runBatch(
  spec: BatchSpec,
  engine: EngineName,
  pretty: boolean,
  epsilon?: number,
): Promise<string> {
  const full = epsilon === undefined ? spec : { ...spec, every: 1 };
  const withHits = (batch: BatchResult): RunResult => {
    if (epsilon === undefined) return memberRunResult(spec, batch);
    const hits = memberHits(full, batch, epsilon);
    return { ...memberRunResult(spec, thinResult(batch, spec.every)), hits };
  };
  if (engine === 'reference') {
    const batch = new ReferenceEngine().runSync(full);
    return print(runToJSON(withHits(batch), REFERENCE_ENGINE), pretty);
  }
  const ran = await (await nodeEngine(engine)).run(full);
  const batch = epsilon === undefined ? ran : thinResult(ran, spec.every);
  const extra: Record<string, unknown> = { precision: batch.precision };
  if (batch.precision === 'float32') extra.atFloor = floorTimes(batch);
  if (batch.fallback) extra.fallback = batch.fallback;
  const info = { engine: batch.engine, backend: batch.backend, extra };
  return print(runToJSON(withHits(ran), info), pretty);
}

export function equilibriumCommand(options: Options): string {
  const pretty = prettyOption(options);
  const game = loadGame(options.get('game'));
  const beta = betaOption(options);
  return print(equilibriumToJSON(solveEquilibrium(game, beta)), pretty);
}

/**
 * `game --from-comparisons votes.csv [--prior a]`: the game JSON of a comparisons file, with its
 * `counts` block. Pairs never compared are named on stderr as a warning.
 */
export function gameCommand(options: Options): { out: string; warnings: string[] } {
  const pretty = prettyOption(options);
  const path = options.get('from-comparisons');
  if (path === undefined || path === '')
    throw new UsageError(
      '--from-comparisons is required (a CSV or JSON-lines file of votes a,b,winner or counts a,b,wins_a,wins_b[,ties])',
    );
  const prior = numberOption(options, 'prior');
  if (prior !== undefined && !(prior >= 0))
    throw new UsageError(`--prior must be a number ≥ 0, got '${options.get('prior')}'`);
  const name = options.get('name');
  if (name !== undefined && name.trim() === '') throw new UsageError('--name must not be empty');
  const text = readComparisonsFile(path);
  const game = gameFromComparisons(text, path, {
    ...(prior !== undefined ? { prior } : {}),
    ...(name !== undefined ? { name } : {}),
  });
  const uncompared = uncomparedPairs(game.counts!, game.K);
  const warnings =
    uncompared.length === 0
      ? []
      : [
          `warning: ${uncompared.length} pair${uncompared.length === 1 ? ' was' : 's were'} never compared; P = ½ there: ${uncompared
            .slice(0, 10)
            .map(([i, j]) => `${game.actions[i]} – ${game.actions[j]}`)
            .join(', ')}${uncompared.length > 10 ? ', …' : ''}`,
        ];
  return { out: print(gameToJSON(game), pretty), warnings };
}

export function validateCommand(options: Options): string {
  loadGame(options.get('game'));
  return 'ok';
}

export function listCommand(options: Options): string {
  const asJson = options.get('json');
  if (asJson !== undefined && asJson !== 'true' && asJson !== 'false')
    throw new UsageError(`--json must be true or false, got '${asJson}'`);
  const solvers = SOLVERS.map((s) => ({
    id: s.id,
    name: s.name,
    description: s.description,
    paper: s.paper,
    queriesPerStep: s.queriesPerStep,
    parameters: s.parameters.map((p) => {
      switch (p.kind) {
        case 'number':
          return {
            id: p.id,
            range: `(${p.min}, ${p.max}]`,
            default: p.default(DEFAULT_BETA),
            defaultAtBeta: DEFAULT_BETA,
            description: p.description,
          };
        case 'enum':
          return {
            id: p.id,
            options: p.options,
            default: 'theory when β > 0 and η is not given, else constant',
            description: p.description,
          };
        case 'integer':
          return {
            id: p.id,
            range: `[${p.min}, ${p.max}]`,
            default: p.default,
            description: p.description,
          };
        case 'weights':
          return { id: p.id, default: 'uniform', description: p.description };
      }
    }),
    ...(s.maxEtaBeta !== undefined ? { constraint: `ηβ ≤ ${s.maxEtaBeta}` } : {}),
  }));
  const presets = PRESETS.map((p) => ({
    id: p.id,
    name: p.name,
    description: p.description,
    args: p.args.map((a) => ({
      name: a.name,
      default: a.default,
      range: `[${a.min}, ${a.max}]`,
      description: a.description,
    })),
  }));
  const custom = {
    id: CUSTOM_SOLVER,
    name: 'Custom solver',
    description: 'your own update rule, typed as a formula (e.g. next = logpi + eta * P·pi)',
    flags: ['--formula "…"', '--formula-file <path>', '--eta', '--beta'],
    eta: { default: CUSTOM_ETA_DEFAULT },
    guide: 'docs/custom-solvers.md',
  };
  if (asJson === 'true') return JSON.stringify({ solvers, custom, presets }, null, 2);

  const lines = [`Solvers (defaults shown at β = ${DEFAULT_BETA}):`];
  for (const s of solvers) {
    lines.push(`  ${s.id.padEnd(16)} ${s.name} — ${s.description}`);
    lines.push(
      `  ${''.padEnd(16)} ${s.paper.authors} ${s.paper.year}${s.paper.arxiv ? `, arXiv ${s.paper.arxiv}` : ''}; ${s.queriesPerStep} quer${s.queriesPerStep === 1 ? 'y' : 'ies'}/iteration${s.constraint ? `; needs ${s.constraint}` : ''}`,
    );
    for (const p of s.parameters) {
      const range =
        'range' in p
          ? ` in ${p.range}`
          : 'options' in p && p.options
            ? ` ∈ {${p.options.join(', ')}}`
            : '';
      lines.push(
        `  ${''.padEnd(16)}   --${flagName(p.id)}${range}, default ${typeof p.default === 'number' ? +p.default.toPrecision(6) : p.default}: ${p.description}`,
      );
    }
  }
  lines.push(
    `  ${custom.id.padEnd(16)} ${custom.name} — ${custom.description}`,
    `  ${''.padEnd(16)}   ${custom.flags.join(', ')} (η default ${CUSTOM_ETA_DEFAULT}); the language: ${custom.guide}`,
  );
  lines.push('', 'Presets (use as --game <id>, arguments after colons):');
  for (const p of presets) {
    const args = p.args.map((a) => `:${a.name}`).join('');
    lines.push(`  ${(p.id + args).padEnd(24)} ${p.description}`);
    for (const a of p.args)
      lines.push(
        `  ${''.padEnd(24)}   ${a.name} in ${a.range}, default ${a.default}: ${a.description}`,
      );
  }
  return lines.join('\n');
}

export function helpText(): string {
  const flags = SOLVER_FLAGS.map((f) => `[--${f} …]`).join(' ');
  return [
    'Nash Playground CLI',
    '',
    'Usage: npm run -s cli -- <command> [options]',
    '',
    `  run          --game <file.json|preset> --solver <id> [--beta B (default ${DEFAULT_BETA})] [--steps N (default ${DEFAULT_STEPS}, at most ${MAX_STEPS})]`,
    `               ${flags} [--start p1,p2,…] [--every k] [--engine reference] [--pretty true]`,
    '               [--epsilon ε (1e-12 … 1e-2): adds hit, gapHit, exploitabilityHit — where each metric stays ≤ ε, from every iteration]',
    `               [--queries exact|sampled|pairs|pairs-binary (default exact)] [--samples n (1–10000, default ${DEFAULT_SAMPLES})] [--seed s (0–2^32−1, default 0)]`,
    '               [--emit python]  print a standalone numpy script of this run instead of its JSON',
    `  run          --solver custom (--formula "next = logpi + eta * P·pi" | --formula-file rule.txt) [--eta η (default ${CUSTOM_ETA_DEFAULT})] …`,
    '               your own update rule (docs/custom-solvers.md); takes η and β only',
    '  equilibrium  --game <g> [--beta B]       π*_β (β > 0) or an LP equilibrium (β = 0; `unique` says if it is the only one)',
    '  validate     --game <g>                  prints ok, or the first problem',
    '  game         --from-comparisons <votes.csv|votes.jsonl> [--prior a (default 1)] [--name N] [--pretty true]',
    '               the game JSON of pairwise votes (a,b,winner) or counts (a,b,wins_a,wins_b[,ties]), with its counts block',
    '  list         [--json true]               solvers with parameters and defaults, the custom solver, and presets',
    '',
    "`<command> --help` prints that command's flags with their defaults.",
    'Exit status: 0 success, 2 bad input (one line `error: …` on stderr), 1 internal error.',
    `Solver ids: ${SOLVER_LIST}`,
    `Solver parameters come from the registry; see \`list\`. ${getSolver('mnpo').name} also takes --weights w1,w2,…`,
  ].join('\n');
}
