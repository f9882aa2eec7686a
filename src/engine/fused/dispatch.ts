/**
 * How much work one one-kernel dispatch of the fused engine may do. A dispatch must stay far below
 * a GPU watchdog (~2 s) yet be long enough that per-dispatch overhead does not dominate; the
 * engine times its dispatches on the device and sizes them to DISPATCH_TARGET_MS.
 */

/**
 * Multiply-adds the first dispatches may do before the engine has timed this device (≈ tens of
 * ms on a software adapter, far less on a GPU). Once timed, the split follows the measured
 * speed: DISPATCH_TARGET_MS of work per dispatch, within the bounds below.
 */
export const DEFAULT_WORK_PER_DISPATCH = 2 ** 25;
/** What a dispatch should last: far below any GPU watchdog (~2 s), long enough to hide overhead. */
export const DISPATCH_TARGET_MS = 20;
export const MIN_WORK_PER_DISPATCH = 2 ** 20;
export const MAX_WORK_PER_DISPATCH = 2 ** 36;
/** Shorter timed intervals say more about latency than speed. */
export const MIN_TIMED_MS = 5;

/**
 * The work per dispatch that lasts DISPATCH_TARGET_MS at the speed of `work` multiply-adds done
 * in `ms`, within [MIN_WORK_PER_DISPATCH, MAX_WORK_PER_DISPATCH]. The fixed 2²⁵ default is ~30 µs
 * on a large GPU, where per-dispatch overhead then dominates, and ~50 ms on a software adapter.
 */
export function workForTarget(work: number, ms: number): number {
  if (!(work > 0 && ms > 0)) throw new RangeError(`work and ms must be positive (${work}, ${ms})`);
  return Math.min(
    MAX_WORK_PER_DISPATCH,
    Math.max(MIN_WORK_PER_DISPATCH, Math.round((work / ms) * DISPATCH_TARGET_MS)),
  );
}
