/**
 * Every engine (and the Python export) has one kernel per registry solver: the tables are typed
 * `satisfies Record<SolverId, …>` (a missing kernel fails `tsc`), and here their keys are held to
 * the registry at run time too, so that a stray or missing entry cannot hide behind a cast.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { SOLVER_IDS, SOLVERS, type SolverId } from '../../../src/core/solvers';
import { FUSED_KERNELS, paramCount, slotCount } from '../../../src/engine/fused/kernels';
import { PARAM } from '../../../src/engine/fused/layout';
import { dstSlot, stepSegments } from '../../../src/engine/fused/wgsl';
import { TFJS_KERNELS } from '../../../src/engine/tfjs/solvers';
import { PYTHON_KERNELS, PYTHON_RUNTIME } from '../../../src/experiment/pythonRuntime';

/** The engines, and the numpy port of the Python export ("Reproduce", `run --emit python`). */
const TABLES = { tfjs: TFJS_KERNELS, fused: FUSED_KERNELS, python: PYTHON_KERNELS };
const sorted = (ids: Iterable<string>): string[] => [...ids].sort();

describe('kernel tables', () => {
  it('are keyed by exactly the solver ids (types)', () => {
    expectTypeOf<keyof typeof TFJS_KERNELS>().toEqualTypeOf<SolverId>();
    expectTypeOf<keyof typeof FUSED_KERNELS>().toEqualTypeOf<SolverId>();
    expectTypeOf<keyof typeof PYTHON_KERNELS>().toEqualTypeOf<SolverId>();
  });

  for (const [engine, table] of Object.entries(TABLES)) {
    it(`${engine}: one kernel per registry solver, no other`, () => {
      expect(sorted(Object.keys(table))).toEqual(sorted(SOLVER_IDS));
      expect(sorted(SOLVERS.map((s) => s.id))).toEqual(sorted(SOLVER_IDS));
      for (const id of SOLVER_IDS) expect(typeof table[id]).not.toBe('undefined');
    });
  }

  it('solvers with the same update share a kernel (mmd and mpo)', () => {
    expect(TFJS_KERNELS.mpo).toBe(TFJS_KERNELS.mmd);
    expect(FUSED_KERNELS.mpo).toBe(FUSED_KERNELS.mmd);
  });

  it('fused: each step has one query per registry query, reading a slot the member keeps', () => {
    for (const solver of SOLVERS) {
      for (const inner of solver.id === 'nash-mp' ? [false, true] : [false]) {
        const segments = stepSegments(solver.id, 3, { sampled: false, inner });
        // code[0], query 0, code[1], …: one piece more than queries
        expect(segments.code.length - 1, solver.id).toBe(solver.queriesPerStep);
        const slots = slotCount(solver.id, 3, inner);
        expect(segments.src, solver.id).toBeLessThan(slots);
        for (let t = 0; t < 4; t++) expect(dstSlot(solver.id, 3, t)).toBeLessThan(slots);
      }
    }
  });

  it('python: every solver is one branch of the script’s step (and of __init__ if it has state)', () => {
    for (const id of SOLVER_IDS) {
      const branches = PYTHON_RUNTIME.split(`elif kind == "${id}":`).length - 1;
      expect(branches, id).toBe('init' in PYTHON_KERNELS[id] ? 2 : 1);
    }
  });

  it('fused: slot and param counts (MNPO keeps n − 1 iterates and win rates, and its λ)', () => {
    expect(slotCount('inpo')).toBe(3);
    expect(slotCount('inpo', 3, false, true)).toBe(4);
    expect(slotCount('nash-mp', 3, true)).toBe(5);
    expect(slotCount('mnpo', 4)).toBe(3 + 2 * 3);
    expect(paramCount('inpo')).toBe(PARAM.weights);
    expect(paramCount('mnpo', 4)).toBe(PARAM.weights + 3);
    expect([0, 1, 2, 3].map((t) => dstSlot('mnpo', 4, t))).toEqual([6, 7, 8, 6]);
  });
});
