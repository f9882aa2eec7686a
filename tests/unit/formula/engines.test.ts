/** Custom solvers on the batch engines: reference and per-op tfjs (wasm), failures, leaks. */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveParams } from '../../../src/core/solvers';
import { ReferenceEngine } from '../../../src/engine/reference';
import { TfjsEngine } from '../../../src/engine/tfjs/engine';
import type { BatchMember, BatchSpec } from '../../../src/engine/types';
import { BUILTIN_FORMULAS } from '../../../src/formula/builtins';
import { resolveCustomParams } from '../../../src/formula/solver';
import { ENGINE_GAMES, policyGaps, reference } from '../engine-fixtures';

beforeAll(() => {
  tf.env().set('PROD', true);
});

afterAll(() => {
  tf.engine().reset();
});

/** Every built-in as a formula next to its registry solver, at the registry's default η. */
function builtinPairs(beta: number, game = ENGINE_GAMES[0]!): BatchMember[] {
  return BUILTIN_FORMULAS.flatMap(({ solver, formula }) => {
    const theory = formula.includes('t + 2');
    const params = resolveParams(
      solver,
      beta,
      solver === 'nash-md' || solver === 'inpo' ? { schedule: theory ? 'theory' : 'constant' } : {},
    );
    return [
      { solver, params, start: game.start },
      {
        solver: 'custom' as const,
        formula,
        params: resolveCustomParams(beta, { eta: params.eta ?? 0.5 }),
        start: game.start,
      },
    ];
  });
}

const NAN_RULE = 'half = logpi + eta * P·pi\nboom = log(half - half - t + 5)\nnext = half + boom';

describe('custom members on the reference engine', () => {
  it('a batch of built-ins and their formulas: pairs agree to 1e-12', () => {
    for (const game of ENGINE_GAMES) {
      const members = builtinPairs(0.1, game);
      const result = reference({ game, members, steps: 200, every: 50 });
      const gaps = policyGaps(result, result);
      expect(gaps.every((g) => g === 0)).toBe(true);
      for (let m = 0; m < members.length; m += 2) {
        for (let s = 0; s < result.times.length; s++) {
          for (let i = 0; i < game.K; i++) {
            const at = (s * result.B + m) * game.K + i;
            expect(
              Math.abs(result.logPolicies[at]! - result.logPolicies[at + game.K]!),
            ).toBeLessThan(1e-12);
          }
        }
      }
      expect(result.failures).toBeUndefined();
    }
  });

  it('a rule that produces NaN stops at the first bad step; the others run on', () => {
    const game = ENGINE_GAMES[0]!;
    const members: BatchMember[] = [
      { solver: 'custom', formula: NAN_RULE, params: resolveCustomParams(0.1), start: game.start },
      { solver: 'inpo', params: resolveParams('inpo', 0.1), start: game.start },
    ];
    const result = new ReferenceEngine().runSync({ game, members, steps: 20, every: 1 });
    // log(5 − t) is finite for t < 5, −∞ at t = 5 and NaN after: step 'boom' fails at t = 5.
    expect(result.failures).toEqual([{ member: 0, t: 5, step: 'boom', value: 'infinite' }]);
    const K = game.K;
    const at = (s: number, b: number): number[] =>
      Array.from(result.logPolicies.slice((s * 2 + b) * K, (s * 2 + b + 1) * K));
    expect(at(20, 0)).toEqual(at(5, 0)); // frozen at π_5
    expect(at(20, 0).every(Number.isFinite)).toBe(true);
    expect(at(20, 1)).not.toEqual(at(5, 1)); // INPO kept racing
  });
});

describe('custom members on the tfjs engine (wasm)', () => {
  const engine = new TfjsEngine({ backends: ['wasm'] });

  for (const game of ENGINE_GAMES) {
    it(`built-ins written as formulas within 1e-4 of the float64 registry solvers on ${game.name}`, async () => {
      const pairs = builtinPairs(0.1, game);
      const custom = pairs.filter((m) => m.solver === 'custom');
      const spec: BatchSpec = { game, members: custom, steps: 100, every: 50 };
      const result = await engine.run(spec);
      const registry = reference({ ...spec, members: pairs.filter((m) => m.solver !== 'custom') });
      policyGaps(result, registry).forEach((g, m) =>
        expect(g, BUILTIN_FORMULAS[m]!.solver).toBeLessThan(1e-4),
      );
    });
  }

  it('per-member η and β in one custom group (a sweep) match float64', async () => {
    const game = ENGINE_GAMES[1]!;
    const formula = BUILTIN_FORMULAS.find((b) => b.solver === 'egpo')!.formula;
    const members: BatchMember[] = [];
    for (const eta of [0.2, 0.5, 0.9])
      for (const beta of [0.01, 0.1, 1])
        members.push({
          solver: 'custom',
          formula,
          params: resolveCustomParams(beta, { eta }),
          start: game.start,
        });
    const spec: BatchSpec = { game, members, steps: 200, every: 100 };
    const gaps = policyGaps(await engine.run(spec), reference(spec));
    expect(Math.max(...gaps)).toBeLessThan(1e-4);
  });

  it('failures: the same first bad step as float64, other members unaffected, no leaks', async () => {
    const game = ENGINE_GAMES[0]!;
    const members: BatchMember[] = [
      { solver: 'custom', formula: NAN_RULE, params: resolveCustomParams(0.1), start: game.start },
      {
        solver: 'custom',
        formula: NAN_RULE,
        params: resolveCustomParams(0.1, { eta: 0.2 }),
        start: game.start,
      },
      { solver: 'inpo', params: resolveParams('inpo', 0.1), start: game.start },
      {
        solver: 'custom',
        formula: 'g = P·pi\nbad = max(sqrt(3 - t), 0)\nnext = logpi + eta * g * bad',
        params: resolveCustomParams(0.1),
        start: game.start,
      },
    ];
    const spec: BatchSpec = { game, members, steps: 20, every: 5 };
    await engine.run(spec);
    const before = tf.memory().numTensors;
    const result = await engine.run(spec);
    expect(tf.memory().numTensors).toBe(before);
    expect(result.failures).toEqual([
      { member: 0, t: 5, step: 'boom', value: 'infinite' },
      { member: 1, t: 5, step: 'boom', value: 'infinite' },
      { member: 3, t: 4, step: 'bad', value: 'NaN' },
    ]);
    const ref = reference(spec);
    expect(ref.failures).toEqual(result.failures);
    expect(Math.max(...policyGaps(result, ref))).toBeLessThan(1e-4);
  });

  it('aux state and look-backs: float64 numbers, no tensors leaked over many runs', async () => {
    const game = ENGINE_GAMES[2]!;
    const formulas = [
      ...BUILTIN_FORMULAS.filter((b) => ['onpo', 'mnpo'].includes(b.solver)).map((b) => b.formula),
      'next = 0.5 * logpi + 0.3 * logpi[t-3] + 0.2 * logpi[t-1] + eta * P·pi[t-2]',
    ];
    const members: BatchMember[] = formulas.map((formula) => ({
      solver: 'custom',
      formula,
      params: resolveCustomParams(0.1, { eta: 0.3 }),
      start: game.start,
    }));
    const spec: BatchSpec = { game, members, steps: 30, every: 10 };
    const first = await engine.run(spec);
    policyGaps(first, reference(spec)).forEach((g, m) => expect(g, formulas[m]).toBeLessThan(1e-4));
    const before = tf.memory().numTensors;
    for (let k = 0; k < 5; k++) await engine.run(spec);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('sampled queries go through the query model (one query per P·x, in order)', async () => {
    const cpu = new TfjsEngine({ backends: ['cpu'] });
    const game = ENGINE_GAMES[1]!;
    const formula = BUILTIN_FORMULAS.find((b) => b.solver === 'egpo')!.formula;
    const members: BatchMember[] = [0, 1].map((seed) => ({
      solver: 'custom',
      formula,
      params: resolveCustomParams(0.1, { eta: 0.5 }),
      start: game.start,
      queries: { kind: 'sampled', samples: 1000, seed },
    }));
    const spec: BatchSpec = { game, members, steps: 20, every: 20 };
    const result = await cpu.run(spec);
    const ref = reference(spec);
    // float32 π feeds the same counter-based draws; with 1000 samples the runs stay within 1e-3.
    expect(Math.max(...policyGaps(result, ref))).toBeLessThan(1e-3);
    // …and the two seeds differ.
    expect(Math.abs(ref.logPolicies[3]! - ref.logPolicies[6]!)).toBeGreaterThan(0);
  });
});
