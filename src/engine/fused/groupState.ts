/**
 * A fused group's starting arrays, shared by the one-kernel path (uploaded as tfjs tensors) and
 * the tiled path (uploaded as storage buffers): the state column-major [W, B] (layout.ts) and
 * the params rows [B, NP].
 */
import type { Game } from '../../core/game';
import { klFromLogs } from '../../core/numeric';
import { EXACT_QUERIES } from '../../core/sampling';
import { updateBeta, type MemberSolver } from '../../core/solvers';
import { encodeFailure, initStep } from '../../formula/compile/failure';
import { memberAux } from '../../formula/compile/init';
import type { FormulaKernel } from '../../formula/compile/wgsl';
import { memberSolver, type CompiledFormula } from '../../formula/solver';
import { stopsSafely, targetLogs } from '../batch';
import type { BatchMember, BatchSpec } from '../types';
import { FUSED_KERNELS } from './kernels';
import { LOG_ZERO, PARAM } from './layout';

/** Where a group keeps what (see engine.ts: W, the hit columns HT, the refreshed μ slot MG). */
export interface GroupLayout {
  solver: MemberSolver;
  slots: number;
  W: number;
  /** First hitting-time column, −1 without hitting times. */
  HT: number;
  /** Slot of the refreshed log μ, −1 without a refresh. */
  MG: number;
  NP: number;
  /** A custom solver's program and its compiled kernel (aux slots, failure columns). */
  formula: CompiledFormula | null;
  kernel: FormulaKernel | null;
}

/**
 * Slot 0 log π₀, slot 1 π₀, the running average π₀, solver-specific starts (ONPO's π'₀, RM+'s
 * π₀, the refreshed μ = game μ, a formula's aux values and failure columns), the hitting-time
 * columns; one params row per member.
 */
export function groupArrays(
  game: Game,
  members: readonly BatchMember[],
  spec: Pick<BatchSpec, 'hit'>,
  layout: GroupLayout,
): { init: Float32Array<ArrayBuffer>; params: Float32Array<ArrayBuffer> } {
  const { solver, slots, W, HT, MG, NP, formula, kernel } = layout;
  const K = game.K;
  const Bs = members.length;
  const eqLogs = spec.hit ? targetLogs(game, members) : [];
  const definition = memberSolver(members[0]!);
  const starts = solver === 'custom' ? null : FUSED_KERNELS[solver];
  const init = new Float32Array(Bs * W);
  const params = new Float32Array(Bs * NP);
  members.forEach((m, r) => {
    const z = Math.log(m.start.reduce((s, v) => s + v, 0));
    const logStart = Float64Array.from(m.start, (v) => Math.log(v) - z); // normalized log π₀
    for (let i = 0; i < K; i++) {
      const lp = logStart[i]!;
      const at = (slot: number): number => (slot * K + i) * Bs + r; // column-major [W, B]
      init[at(0)] = lp; // slot 0: log π₀
      init[at(1)] = Math.exp(lp); // slot 1: π₀ (RM+ plays from it)
      init[at(slots)] = Math.exp(lp); // running average
      if (starts?.startLogPi != null) init[at(starts.startLogPi)] = lp; // ONPO's π'₀ = π₀
      if (starts?.startPi != null) init[at(starts.startPi)] = Math.exp(lp); // RM+'s π₀ for Q = 0
      if (MG >= 0) init[at(MG)] = game.logReference[i]!; // ν₀ = μ
    }
    if (formula && kernel) {
      const aux = memberAux(formula.program, game.logReference, m);
      aux.values.forEach((v, a) => {
        const slot = kernel.auxSlots[a]!;
        if (typeof v === 'number') init[slot * K * Bs + r] = v;
        else for (let i = 0; i < K; i++) init[(slot * K + i) * Bs + r] = v[i]!;
      });
      const failure = aux.failure
        ? encodeFailure(initStep(formula.program, aux.failure.aux), aux.failure.value)
        : -1;
      init[(W - 2) * Bs + r] = failure >= 0 ? 0 : -1;
      init[(W - 1) * Bs + r] = failure;
    }
    if (spec.hit) {
      const eq = eqLogs[r];
      // −2: no unique equilibrium to measure KL to, so the member never hits.
      init[HT * Bs + r] = !eq ? -2 : klFromLogs(eq, logStart) <= spec.hit.epsilon ? 0 : -1;
      // −ε asks the kernel to stop the member at its hit: only where that is exact.
      const stop = spec.hit.stop === true && stopsSafely(m);
      init[(HT + 1) * Bs + r] = stop ? -spec.hit.epsilon : spec.hit.epsilon;
      for (let i = 0; i < K; i++) init[(HT + 2 + i) * Bs + r] = eq ? Math.max(eq[i]!, LOG_ZERO) : 0;
    }
    const row = params.subarray(r * NP, (r + 1) * NP);
    row[PARAM.eta] = m.params.eta ?? 0;
    row[PARAM.beta] = updateBeta(m.solver, m.params);
    row[PARAM.refresh] = m.params.refresh ?? 0;
    row[PARAM.mix] = m.params.mix ?? -1;
    row[PARAM.theory] = m.params.schedule === 'theory' ? 1 : 0;
    row[PARAM.linear] = definition.averaging === 'linear' ? 1 : 0;
    row[PARAM.inner] = m.params.inner ?? 0;
    row[PARAM.innerStep] = m.params.innerStep ?? 0;
    const q = m.queries ?? EXACT_QUERIES;
    if (q.kind !== 'exact') {
      row[PARAM.samples] = q.samples;
      row[PARAM.seedLo] = q.seed & 0xffff;
      row[PARAM.seedHi] = q.seed >>> 16;
    }
    m.params.weights?.forEach((w, j) => (row[PARAM.weights + j] = w));
  });
  return { init, params };
}
