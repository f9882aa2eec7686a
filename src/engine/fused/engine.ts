/**
 * `fused`: hand-written WGSL kernels run through the tfjs WebGPU backend (its custom-program API),
 * so the state stays a tfjs tensor on the GPU. One dispatch advances every member of a solver
 * group by many iterations; long runs are split into dispatches short enough for a GPU watchdog.
 */
import * as tf from '@tensorflow/tfjs-core';
import { getSolver, type SolverId } from '../../core/solvers';
import { requireBackend } from '../backends';
import { batchResult, checkBatch, equilibriumLogs, klFromLogPair, sampleTimes } from '../batch';
import { groupMembers } from '../tfjs/engine';
import {
  EngineError,
  type BatchResult,
  type BatchSpec,
  type Engine,
  type RunOptions,
} from '../types';
import { EXACT_QUERIES } from '../../core/sampling';
import { LOG_ZERO, PARAM, paramCount, slotCount } from './layout';
import { maxTiledMembers, TILED_MIN_K, TiledRun } from './tiled';
import { fusedShader, UNIFORMS } from './wgsl';

/**
 * Multiply-adds the first dispatches may do before the engine has timed this device (≈ tens of
 * ms on a software adapter, far less on a GPU). After the first run the split follows the
 * measured speed: DISPATCH_TARGET_MS of work per dispatch, within the bounds below.
 */
export const DEFAULT_WORK_PER_DISPATCH = 2 ** 25;
/** What a dispatch should last: far below any GPU watchdog (~2 s), long enough to hide overhead. */
export const DISPATCH_TARGET_MS = 20;
const MIN_WORK_PER_DISPATCH = 2 ** 20;
const MAX_WORK_PER_DISPATCH = 2 ** 36;
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
  /** A fixed work cap per dispatch (multiply-adds) instead of the measured one. */
  workPerDispatch?: number;
  /** Smallest K that takes the tiled path with exact queries (default TILED_MIN_K). */
  tiledMinK?: number;
}

/** The tfjs-program state of a group on the one-kernel path. */
interface KernelState {
  state: tf.Tensor;
  params: tf.Tensor;
  samples: tf.Tensor[];
  stepsPerDispatch: number;
}

export class FusedEngine implements Engine {
  readonly name = 'fused' as const;
  private lost: string | null = null;
  private watched: GPUDevice | null = null;
  /** Work per dispatch measured on this device (one-kernel path), once timed. */
  private measuredWork: number | null = null;

  constructor(private readonly options: FusedOptions = {}) {}

  get backend(): string {
    return tf.getBackend();
  }

  /** The work cap per dispatch in force (fixed, measured, or the default before timing). */
  get workPerDispatch(): number {
    return this.options.workPerDispatch ?? this.measuredWork ?? DEFAULT_WORK_PER_DISPATCH;
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
      this.measuredWork = null;
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
    const tiledMinK = this.options.tiledMinK ?? TILED_MIN_K;
    const timeDispatches = this.options.workPerDispatch === undefined && this.measuredWork === null;
    const limit = this.workPerDispatch;

    const Pm = tf.tensor1d(Float32Array.from(game.P));
    const Lmu = tf.tensor1d(Float32Array.from(game.logReference));
    const groups = groupMembers(members).flatMap((whole) => {
      const solver = whole.solver;
      const players = whole.members[0]!.params.players ?? 3;
      // groupMembers keeps query kinds and Nash-MP's inner settings apart, so one kernel
      // variant fits the whole group.
      const variant = {
        sampled: whole.members[0]!.queries?.kind === 'sampled',
        inner: solver === 'nash-mp' && (whole.members[0]!.params.inner ?? 0) > 0,
      };
      const slots = slotCount(solver, players, variant.inner);
      // With hitting times: K + 2 more columns (hit time, ε, log π*_β) after the average.
      const HT = spec.hit ? (slots + 1) * K : -1;
      const W = (slots + 1) * K + (spec.hit ? K + 2 : 0);
      const NP = paramCount(solver, players);
      const tiled = !variant.sampled && K >= tiledMinK;
      // A tiled group must fit one storage binding; larger ones run as several.
      const chunk = tiled ? maxTiledMembers(backend.device, W) : whole.members.length;
      const parts = [];
      for (let from = 0; from < whole.members.length; from += chunk) {
        const g = {
          solver,
          members: whole.members.slice(from, from + chunk),
          indices: whole.indices.slice(from, from + chunk),
        };
        const { init, params } = groupArrays(g.members, spec, { solver, slots, W, HT, NP });
        const Bs = g.members.length;
        // Work per member-step: each query (K² exact, or 2K per sample), plus m inner steps.
        // reduce, not Math.max(...): a group can hold tens of thousands of members.
        const samples = g.members.reduce(
          (most, m) => Math.max(most, m.queries?.kind === 'sampled' ? m.queries.samples : 0),
          0,
        );
        const inner = g.members.reduce((most, m) => Math.max(most, m.params.inner ?? 0), 0);
        const work =
          Bs * (K * K + K + 2 * K * samples + 5 * K * inner) * getSolver(solver).queriesPerStep;
        const info = { ...g, players, variant, slots, W, HT, NP, Bs, work };
        parts.push(
          tiled
            ? {
                ...info,
                tiled: new TiledRun(
                  backend.device,
                  { solver, players, variant, K, Bs, W, NP, slots, HT, init, params },
                  game.P,
                  game.logReference,
                  times.length,
                ),
                kernel: null,
              }
            : {
                ...info,
                tiled: null,
                kernel: {
                  state: tf.tensor2d(init, [W, Bs]) as tf.Tensor,
                  params: tf.tensor2d(params, [Bs, NP]),
                  samples: [],
                  stepsPerDispatch: Math.max(1, Math.floor(limit / work)),
                } as KernelState,
              },
        );
      }
      return parts;
    });

    const dispatch = (g: (typeof groups)[number], k: KernelState, t0: number, n: number): void => {
      const program = {
        variableNames: ['Pm', 'Lmu', 'Prm', 'St'],
        outputShape: [g.W, g.Bs],
        shaderKey: `nashFused_${g.solver}_${g.players}_${g.variant.sampled ? 's' : 'e'}${g.variant.inner ? 'm' : ''}`,
        dispatchLayout: { x: [0, 1] },
        dispatch: [Math.ceil(g.Bs / WORKGROUP), 1, 1],
        workgroupSize: [WORKGROUP, 1, 1],
        uniforms: UNIFORMS,
        size: false,
        getUserCode: () => fusedShader(g.solver as SolverId, g.players, g.variant),
      };
      // One entry per scalar: tfjs packs each entry as a vector of at most four.
      const uniforms = [K, g.Bs, g.W, g.NP, t0, n, g.slots, g.HT].map((v) => ({
        type: 'int32' as const,
        data: [v],
      }));
      const info = backend.runWebGPUProgram(
        program,
        [Pm, Lmu, k.params, k.state],
        'float32',
        uniforms,
      );
      const next = tf.engine().makeTensorFromTensorInfo(info);
      k.state.dispose();
      k.state = next;
    };

    try {
      for (let s = 0; s < times.length; s++) {
        const t = times[s]!;
        for (const g of groups) {
          if (g.tiled) g.tiled.sample(s);
          else g.kernel.samples.push(tf.slice(g.kernel.state, [0, 0], [K, g.Bs]));
        }
        options.onProgress?.(s + 1, times.length);
        if (s === times.length - 1) break;
        const next = times[s + 1]!;
        const t0 = performance.now();
        let timedWork = 0;
        let lastState: tf.Tensor | null = null;
        for (const g of groups) {
          if (g.tiled) {
            await g.tiled.advance(t, next - t);
            continue;
          }
          const k = g.kernel;
          for (let from = t; from < next; from += k.stepsPerDispatch)
            dispatch(g, k, from, Math.min(k.stepsPerDispatch, next - from));
          timedWork += g.work * (next - t);
          lastState = k.state;
        }
        if (timeDispatches && s === 0 && lastState)
          await this.timeDispatches(lastState, t0, timedWork);
        // Let cancellation and device-loss callbacks run between samples.
        await new Promise((r) => setTimeout(r, 0));
        options.signal?.throwIfAborted();
        if (this.lost) throw new DeviceLostError(this.lost);
      }

      const logPolicies = new Float64Array(times.length * B * K);
      const average = new Float64Array(B * K);
      const hitTimes = spec.hit ? new Int32Array(B) : undefined;
      for (const g of groups) {
        let data: Float32Array;
        let avg: Float32Array;
        if (g.tiled) {
          const read = await g.tiled.read();
          data = read.samples;
          avg = read.average;
          if (hitTimes) g.indices.forEach((b, r) => (hitTimes[b] = read.hits![r]!));
        } else {
          const k = g.kernel;
          if (hitTimes) {
            const hitT = tf.slice(k.state, [g.HT, 0], [1, g.Bs]);
            const hits = await hitT.data();
            hitT.dispose();
            g.indices.forEach((b, r) => (hitTimes[b] = hits[r]!));
          }
          const stacked = tf.stack(k.samples);
          const avgT = tf.slice(k.state, [g.slots * K, 0], [K, g.Bs]);
          [data, avg] = (await Promise.all([stacked.data(), avgT.data()])) as [
            Float32Array,
            Float32Array,
          ];
          stacked.dispose();
          avgT.dispose();
        }
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
      return batchResult(spec, 'fused', tf.getBackend(), times, logPolicies, average, hitTimes);
    } finally {
      Pm.dispose();
      Lmu.dispose();
      for (const g of groups) {
        if (g.tiled) g.tiled.destroy();
        else {
          g.kernel.state.dispose();
          g.kernel.params.dispose();
          for (const x of g.kernel.samples) x.dispose();
        }
      }
    }
  }

  /**
   * Times the first sample interval's dispatches on the GPU and sets the work per dispatch that
   * lasts DISPATCH_TARGET_MS on this device: the fixed 2²⁵ cap is ~30 µs on a large GPU, where
   * per-dispatch overhead then dominates, and ~50 ms on a software adapter. Reading one entry of
   * the last state written waits for every dispatch before it (the queue runs in order).
   */
  private async timeDispatches(last: tf.Tensor, t0: number, work: number): Promise<void> {
    const probe = tf.slice(last, [0, 0], [1, 1]);
    await probe.data();
    probe.dispose();
    const ms = performance.now() - t0;
    // Too short a sample says more about latency than speed.
    if (ms < 5) return;
    this.measuredWork = Math.min(
      MAX_WORK_PER_DISPATCH,
      Math.max(MIN_WORK_PER_DISPATCH, Math.round((work / ms) * DISPATCH_TARGET_MS)),
    );
  }

  dispose(): void {}
}

/**
 * A group's initial state (column-major [W, B], see layout.ts) and params rows ([B, NP]): slot 0
 * log π₀, slot 1 π₀, the average π₀, solver-specific starts, and with hitting times the hit
 * column, ε (negative to stop at the hit) and log π*_β.
 */
function groupArrays(
  members: BatchSpec['members'],
  spec: BatchSpec,
  layout: { solver: SolverId; slots: number; W: number; HT: number; NP: number },
): { init: Float32Array<ArrayBuffer>; params: Float32Array<ArrayBuffer> } {
  const { solver, slots, W, HT, NP } = layout;
  const K = spec.game.K;
  const Bs = members.length;
  const eqLogs = spec.hit
    ? equilibriumLogs(
        spec.game,
        members.map((m) => m.params.beta),
      )
    : [];
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
      if (solver === 'onpo') init[at(3)] = lp; // auxiliary iterate π'₀ = π₀
      if (solver === 'rm-plus') init[at(4)] = Math.exp(lp); // π₀ for Q = 0
    }
    if (spec.hit) {
      const eq = eqLogs[r]!;
      init[HT * Bs + r] = klFromLogPair(eq, logStart) <= spec.hit.epsilon ? 0 : -1;
      init[(HT + 1) * Bs + r] = spec.hit.stop ? -spec.hit.epsilon : spec.hit.epsilon;
      for (let i = 0; i < K; i++) init[(HT + 2 + i) * Bs + r] = Math.max(eq[i]!, LOG_ZERO);
    }
    const row = params.subarray(r * NP, (r + 1) * NP);
    row[PARAM.eta] = m.params.eta ?? 0;
    row[PARAM.beta] = m.params.beta;
    row[PARAM.theory] = m.params.schedule === 'theory' ? 1 : 0;
    row[PARAM.linear] = getSolver(solver).averaging === 'linear' ? 1 : 0;
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
  return { init, params };
}
