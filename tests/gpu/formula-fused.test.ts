/** Custom solvers on the fused WGSL kernels (Dawn + SwiftShader in Node) against float64. */
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveParams, type MemberSolver } from '../../src/core/solvers';
import { useBackend } from '../../src/engine/backends';
import { FusedEngine } from '../../src/engine/fused/engine';
import { TfjsEngine } from '../../src/engine/tfjs/engine';
import type { BatchMember, BatchSpec } from '../../src/engine/types';
import { BUILTIN_FORMULAS } from '../../src/formula/builtins';
import { resolveCustomParams } from '../../src/formula/solver';
import { ENGINE_GAMES, averageGaps, policyGaps, reference } from '../unit/engine-fixtures';
import { formulaOfDepth } from '../unit/formula-arbitrary';
import { basinsSpec } from '../../src/experiment/views/basins';
import { simplexLattice } from '../../src/experiment/views/lattice';
import type { SolverSetting } from '../../src/experiment/views/runs';

beforeAll(async () => {
  expect(await useBackend('webgpu')).toBe(true);
});

/** The registry solver and its formula, at the registry's default η (constant schedules). */
function pairs(
  beta: number,
  start: Float64Array,
): { registry: BatchMember[]; custom: BatchMember[] } {
  const registry: BatchMember[] = [];
  const custom: BatchMember[] = [];
  for (const { solver, formula } of BUILTIN_FORMULAS) {
    const theory = formula.includes('t + 2');
    const params = resolveParams(
      solver,
      beta,
      solver === 'nash-md' || solver === 'inpo' ? { schedule: theory ? 'theory' : 'constant' } : {},
    );
    registry.push({ solver, params, start });
    custom.push({
      solver: 'custom',
      formula,
      params: resolveCustomParams(beta, { eta: params.eta ?? 0.5 }),
      start,
    });
  }
  return { registry, custom };
}

const NAN_RULE = 'half = logpi + eta * P·pi\nboom = log(half - half - t + 5)\nnext = half + boom';

describe('custom solvers on the fused kernels', () => {
  const engine = new FusedEngine();

  for (const game of ENGINE_GAMES) {
    it(`built-ins written as formulas within 1e-4 of the float64 registry solvers on ${game.name}`, async () => {
      const { registry, custom } = pairs(0.1, game.start);
      const spec: BatchSpec = { game, members: custom, steps: 300, every: 100 };
      const result = await engine.run(spec);
      expect(result.engine).toBe('fused');
      const ref = reference({ ...spec, members: registry });
      policyGaps(result, ref).forEach((g, m) =>
        expect(g, BUILTIN_FORMULAS[m]!.solver).toBeLessThan(1e-4),
      );
      averageGaps(result, ref).forEach((g, m) =>
        expect(g, BUILTIN_FORMULAS[m]!.solver).toBeLessThan(1e-4),
      );
      expect(result.failures).toBeUndefined();
    });
  }

  it('a sweep of η × β in one custom group, and hitting times, match float64', async () => {
    const game = ENGINE_GAMES[1]!;
    const formula = BUILTIN_FORMULAS.find((b) => b.solver === 'nash-mp')!.formula;
    const members: BatchMember[] = [];
    for (const eta of [0.5, 1, 2])
      for (const beta of [0.05, 0.1, 0.5])
        members.push({
          solver: 'custom',
          formula,
          params: resolveCustomParams(beta, { eta }),
          start: game.start,
        });
    const spec: BatchSpec = { game, members, steps: 200, every: 200, hit: { epsilon: 1e-6 } };
    const result = await engine.run(spec);
    const ref = reference(spec);
    expect(Math.max(...policyGaps(result, ref))).toBeLessThan(1e-4);
    result.hitTimes!.forEach((h, b) =>
      expect(Math.abs(h - ref.hitTimes![b]!)).toBeLessThanOrEqual(1),
    );
  });

  it('basins (hit.stop) of a formula: the registry solver’s hitting times, within one step', async () => {
    const game = ENGINE_GAMES[0]!;
    const lattice = simplexLattice(16);
    const formula = BUILTIN_FORMULAS.find((b) => b.solver === 'nash-mp')!.formula;
    const settings: SolverSetting<MemberSolver>[] = [
      { solver: 'custom', formula, params: resolveCustomParams(0.1, { eta: 2 }) },
    ];
    const spec = basinsSpec(game, settings, 100, 1e-6, lattice);
    const fused = await engine.run(spec);
    const registry = reference({
      ...spec,
      members: spec.members.map((m) => ({
        solver: 'nash-mp',
        params: resolveParams('nash-mp', 0.1),
        start: m.start,
      })),
    });
    fused.hitTimes!.forEach((h, b) =>
      expect(Math.abs(h - registry.hitTimes![b]!)).toBeLessThanOrEqual(1),
    );
    expect(Math.min(...fused.hitTimes!)).toBeGreaterThan(0);
  });

  it('failures: the first bad step as on float64; other members and solvers run on', async () => {
    const game = ENGINE_GAMES[0]!;
    const members: BatchMember[] = [
      { solver: 'custom', formula: NAN_RULE, params: resolveCustomParams(0.1), start: game.start },
      { solver: 'inpo', params: resolveParams('inpo', 0.1), start: game.start },
      {
        solver: 'custom',
        formula: 'next = logpi + log(0)',
        params: resolveCustomParams(0.1),
        start: game.start,
      },
      {
        solver: 'custom',
        formula: 'aux a = exp(1000)\nnext = logpi + a',
        params: resolveCustomParams(0.1),
        start: game.start,
      },
      {
        solver: 'custom',
        formula: 'g = P·pi\nbad = max(sqrt(3 - t), 0)\nnext = logpi + eta * g * bad',
        params: resolveCustomParams(0.1),
        start: game.start,
      },
    ];
    const spec: BatchSpec = { game, members, steps: 20, every: 5 };
    const result = await engine.run(spec);
    const ref = reference(spec);
    expect(ref.failures).toEqual([
      { member: 0, t: 5, step: 'boom', value: 'infinite' },
      { member: 2, t: 0, step: 'next', value: 'infinite' },
      { member: 3, t: 0, step: 'a (initial value)', value: 'infinite' },
      { member: 4, t: 4, step: 'bad', value: 'NaN' },
    ]);
    expect(result.failures).toEqual(ref.failures);
    expect(Math.max(...policyGaps(result, ref))).toBeLessThan(1e-4);
  });

  it('sampled queries: one step draws the same samples as float64', async () => {
    const game = ENGINE_GAMES[1]!;
    const members: BatchMember[] = BUILTIN_FORMULAS.slice(4, 8).flatMap(({ formula }) =>
      [1, 2].map((seed) => ({
        solver: 'custom' as const,
        formula,
        params: resolveCustomParams(0.1, { eta: 0.5 }),
        start: game.start,
        queries: { kind: 'sampled' as const, samples: 100, seed },
      })),
    );
    const spec: BatchSpec = { game, members, steps: 1, every: 1 };
    const gaps = policyGaps(await engine.run(spec), reference(spec));
    for (const g of gaps) expect(g).toBeLessThan(1e-5);
  });

  it('property: generated formulas agree on the reference, tfjs and fused engines', async () => {
    const tfjs = new TfjsEngine({ backends: ['wasm'] });
    await fc.assert(
      fc.asyncProperty(
        fc.array(formulaOfDepth(1), { minLength: 3, maxLength: 3 }),
        async (formulas) => {
          const game = ENGINE_GAMES[2]!;
          const members: BatchMember[] = formulas.map((formula, i) => ({
            solver: 'custom',
            formula,
            params: resolveCustomParams(0.1 * (i + 1), { eta: 0.3 }),
            start: game.start,
          }));
          const spec: BatchSpec = { game, members, steps: 15, every: 5 };
          const ref = reference(spec);
          const perOp = await tfjs.run(spec);
          const fused = await engine.run(spec);
          for (const r of [ref, perOp, fused]) expect(r.failures).toBeUndefined();
          policyGaps(perOp, ref).forEach((g, m) => expect(g, formulas[m]).toBeLessThan(1e-4));
          policyGaps(fused, ref).forEach((g, m) => expect(g, formulas[m]).toBeLessThan(1e-4));
        },
      ),
      { numRuns: 1, seed: 3 },
    );
    expect(await useBackend('webgpu')).toBe(true);
  });

  it('leaks no tensors', async () => {
    const game = ENGINE_GAMES[2]!;
    const { custom } = pairs(0.1, game.start);
    const spec: BatchSpec = { game, members: custom, steps: 10, every: 5 };
    await engine.run(spec);
    const before = tf.memory().numTensors;
    for (let k = 0; k < 5; k++) await engine.run(spec);
    expect(tf.memory().numTensors).toBe(before);
  });
});
