import { describe, expect, it } from 'vitest';
import { staysWithinFrom } from '../../../src/core/hitting';
import { hitOf } from '../../../src/experiment/hits';

describe('stays within ε', () => {
  it('counts only the run that lasts to the end', () => {
    expect(staysWithinFrom([1, 1e-7, 1, 1e-7, 1e-8], 1e-6)).toBe(3);
    expect(staysWithinFrom([1, 0.5, 2], 1e-6)).toBe(-1);
    expect(staysWithinFrom([1e-9, 1e-9], 1e-6)).toBe(0);
    expect(staysWithinFrom([], 1e-6)).toBe(-1);
  });
  it('never counts a NaN as within ε', () => {
    expect(staysWithinFrom([1e-9, NaN, 1e-9], 1e-6)).toBe(2);
    expect(staysWithinFrom([1e-9, NaN], 1e-6)).toBe(-1);
  });
  it('reads the iteration and the queries off the trace', () => {
    const trace = { times: Float64Array.of(0, 2, 4, 6), queriesPerStep: 3 };
    expect(hitOf(trace, [1, 1, 1e-7, 1e-8], 1e-6)).toEqual({ epsilon: 1e-6, t: 4, queries: 12 });
    expect(hitOf(trace, [1, 1, 1e-7, 1], 1e-6)).toBeNull();
  });
});
