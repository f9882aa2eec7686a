/** The fused engine's dispatch size from a timed interval (src/engine/fused/dispatch.ts). */
import { describe, expect, it } from 'vitest';
import {
  DISPATCH_TARGET_MS,
  MAX_WORK_PER_DISPATCH,
  MIN_WORK_PER_DISPATCH,
  workForTarget,
} from '../../../src/engine/fused/dispatch';

describe('workForTarget', () => {
  it('sizes a dispatch to last the target at the measured speed', () => {
    expect(DISPATCH_TARGET_MS).toBe(20);
    // 2²⁸ multiply-adds in 40 ms: 2²⁷ last 20 ms.
    expect(workForTarget(2 ** 28, 40)).toBe(2 ** 27);
    expect(workForTarget(3e9, 7.5)).toBe(8e9);
  });

  it('keeps within 2²⁰ … 2³⁶ multiply-adds', () => {
    expect(MIN_WORK_PER_DISPATCH).toBe(2 ** 20);
    expect(MAX_WORK_PER_DISPATCH).toBe(2 ** 36);
    expect(workForTarget(1000, 100)).toBe(2 ** 20); // a software adapter at 10⁴ per ms
    expect(workForTarget(2 ** 40, 5)).toBe(2 ** 36); // a GPU past the cap
  });

  it('refuses a non-positive or NaN measurement', () => {
    expect(() => workForTarget(0, 10)).toThrow(/positive/);
    expect(() => workForTarget(1e6, 0)).toThrow(/positive/);
    expect(() => workForTarget(Number.NaN, 10)).toThrow(/positive/);
  });
});
