/**
 * Per-member state layout of the fused kernels: W = (slots + 1)·K floats, stored column-major
 * ([W, B]: entry c of member b at c·B + b). Slot 0 is
 * log π_t, slot 1 probabilities (scratch; RM+: π itself), slot 2 win rates; solver-specific slots
 * follow, then (with a reference refresh) the refreshed log μ; the last K floats hold the running
 * average π̄_t.
 */
import type { SolverId } from '../../core/solvers';

export function slotCount(solver: SolverId, players = 3, inner = false, refresh = false): number {
  return solverSlots(solver, players, inner) + (refresh ? 1 : 0);
}

function solverSlots(solver: SolverId, players: number, inner: boolean): number {
  switch (solver) {
    case 'nash-mp':
      return inner ? 5 : 4; // slot 4: the logits θ of approximate Nash-MP's inner policy gradient
    case 'egpo':
    case 'nash-md':
    case 'onpo':
    case 'fictitious-play':
      return 4;
    case 'inpo':
    case 'mmd':
    case 'sppo':
    case 'mpo':
    case 'online-ipo':
      return 3;
    case 'nash-md-pg':
      return 4; // slot 3: Nash-MD's mixture
    case 'mnpo':
      return 3 + 2 * (players - 1);
    case 'replicator':
      return 8;
    case 'rm-plus':
      return 5;
  }
}

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

export function paramCount(solver: SolverId, players = 3): number {
  return solver === 'mnpo' ? PARAM.weights + (players - 1) : PARAM.weights;
}

/** Stand-in for log 0 in float32 (WGSL's log(0) is not specified); read back as −∞. */
export const LOG_ZERO = -3.0e38;
