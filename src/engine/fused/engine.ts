/**
 * `fused`: hand-written WGSL kernels run through the tfjs WebGPU backend (its custom-program API),
 * so the state stays a tfjs tensor on the GPU. One dispatch advances every member of a solver
 * group by many iterations; long runs are split into dispatches short enough for a GPU watchdog.
 */
import { klFromLogs } from '../../core/numeric';
import * as tf from '@tensorflow/tfjs-core';
import { updateBeta, type SolverId } from '../../core/solvers';
import { decodeFailure, encodeFailure, initStep } from '../../formula/compile/failure';
import { memberAux } from '../../formula/compile/init';
import { formulaKernel, type FormulaKernel } from '../../formula/compile/wgsl';
import { memberFormula, memberSolver, type CompiledFormula } from '../../formula/solver';
import { requireBackend } from '../backends';
import { batchResult, checkBatch, sampleTimes, stopsSafely, targetLogs } from '../batch';
import { groupMembers } from '../tfjs/engine';
import {
  EngineError,
  type BatchResult,
  type BatchSpec,
  type Engine,
  type MemberFailure,
  type RunOptions,
} from '../types';
import { EXACT_QUERIES } from '../../core/sampling';
import { LOG_ZERO, PARAM, paramCount, slotCount } from './layout';
import { fusedShader, UNIFORMS } from './wgsl';

/** Multiply-adds one dispatch may do (≈ tens of ms on a software adapter, far less on a GPU). */
export const DEFAULT_WORK_PER_DISPATCH = 2 ** 25;
const WORKGROUP = 64;

interface WebGPUBackendLike {
  device: GPUDevice;
  runWebGPUProgram(
    program: unknown,
    inputs: tf.TensorInfo[],
    dtype: 'float32',
    uniforms: { type: 'int32'; data: number[] }[],
  ): tf.TensorInfo;
}

export class DeviceLostError extends EngineError {
  override name = 'DeviceLostError';
}

export interface FusedOptions {
  workPerDispatch?: number;
}

/** Compiled WGSL per formula text (a view re-runs the same formulas many times). */
const KERNELS = new WeakMap<CompiledFormula, FormulaKernel>();
function kernelOf(formula: CompiledFormula): FormulaKernel {
  let k = KERNELS.get(formula);
  if (!k) KERNELS.set(formula, (k = formulaKernel(formula.program)));
  return k;
}

export class FusedEngine implements Engine {
  readonly name = 'fused' as const;
  private lost: string | null = null;
  private watched: GPUDevice | null = null;

  constructor(private readonly options: FusedOptions = {}) {}

  get backend(): string {
    return tf.getBackend();
  }

  private webgpu(): WebGPUBackendLike {
    if (tf.getBackend() !== 'webgpu') {
      throw new EngineError(
        `the fused engine needs the tfjs webgpu backend (active: ${tf.getBackend() ?? 'none'})`,
      );
    }
    const backend = tf.backend() as unknown as WebGPUBackendLike;
    if (this.watched !== backend.device) {
      this.watched = backend.device;
      this.lost = null;
      void backend.device.lost.then((info) => {
        this.lost = `GPU device lost (${info.reason}): ${info.message || 'no message'}`;
      });
    }
    if (this.lost) throw new DeviceLostError(this.lost);
    return backend;
  }

  async run(spec: BatchSpec, options: RunOptions = {}): Promise<BatchResult> {
    checkBatch(spec);
    await requireBackend('webgpu');
    const backend = this.webgpu();
    const { game, members, steps } = spec;
    const K = game.K;
    const B = members.length;
    const times = sampleTimes(steps, spec.every);
    const limit = this.options.workPerDispatch ?? DEFAULT_WORK_PER_DISPATCH;

    const Pm = tf.tensor1d(Float32Array.from(game.P));
    const Lmu = tf.tensor1d(Float32Array.from(game.logReference));
    const groups = groupMembers(members).map((g) => {
      const solver = g.solver;
      const players = g.members[0]!.params.players ?? 3;
      // groupMembers keeps query kinds and Nash-MP's inner settings apart, so one kernel
      // variant fits the whole group.
      const variant = {
        sampled: g.members[0]!.queries?.kind === 'sampled',
        inner: solver === 'nash-mp' && (g.members[0]!.params.inner ?? 0) > 0,
        refresh: (g.members[0]!.params.refresh ?? 0) > 0,
      };
      const formula: CompiledFormula | null =
        solver === 'custom' ? memberFormula(g.members[0]!) : null;
      const kernel: FormulaKernel | null = formula ? kernelOf(formula) : null;
      const slots = kernel
        ? kernel.slots
        : slotCount(solver as SolverId, players, variant.inner, variant.refresh);
      // The refreshed log μ is the last slot before the average (a custom rule has none).
      const MG = !kernel && variant.refresh ? slots - 1 : -1;
      // With hitting times: K + 2 more columns (hit time, ε, log π*) after the average; a
      // custom solver's failure columns (failing t, code) come last.
      const HT = spec.hit ? (slots + 1) * K : -1;
      const W = (slots + 1) * K + (spec.hit ? K + 2 : 0) + (kernel ? 2 : 0);
      const eqLogs = spec.hit ? targetLogs(game, g.members) : [];
      const NP = kernel ? paramCount('inpo') : paramCount(solver as SolverId, players);
      const definition = memberSolver(g.members[0]!);
      const Bs = g.members.length;
      const init = new Float32Array(Bs * W);
      const params = new Float32Array(Bs * NP);
      g.members.forEach((m, r) => {
        const z = Math.log(m.start.reduce((s, v) => s + v, 0));
        const logStart = Float64Array.from(m.start, (v) => Math.log(v) - z); // normalized log π₀
        for (let i = 0; i < K; i++) {
          const lp = logStart[i]!;
          const at = (slot: number): number => (slot * K + i) * Bs + r; // column-major [W, B]
          init[at(0)] = lp; // slot 0: log π₀
          init[at(1)] = Math.exp(lp); // slot 1: π₀ (RM+ plays from it)
          init[at(slots)] = Math.exp(lp); // running average
          if (solver === 'onpo') init[at(3)] = lp; // auxiliary iterate π'₀ = π₀
          if (solver === 'rm-plus') init[at(4)] = Math.exp(lp); // π₀ for Q = 0
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
          for (let i = 0; i < K; i++)
            init[(HT + 2 + i) * Bs + r] = eq ? Math.max(eq[i]!, LOG_ZERO) : 0;
        }
        const row = params.subarray(r * NP, (r + 1) * NP);
        row[PARAM.eta] = m.params.eta ?? 0;
        row[PARAM.beta] = updateBeta(m.solver, m.params);
        row[PARAM.refresh] = m.params.refresh ?? 0;
        row[PARAM.theory] = m.params.schedule === 'theory' ? 1 : 0;
        row[PARAM.linear] = definition.averaging === 'linear' ? 1 : 0;
        row[PARAM.inner] = m.params.inner ?? 0;
        row[PARAM.innerStep] = m.params.innerStep ?? 0;
        const q = m.queries ?? EXACT_QUERIES;
        if (q.kind === 'sampled') {
          row[PARAM.samples] = q.samples;
          row[PARAM.seedLo] = q.seed & 0xffff;
          row[PARAM.seedHi] = q.seed >>> 16;
        }
        m.params.weights?.forEach((w, j) => (row[PARAM.weights + j] = w));
      });
      // Work per member-step: each query (K² exact, or 2K per sample), plus m inner steps.
      // reduce, not Math.max(...): a group can hold tens of thousands of members.
      const samples = g.members.reduce(
        (most, m) => Math.max(most, m.queries?.kind === 'sampled' ? m.queries.samples : 0),
        0,
      );
      const inner = g.members.reduce((most, m) => Math.max(most, m.params.inner ?? 0), 0);
      const work =
        Bs *
          (K * K + K + 2 * K * samples + 5 * K * inner) *
          Math.max(1, definition.queriesPerStep) +
        // A custom step also loops over K about once per line of its body.
        (kernel ? 2 * Bs * K * kernel.loops : 0);
      return {
        ...g,
        formula,
        kernel,
        players,
        variant,
        slots,
        W,
        HT,
        MG,
        NP,
        Bs,
        state: tf.tensor2d(init, [W, Bs]) as tf.Tensor,
        params: tf.tensor2d(params, [Bs, NP]),
        stepsPerDispatch: Math.max(1, Math.floor(limit / work)),
        samples: [] as tf.Tensor[],
      };
    });

    const dispatch = (g: (typeof groups)[number], t0: number, n: number): void => {
      const program = {
        variableNames: ['Pm', 'Lmu', 'Prm', 'St'],
        outputShape: [g.W, g.Bs],
        // A custom kernel is keyed by its formula's text (the code is a function of it).
        shaderKey: `nashFused_${g.solver}_${g.players}_${g.variant.sampled ? 's' : 'e'}${g.variant.inner ? 'm' : ''}${g.variant.refresh ? 'r' : ''}${g.formula ? `_${g.formula.source}` : ''}`,
        dispatchLayout: { x: [0, 1] },
        dispatch: [Math.ceil(g.Bs / WORKGROUP), 1, 1],
        workgroupSize: [WORKGROUP, 1, 1],
        uniforms: UNIFORMS,
        size: false,
        getUserCode: () => fusedShader(g.solver, g.players, g.variant, g.kernel ?? undefined),
      };
      // One entry per scalar: tfjs packs each entry as a vector of at most four.
      const uniforms = [K, g.Bs, g.W, g.NP, t0, n, g.slots, g.HT, g.MG].map((v) => ({
        type: 'int32' as const,
        data: [v],
      }));
      const info = backend.runWebGPUProgram(
        program,
        [Pm, Lmu, g.params, g.state],
        'float32',
        uniforms,
      );
      const next = tf.engine().makeTensorFromTensorInfo(info);
      g.state.dispose();
      g.state = next;
    };

    try {
      for (let s = 0; s < times.length; s++) {
        const t = times[s]!;
        for (const g of groups) g.samples.push(tf.slice(g.state, [0, 0], [K, g.Bs]));
        options.onProgress?.(s + 1, times.length);
        if (s === times.length - 1) break;
        const next = times[s + 1]!;
        for (const g of groups) {
          for (let t0 = t; t0 < next; t0 += g.stepsPerDispatch)
            dispatch(g, t0, Math.min(g.stepsPerDispatch, next - t0));
        }
        // Let cancellation and device-loss callbacks run between samples.
        await new Promise((r) => setTimeout(r, 0));
        options.signal?.throwIfAborted();
        if (this.lost) throw new DeviceLostError(this.lost);
      }

      const logPolicies = new Float64Array(times.length * B * K);
      const average = new Float64Array(B * K);
      const hitTimes = spec.hit ? new Int32Array(B) : undefined;
      const failures: MemberFailure[] = [];
      for (const g of groups) {
        if (g.formula) {
          const failT = tf.slice(g.state, [g.W - 2, 0], [2, g.Bs]);
          const f = await failT.data();
          failT.dispose();
          g.indices.forEach((b, r) => {
            if (f[r]! >= 0)
              failures.push({
                member: b,
                ...decodeFailure(g.formula!.program, f[r]!, f[g.Bs + r]!),
              });
          });
        }
        if (hitTimes) {
          const hitT = tf.slice(g.state, [g.HT, 0], [1, g.Bs]);
          const hits = await hitT.data();
          hitT.dispose();
          g.indices.forEach((b, r) => (hitTimes[b] = Math.max(-1, hits[r]!)));
        }
        const stacked = tf.stack(g.samples);
        const avgT = tf.slice(g.state, [g.slots * K, 0], [K, g.Bs]);
        const [data, avg] = await Promise.all([stacked.data(), avgT.data()]);
        stacked.dispose();
        avgT.dispose();
        if (this.lost) throw new DeviceLostError(this.lost);
        for (let si = 0; si < times.length; si++) {
          g.indices.forEach((b, r) => {
            for (let i = 0; i < K; i++) {
              const v = data[(si * K + i) * g.Bs + r]!;
              logPolicies[(si * B + b) * K + i] = v <= LOG_ZERO ? -Infinity : v;
            }
          });
        }
        g.indices.forEach((b, r) => {
          for (let i = 0; i < K; i++) average[b * K + i] = avg[i * g.Bs + r]!;
        });
      }
      failures.sort((a, b) => a.member - b.member);
      return {
        ...batchResult(spec, 'fused', tf.getBackend(), times, logPolicies, average, hitTimes),
        ...(failures.length > 0 ? { failures } : {}),
      };
    } finally {
      Pm.dispose();
      Lmu.dispose();
      for (const g of groups) {
        g.state.dispose();
        g.params.dispose();
        for (const x of g.samples) x.dispose();
      }
    }
  }

  dispose(): void {}
}
