/**
 * Per-member state layout of the fused kernels: W = (slots + 1)·K floats, stored column-major
 * ([W, B]: entry c of member b at c·B + b). Slot 0 is
 * log π_t, slot 1 probabilities (scratch; RM+: π itself), slot 2 win rates; solver-specific slots
 * follow (their count: slotCount in kernels.ts), then (with a reference refresh) the refreshed
 * log μ; the last K floats hold the running average π̄_t.
 */

/**
 * Params row per member (float32): η, β (mpo: its magnet strength), theory-schedule flag,
 * averaging weight kind, Nash-MP's inner steps m and step α, the query model (samples n, 0 for
 * exact; the u32 seed as two 16-bit halves, each exact in float32), the refresh period R (0 =
 * never; exact in float32 up to 2²⁴), Nash-MD's fixed mixture weight m (−1: m = η_t·β), then
 * MNPO's λ.
 */
export const PARAM = {
  eta: 0,
  beta: 1,
  theory: 2,
  linear: 3,
  inner: 4,
  innerStep: 5,
  samples: 6,
  seedLo: 7,
  seedHi: 8,
  refresh: 9,
  mix: 10,
  weights: 11,
} as const;

/** Stand-in for log 0 in float32 (WGSL's log(0) is not specified); read back as −∞. */
export const LOG_ZERO = -3.0e38;
