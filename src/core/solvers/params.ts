/**
 * Turns what a user gave (CLI flags, UI controls, URL state) into the parameters that run,
 * applying the defaults of docs/algorithms.md §4 and refusing, never clipping, what is out of range.
 */
import { BETA_MAX } from './common';
import { getSolver } from './registry';
import type { ResolvedParams, Schedule, SolverId, SolverParams } from './types';

export class ParamError extends Error {
  override name = 'ParamError';
  /** The parameter the message is about (a control shows it there), when it is one parameter. */
  readonly param: string | undefined;
  constructor(message: string, param?: string) {
    super(message);
    this.param = param;
  }
}

/** Names of the parameters a solver accepts (from its registry entry). */
export function parameterIds(id: SolverId): string[] {
  return getSolver(id).parameters.map((p) => p.id);
}

export function checkBeta(beta: number): void {
  if (typeof beta !== 'number' || Number.isNaN(beta))
    throw new ParamError(`β must be a number, got ${beta}`);
  if (beta < 0) throw new ParamError(`β must be ≥ 0, got ${beta}`);
  if (!(beta <= BETA_MAX)) throw new ParamError(`β must be at most ${BETA_MAX}, got ${beta}`);
}

export function resolveParams(
  id: SolverId,
  beta: number,
  given: SolverParams = {},
): ResolvedParams {
  const def = getSolver(id);
  checkBeta(beta);
  const accepted = new Set(parameterIds(id));
  for (const key of Object.keys(given) as (keyof SolverParams)[]) {
    if (given[key] === undefined) continue;
    if (!accepted.has(key)) {
      const list = [...accepted].join(', ');
      throw new ParamError(
        `${def.name} has no parameter '${key}'${list ? ` (it takes: ${list})` : ' (it takes none)'}`,
        key,
      );
    }
  }

  let schedule: Schedule | null = null;
  if (accepted.has('schedule')) {
    if (
      given.schedule !== undefined &&
      given.schedule !== 'constant' &&
      given.schedule !== 'theory'
    ) {
      throw new ParamError(
        `schedule must be 'constant' or 'theory', got '${String(given.schedule)}'`,
        'schedule',
      );
    }
    // An explicit η means a constant step; so does β = 0, where the theory schedule is undefined.
    schedule = given.schedule ?? (given.eta !== undefined || beta === 0 ? 'constant' : 'theory');
    if (schedule === 'theory' && beta === 0) {
      throw new ParamError(
        `${def.name}: the theory schedule η_t = 2/(β(t+2)) needs β > 0; use --schedule constant`,
        'schedule',
      );
    }
    if (schedule === 'theory' && given.eta !== undefined) {
      throw new ParamError(
        `${def.name}: η is set by the theory schedule; drop η or use schedule 'constant'`,
        'eta',
      );
    }
  }

  let eta: number | null = null;
  const etaSpec = def.parameters.find((p) => p.id === 'eta');
  if (etaSpec && etaSpec.kind === 'number' && schedule !== 'theory') {
    eta = given.eta ?? etaSpec.default(beta);
    if (typeof eta !== 'number' || !Number.isFinite(eta) || eta <= etaSpec.min) {
      throw new ParamError(`η must be a finite number > ${etaSpec.min}, got ${eta}`, 'eta');
    }
    if (eta > etaSpec.max)
      throw new ParamError(`η must be at most ${etaSpec.max}, got ${eta}`, 'eta');
    if (def.maxEtaBeta !== undefined && eta * beta > def.maxEtaBeta * (1 + 1e-12)) {
      throw new ParamError(
        `${def.name} needs ηβ ≤ ${def.maxEtaBeta}, got η = ${eta}, β = ${beta} (ηβ = ${eta * beta}); lower η to at most ${def.maxEtaBeta / beta}`,
        'eta',
      );
    }
  }

  let players: number | null = null;
  let weights: number[] | null = null;
  const playersSpec = def.parameters.find((p) => p.id === 'players');
  if (playersSpec && playersSpec.kind === 'integer') {
    players = given.players ?? playersSpec.default;
    if (!Number.isInteger(players) || players < playersSpec.min || players > playersSpec.max) {
      throw new ParamError(
        `players must be an integer in [${playersSpec.min}, ${playersSpec.max}], got ${players}`,
        'players',
      );
    }
    const n = players - 1;
    if (given.weights !== undefined) {
      if (given.weights.length !== n) {
        throw new ParamError(
          `weights needs ${n} entries (players − 1), got ${given.weights.length}`,
          'weights',
        );
      }
      given.weights.forEach((w, j) => {
        if (!Number.isFinite(w) || w <= 0)
          throw new ParamError(`weights[${j}] must be a positive number, got ${w}`, 'weights');
      });
      const total = given.weights.reduce((s, w) => s + w, 0);
      weights = given.weights.map((w) => w / total);
    } else weights = new Array<number>(n).fill(1 / n);
  }

  let inner: number | null = null;
  let innerStep: number | null = null;
  const innerSpec = def.parameters.find((p) => p.id === 'inner');
  if (innerSpec && innerSpec.kind === 'integer') {
    inner = given.inner ?? innerSpec.default;
    if (!Number.isInteger(inner) || inner < innerSpec.min || inner > innerSpec.max) {
      throw new ParamError(
        `inner must be an integer in [${innerSpec.min}, ${innerSpec.max}], got ${inner}`,
        'inner',
      );
    }
  }
  const stepSpec = def.parameters.find((p) => p.id === 'innerStep');
  if (stepSpec && stepSpec.kind === 'number') {
    innerStep = given.innerStep ?? stepSpec.default(beta);
    if (
      typeof innerStep !== 'number' ||
      !Number.isFinite(innerStep) ||
      innerStep <= stepSpec.min ||
      innerStep > stepSpec.max
    ) {
      throw new ParamError(
        `inner step α must be a finite number in (${stepSpec.min}, ${stepSpec.max}], got ${innerStep}`,
        'innerStep',
      );
    }
  }

  let refresh: number | null = null;
  const refreshSpec = def.parameters.find((p) => p.id === 'refresh');
  if (refreshSpec && refreshSpec.kind === 'integer') {
    refresh = given.refresh ?? refreshSpec.default;
    if (!Number.isInteger(refresh) || refresh < refreshSpec.min || refresh > refreshSpec.max) {
      throw new ParamError(
        `refresh must be an integer in [${refreshSpec.min}, ${refreshSpec.max}] (iterations between refreshes${refreshSpec.min === 0 ? ', 0 = never' : ''}), got ${refresh}`,
      );
    }
  }

  let magnet: number | null = null;
  const magnetSpec = def.parameters.find((p) => p.id === 'magnet');
  if (magnetSpec && magnetSpec.kind === 'number') {
    magnet = given.magnet ?? magnetSpec.default(beta);
    if (
      typeof magnet !== 'number' ||
      !Number.isFinite(magnet) ||
      magnet <= magnetSpec.min ||
      magnet > magnetSpec.max
    ) {
      throw new ParamError(
        `magnet strength must be a finite number in (${magnetSpec.min}, ${magnetSpec.max}], got ${magnet}`,
      );
    }
  }

  return { beta, eta, schedule, players, weights, inner, innerStep, refresh, magnet };
}

/**
 * Checks what a user gave on its own terms (names, types, ranges), leaving out whether it fits a
 * β: at the smallest positive β every ηβ limit holds and the theory schedule is defined, so only
 * errors of the parameters themselves remain. Links use it: a β/η conflict is shown, not refused.
 */
export function checkParamsShape(id: SolverId, given: SolverParams): void {
  resolveParams(id, Number.MIN_VALUE, given);
}

/** η_t for a resolved parameter set: the constant, or 2/(β(t+2)) under the theory schedule. */
export function stepSize(params: ResolvedParams): (t: number) => number {
  if (params.schedule === 'theory') {
    const beta = params.beta;
    return (t) => 2 / (beta * (t + 2));
  }
  const eta = params.eta ?? 0;
  return () => eta;
}
