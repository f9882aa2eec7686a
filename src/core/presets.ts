/**
 * Built-in games. Each has a one-line description and a start away from the equilibrium so that
 * something moves. Parameterized presets take positional arguments after the id:
 * `cyclic-transitive:0.3`, `random:20:7` (K = 20, seed 7).
 */
import { aggregateAnnotators, sigmoid, type AnnotatorGroup } from './annotators';
import type { GameJSON } from './game';
import { mulberry32 } from './random';
import {
  WORLD_CUP_WINNERS_RESULTS,
  WORLD_CUP_WINNERS_SOURCE as SOURCE,
} from './data/worldCupWinners';

export interface PresetArg {
  name: string;
  description: string;
  default: number;
  min: number;
  max: number;
  integer: boolean;
}

export interface Preset {
  id: string;
  name: string;
  description: string;
  args: PresetArg[];
  build(args: number[]): GameJSON;
}

const RPS = [
  [0.5, 0, 1],
  [1, 0.5, 0],
  [0, 1, 0.5],
];

/** Weighted RPS of docs/algorithms.md §8: unregularized equilibrium (5/9, 1/3, 1/9). */
const WRPS = [
  [0.5, 0.4, 0.8],
  [0.6, 0.5, 0],
  [0.2, 1, 0.5],
];

/**
 * RPS plus "dud", a weaker rock: it ties rock's loss to paper, beats scissors less often (0.7)
 * and loses to rock (0.3). Rock weakly dominates it, (0.9 rock, 0.1 paper) strictly; the β = 0
 * equilibrium is (⅓, ⅓, ⅓, 0) and unique, while every π*_β > 0 keeps some mass on the dud.
 */
const RPS_DUD = [
  [0.5, 0, 1, 0.7],
  [1, 0.5, 0, 1],
  [0, 1, 0.5, 0.3],
  [0.3, 0, 0.7, 0.5],
];

const RPSLS_ACTIONS = ['rock', 'paper', 'scissors', 'lizard', 'Spock'];
const RPSLS_BEATS: Record<string, string[]> = {
  rock: ['scissors', 'lizard'],
  paper: ['rock', 'Spock'],
  scissors: ['paper', 'lizard'],
  lizard: ['Spock', 'paper'],
  Spock: ['scissors', 'rock'],
};

function rpsls(): number[][] {
  return RPSLS_ACTIONS.map((a) =>
    RPSLS_ACTIONS.map((b) => (a === b ? 0.5 : RPSLS_BEATS[a]!.includes(b) ? 1 : 0)),
  );
}

/**
 * Three annotator groups, each transitive, rotating the same ranking: 2/3 of the population prefers
 * concise to detailed, detailed to friendly, and friendly to concise.
 */
export const CONDORCET_GROUPS: AnnotatorGroup[] = [
  { name: 'experts', weight: 1, scores: [3, 1.5, 0] },
  { name: 'students', weight: 1, scores: [0, 3, 1.5] },
  { name: 'casual users', weight: 1, scores: [1.5, 0, 3] },
];

/** Bradley–Terry ranking of the transitive preset: great ≻ good ≻ fair ≻ poor. */
const TRANSITIVE_SCORES = [0, 0.6, 1.2, 1.8];

function bradleyTerry(scores: readonly number[]): number[][] {
  return scores.map((si) => scores.map((sj) => sigmoid(si - sj)));
}

function mix(a: number[][], b: number[][], lambda: number): number[][] {
  return a.map((row, i) => row.map((v, j) => (1 - lambda) * v + lambda * b[i]![j]!));
}

/** The counts block of results rows [a, b, wins of a, wins of b, ties], actions in first-seen order. */
function resultsCounts(rows: readonly (readonly [string, string, number, number, number])[]): {
  actions: string[];
  counts: { wins: number[][]; ties: number[][]; prior: number };
} {
  const actions = [...new Set(rows.flatMap(([a, b]) => [a, b]))];
  const K = actions.length;
  const wins = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  const ties = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  for (const [a, b, wa, wb, t] of rows) {
    const i = actions.indexOf(a);
    const j = actions.indexOf(b);
    wins[i]![j] = wins[i]![j]! + wa;
    wins[j]![i] = wins[j]![i]! + wb;
    ties[i]![j] = ties[j]![i] = ties[i]![j]! + t;
  }
  return { actions, counts: { wins, ties, prior: 1 } };
}

const WORLD_CUP_DESCRIPTION = `Real results: all ${SOURCE.matches} men's internationals between the eight World Cup-winning nations, ${SOURCE.from} to ${SOURCE.to} (martj42/international_results, CC0, data of ${SOURCE.date}); a draw counts half; Beta(1, 1) prior.`;

export const PRESETS: readonly Preset[] = [
  {
    id: 'rps',
    name: 'Rock–paper–scissors',
    description:
      'The pure cycle: each action beats one and loses to one; the equilibrium is uniform.',
    args: [],
    build: () => ({
      name: 'Rock–paper–scissors',
      description:
        'The pure cycle: each action beats one and loses to one; the equilibrium is uniform.',
      actions: ['rock', 'paper', 'scissors'],
      preference: RPS,
      start: [0.6, 0.3, 0.1],
    }),
  },
  {
    id: 'weighted-rps',
    name: 'Weighted rock–paper–scissors',
    description:
      'Unequal margins (paper beats rock by 0.2, rock beats scissors by 0.6, scissors beats paper by 1); equilibrium (5/9, 1/3, 1/9).',
    args: [],
    build: () => ({
      name: 'Weighted rock–paper–scissors',
      description: 'Unequal margins; the unregularized equilibrium is (5/9, 1/3, 1/9).',
      actions: ['rock', 'paper', 'scissors'],
      preference: WRPS,
      start: [0.2, 0.2, 0.6],
    }),
  },
  {
    id: 'rps-dud',
    name: 'Rock–paper–scissors plus a dominated dud',
    description:
      'RPS and a weaker rock that every equilibrium of the unregularized game leaves out; π*_β > 0 still plays it.',
    args: [],
    build: () => ({
      name: 'Rock–paper–scissors plus a dominated dud',
      description:
        'The dud is a weaker rock (dominated); the β = 0 equilibrium (⅓, ⅓, ⅓, 0) puts nothing on it, π*_β does.',
      actions: ['rock', 'paper', 'scissors', 'dud'],
      preference: RPS_DUD,
      start: [0.3, 0.2, 0.1, 0.4],
    }),
  },
  {
    id: 'rpsls',
    name: 'Rock–paper–scissors–lizard–Spock',
    description: 'Five actions, each beating two and losing to two; the equilibrium is uniform.',
    args: [],
    build: () => ({
      name: 'Rock–paper–scissors–lizard–Spock',
      description: 'Five actions, each beating two and losing to two; the equilibrium is uniform.',
      actions: [...RPSLS_ACTIONS],
      preference: rpsls(),
      start: [0.4, 0.25, 0.15, 0.12, 0.08],
    }),
  },
  {
    id: 'condorcet-annotators',
    name: 'Annotators vote a Condorcet cycle',
    description:
      'Three annotator groups, each with a transitive Bradley–Terry preference, aggregate to a cycle.',
    args: [],
    build: () => ({
      name: 'Annotators vote a Condorcet cycle',
      description:
        'Experts, students and casual users each rank the responses transitively; together they prefer concise ≻ detailed ≻ friendly ≻ concise.',
      actions: ['concise', 'detailed', 'friendly'],
      preference: aggregateAnnotators(CONDORCET_GROUPS),
      start: [0.6, 0.3, 0.1],
    }),
  },
  {
    id: 'transitive',
    name: 'Transitive (one Bradley–Terry ranking)',
    description:
      'A single Bradley–Terry ranking great ≻ good ≻ fair ≻ poor; the equilibrium is pure (great).',
    args: [],
    build: () => ({
      name: 'Transitive (one Bradley–Terry ranking)',
      description:
        'A single Bradley–Terry ranking great ≻ good ≻ fair ≻ poor; the equilibrium is pure (great).',
      actions: ['poor', 'fair', 'good', 'great'],
      preference: bradleyTerry(TRANSITIVE_SCORES),
      start: [0.55, 0.25, 0.15, 0.05],
    }),
  },
  {
    id: 'cyclic-transitive',
    name: 'Cyclic plus transitive',
    description:
      'P = (1 − λ)·RPS + λ·(a Bradley–Terry ranking rock ≻ paper ≻ scissors); λ = 0 is a pure cycle, λ = 1 purely transitive.',
    args: [
      {
        name: 'lambda',
        description: 'mixing weight λ of the transitive part',
        default: 0.5,
        min: 0,
        max: 1,
        integer: false,
      },
    ],
    build: ([lambda = 0.5]) => ({
      name: `Cyclic plus transitive (λ = ${lambda})`,
      description: `(1 − λ)·RPS + λ·(Bradley–Terry rock ≻ paper ≻ scissors) with λ = ${lambda}.`,
      actions: ['rock', 'paper', 'scissors'],
      preference: mix(RPS, bradleyTerry([2, 1, 0]), lambda),
      start: [0.2, 0.3, 0.5],
    }),
  },
  {
    id: 'world-cup-winners',
    name: 'World Cup winners, head to head (real results)',
    description: WORLD_CUP_DESCRIPTION,
    args: [],
    build: () => {
      const { actions, counts } = resultsCounts(WORLD_CUP_WINNERS_RESULTS);
      return {
        name: 'World Cup winners, head to head',
        description: WORLD_CUP_DESCRIPTION,
        actions,
        counts,
        start: actions.map(() => 1 / actions.length),
      };
    },
  },
  {
    id: 'random',
    name: 'Random game',
    description:
      'A seeded random game: A[i][j] uniform in [−1, 1] above the diagonal, P = (1 + A)/2.',
    args: [
      { name: 'K', description: 'number of actions', default: 5, min: 2, max: 1024, integer: true },
      {
        name: 'seed',
        description: 'random seed',
        default: 1,
        min: 0,
        max: 2 ** 32 - 1,
        integer: true,
      },
    ],
    build: ([K = 5, seed = 1]) => {
      const rand = mulberry32(seed);
      const P = Array.from({ length: K }, () => new Array<number>(K).fill(0.5));
      for (let i = 0; i < K; i++) {
        for (let j = i + 1; j < K; j++) {
          const a = 2 * rand() - 1;
          P[i]![j] = (1 + a) / 2;
          P[j]![i] = (1 - a) / 2;
        }
      }
      const w = Array.from({ length: K }, () => 0.2 + rand());
      const total = w.reduce((s, x) => s + x, 0);
      return {
        name: `Random game (K = ${K}, seed ${seed})`,
        description: `Seeded random game with ${K} actions (seed ${seed}).`,
        actions: Array.from({ length: K }, (_, i) => `a${i + 1}`),
        preference: P,
        start: w.map((x) => x / total),
      };
    },
  },
];

export const DEFAULT_PRESET = 'rps';

export class PresetError extends Error {
  override name = 'PresetError';
}

/** `id` or `id:arg1:arg2…` → the game JSON. Throws {@link PresetError} for unknown ids or bad args. */
export function buildPreset(spec: string): GameJSON {
  const [id, ...rawArgs] = spec.split(':');
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) {
    throw new PresetError(`unknown preset '${id}' (known: ${PRESETS.map((p) => p.id).join(', ')})`);
  }
  if (rawArgs.length > preset.args.length) {
    throw new PresetError(
      preset.args.length === 0
        ? `preset '${id}' takes no arguments`
        : `preset '${id}' takes at most ${preset.args.length} arguments (${preset.args.map((a) => a.name).join(', ')})`,
    );
  }
  const args = preset.args.map((arg, i) => {
    const raw = rawArgs[i];
    if (raw === undefined || raw.trim() === '') return arg.default;
    const v = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(raw) ? Number(raw) : NaN;
    if (
      !Number.isFinite(v) ||
      (arg.integer && !Number.isInteger(v)) ||
      v < arg.min ||
      v > arg.max
    ) {
      throw new PresetError(
        `preset '${id}': ${arg.name} must be ${arg.integer ? 'an integer' : 'a number'} in [${arg.min}, ${arg.max}], got '${raw}'`,
      );
    }
    return v;
  });
  return preset.build(args);
}

export function isPresetSpec(spec: string): boolean {
  const id = spec.split(':')[0];
  return PRESETS.some((p) => p.id === id);
}
