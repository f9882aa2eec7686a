/** Property: generated valid formulas check, and the reference and tfjs engines agree on them. */
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TfjsEngine } from '../../../src/engine/tfjs/engine';
import type { BatchMember, BatchSpec } from '../../../src/engine/types';
import { checkFormula, formatIssue } from '../../../src/formula';
import { resolveCustomParams } from '../../../src/formula/solver';
import { ENGINE_GAMES, policyGaps, reference } from '../engine-fixtures';
import { formulaArbitrary } from '../formula-arbitrary';

beforeAll(() => {
  tf.env().set('PROD', true);
});

afterAll(() => {
  tf.engine().reset();
});

describe('generated formulas', () => {
  it('are accepted by the checker', () => {
    fc.assert(
      fc.property(formulaArbitrary, (source) => {
        const o = checkFormula(source);
        if (!o.ok) throw new Error(o.issues.map((i) => formatIssue(source, i)).join('\n'));
      }),
      { numRuns: 100, seed: 1 },
    );
  });

  it('run alike on the float64 reference and the per-op tfjs engine', async () => {
    const engine = new TfjsEngine({ backends: ['wasm'] });
    await fc.assert(
      fc.asyncProperty(
        fc.array(formulaArbitrary, { minLength: 4, maxLength: 4 }),
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
          expect(ref.failures).toBeUndefined();
          const result = await engine.run(spec);
          expect(result.failures).toBeUndefined();
          policyGaps(result, ref).forEach((g, m) => expect(g, formulas[m]).toBeLessThan(1e-4));
        },
      ),
      { numRuns: 4, seed: 2 },
    );
  }, 60_000);
});
