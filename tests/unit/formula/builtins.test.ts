/** The built-in solvers written as formulas reproduce the registry's float64 solvers. */
import { describe, expect, it } from 'vitest';
import { SolverRun } from '../../../src/core/run';
import { resolveParams } from '../../../src/core/solvers';
import { BUILTIN_FORMULAS } from '../../../src/formula/builtins';
import { compileFormula, resolveCustomParams } from '../../../src/formula/solver';
import { ENGINE_GAMES } from '../engine-fixtures';

const STEPS = 300;

function maxGap(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let g = 0;
  for (let i = 0; i < a.length; i++) g = Math.max(g, Math.abs(a[i]! - b[i]!));
  return g;
}

describe('built-in solvers written in the formula language (float64 reference)', () => {
  for (const { solver, note, formula } of BUILTIN_FORMULAS) {
    for (const beta of [0.1, 0.01]) {
      it(`${solver} (${note}) at β = ${beta}: log π within 1e-12 over ${STEPS} steps`, () => {
        const theory = formula.includes('t + 2');
        for (const game of ENGINE_GAMES) {
          const builtinParams = resolveParams(
            solver,
            beta,
            solver === 'nash-md' || solver === 'inpo'
              ? { schedule: theory ? 'theory' : 'constant' }
              : {},
          );
          const builtin = new SolverRun(game, solver, builtinParams, game.start);
          const custom = new SolverRun(
            game,
            compileFormula(formula),
            resolveCustomParams(beta, { eta: builtinParams.eta ?? 0.5 }),
            game.start,
          );
          let worst = 0;
          for (let s = 0; s < STEPS; s++) {
            builtin.advance(1);
            custom.advance(1);
            worst = Math.max(worst, maxGap(builtin.logPolicy, custom.logPolicy));
          }
          expect(custom.failure).toBeNull();
          expect(worst, game.name).toBeLessThan(1e-12);
          expect(maxGap(builtin.average(), custom.average())).toBeLessThan(1e-12);
          expect(custom.queries).toBe(builtin.queries);
          // The run moved: a formula that did nothing would fail the comparison above anyway.
          expect(maxGap(custom.logPolicy, Array.from(game.start, Math.log))).toBeGreaterThan(1e-3);
        }
      });
    }
  }

  it('sampled queries: a formula draws the same samples as its built-in (same query order)', () => {
    const game = ENGINE_GAMES[1]!;
    const queries = { kind: 'sampled' as const, samples: 50, seed: 7 };
    for (const { solver, formula } of BUILTIN_FORMULAS.filter((b) =>
      ['egpo', 'nash-mp', 'onpo'].includes(b.solver),
    )) {
      const params = resolveParams(solver, 0.1);
      const builtin = new SolverRun(game, solver, params, game.start, queries);
      const custom = new SolverRun(
        game,
        compileFormula(formula),
        resolveCustomParams(0.1, { eta: params.eta! }),
        game.start,
        queries,
      );
      builtin.advance(100);
      custom.advance(100);
      expect(maxGap(builtin.logPolicy, custom.logPolicy), solver).toBeLessThan(1e-12);
    }
  });
});
