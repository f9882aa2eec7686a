/**
 * `fused`: hand-written WGSL kernels run through the tfjs WebGPU backend (its custom-program API),
 * so the state stays a tfjs tensor on the GPU. One dispatch advances every member of a solver
 * group by many iterations; long runs are split into dispatches short enough for a GPU watchdog,
 * sized by the measured speed of this device. Large games with exact queries take the tiled path
 * instead (tiled.ts: one shared-memory tiled P·X per query over the whole group).
 */
import * as tf from '@tensorflow/tfjs-core';
import { type SolverId } from '../../core/solvers';
import { decodeFailure } from '../../formula/compile/failure';
import { formulaKernel, type FormulaKernel } from '../../formula/compile/wgsl';
import { memberFormula, memberSolver, type CompiledFormula } from '../../formula/solver';
import { requireBackend } from '../backends';
import { exclusiveTfjs } from '../tfjsLock';
import { batchResult, checkBatch, sampleTimes } from '../batch';
import { groupMembers } from '../tfjs/engine';
import {
  EngineError,
  type BatchResult,
  type BatchSpec,
  type Engine,
  type MemberFailure,
  type RunOptions,
} from '../types';
import { DEFAULT_WORK_PER_DISPATCH, MIN_TIMED_MS, workForTarget } from './dispatch';
import { groupArrays } from './groupState';
import { paramCount, slotCount } from './kernels';
import { LOG_ZERO, PARAM } from './layout';
import { maxTiledMembers, TILED_MIN_K, TiledRun, tiledSupports } from './tiled';
import { fusedShader, UNIFORMS } from './wgsl';

export {
  DEFAULT_WORK_PER_DISPATCH,
  DISPATCH_TARGET_MS,
  MAX_WORK_PER_DISPATCH,
  MIN_WORK_PER_DISPATCH,
} from './dispatch';

const WORKGROUP = 64;
/** How long a failed read waits for the device to report its loss. */
const LOSS_WAIT_MS = 100;

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
  /** Smallest K that takes the tiled path (exact queries, registry solvers; default TILED_MIN_K). */
  tiledMinK?: number;
}

/** The tfjs-program state of a group on the one-kernel path. */
interface KernelState {
  state: tf.Tensor;
  params: tf.Tensor;
  samples: tf.Tensor[];
  stepsPerDispatch: number;
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
  /** Work per dispatch measured on this device (one-kernel path), once timed. */
  private measuredWork: number | null = null;
  /** Shader keys dispatched on this device: their pipelines are built, so timing them is fair. */
  private readonly built = new Set<string>();

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
      this.built.clear();
      void backend.device.lost.then((info) => {
        this.lost = `GPU device lost (${info.reason}): ${info.message || 'no message'}`;
      });
    }
    if (this.lost) throw new DeviceLostError(this.lost);
    return backend;
  }

  run(spec: BatchSpec, options: RunOptions = {}): Promise<BatchResult> {
    if (options.tfjsHeld) return this.runAlone(spec, options);
    return exclusiveTfjs(() => this.runAlone(spec, options), options.signal);
  }

  private async runAlone(spec: BatchSpec, options: RunOptions): Promise<BatchResult> {
    checkBatch(spec);
    await requireBackend('webgpu');
    const backend = this.webgpu();
    const { game, members, steps } = spec;
    const K = game.K;
    const B = members.length;
    const times = sampleTimes(steps, spec.every);
    const tiledMinK = this.options.tiledMinK ?? TILED_MIN_K;

    const Pm = tf.tensor1d(Float32Array.from(game.P));
    const Lmu = tf.tensor1d(Float32Array.from(game.logReference));
    const groups = groupMembers(members).flatMap((whole) => {
      const solver = whole.solver;
      const first = whole.members[0]!;
      const players = first.params.players ?? 3;
      // groupMembers keeps query kinds, Nash-MP's inner settings and refresh periods apart, so
      // one kernel variant fits the whole group.
      const variant = {
        sampled: (first.queries?.kind ?? 'exact') !== 'exact',
        ...(first.queries && first.queries.kind !== 'exact' ? { noise: first.queries.kind } : {}),
        inner: (first.params.inner ?? 0) > 0, // approximate Nash-MP
        refresh: (first.params.refresh ?? 0) > 0,
      };
      const formula: CompiledFormula | null = solver === 'custom' ? memberFormula(first) : null;
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
      // A custom rule reads the shared row only (η, β, the schedule, the query model, …).
      const NP = kernel ? PARAM.weights : paramCount(solver as SolverId, players);
      const queriesPerStep = Math.max(1, memberSolver(first).queriesPerStep);
      const layout = { solver, slots, W, HT, MG, NP, formula, kernel };
      const tiled: SolverId | null =
        K >= tiledMinK && tiledSupports(solver, variant) ? solver : null;
      // A tiled group must fit one storage binding; larger ones run as several.
      const chunk = tiled ? maxTiledMembers(backend.device, W) : whole.members.length;
      const parts = [];
      for (let from = 0; from < whole.members.length; from += chunk) {
        const g = {
          solver,
          members: whole.members.slice(from, from + chunk),
          indices: whole.indices.slice(from, from + chunk),
        };
        const { init, params } = groupArrays(game, g.members, spec, layout);
        const Bs = g.members.length;
        // Work per member-step: each query (K² exact, or 2K per sample), plus m inner steps.
        // reduce, not Math.max(...): a group can hold tens of thousands of members.
        const samples = g.members.reduce(
          (most, m) =>
            Math.max(most, m.queries && m.queries.kind !== 'exact' ? m.queries.samples : 0),
          0,
        );
        const inner = g.members.reduce((most, m) => Math.max(most, m.params.inner ?? 0), 0);
        const work =
          Bs * (K * K + K + 2 * K * samples + 5 * K * inner) * queriesPerStep +
          // A custom step also loops over K about once per line of its body.
          (kernel ? 2 * Bs * K * kernel.loops : 0);
        const info = { ...g, formula, kernel, players, variant, slots, W, HT, MG, NP, Bs, work };
        parts.push(
          tiled
            ? {
                ...info,
                tiled: new TiledRun(
                  backend.device,
                  { solver: tiled, players, variant, K, Bs, W, NP, slots, HT, init, params },
                  game.P,
                  game.logReference,
                  times.length,
                ),
                state: null,
              }
            : {
                ...info,
                tiled: null,
                state: {
                  state: tf.tensor2d(init, [W, Bs]) as tf.Tensor,
                  params: tf.tensor2d(params, [Bs, NP]),
                  samples: [],
                  stepsPerDispatch: Math.max(1, Math.floor(this.workPerDispatch / work)),
                } as KernelState,
              },
        );
      }
      return parts;
    });
    const kernelGroups = groups.flatMap((g) => (g.state ? [{ ...g, state: g.state }] : []));

    // A custom kernel is keyed by its formula's text (the code is a function of it).
    const shaderKey = (g: (typeof groups)[number]): string =>
      `nashFused_${g.solver}_${g.players}_${g.variant.sampled ? (g.variant.noise === 'pairs' ? 'p' : g.variant.noise === 'pairs-binary' ? 'pb' : 's') : 'e'}${g.variant.inner ? 'm' : ''}${g.variant.refresh ? 'r' : ''}${g.formula ? `_${g.formula.source}` : ''}`;

    const dispatch = (g: (typeof groups)[number], k: KernelState, t0: number, n: number): void => {
      const program = {
        variableNames: ['Pm', 'Lmu', 'Prm', 'St'],
        outputShape: [g.W, g.Bs],
        shaderKey: shaderKey(g),
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
        [Pm, Lmu, k.params, k.state],
        'float32',
        uniforms,
      );
      const next = tf.engine().makeTensorFromTensorInfo(info);
      k.state.dispose();
      k.state = next;
    };

    try {
      // One timing per run at most, on the first interval whose pipelines are already built.
      let timed = false;
      for (let s = 0; s < times.length; s++) {
        const t = times[s]!;
        for (const g of groups) {
          if (g.tiled) g.tiled.sample(s);
          else g.state.samples.push(tf.slice(g.state.state, [0, 0], [K, g.Bs]));
        }
        options.onProgress?.(s + 1, times.length);
        if (s === times.length - 1) break;
        const next = times[s + 1]!;
        const time =
          !timed &&
          kernelGroups.length > 0 &&
          this.options.workPerDispatch === undefined &&
          this.measuredWork === null &&
          kernelGroups.every((g) => this.built.has(shaderKey(g)));
        // The one-kernel groups first, so that a timed interval holds their work alone.
        const t0 = time ? await drain(kernelGroups[0]!.state.state) : 0;
        for (const g of kernelGroups) {
          const k = g.state;
          for (let from = t; from < next; from += k.stepsPerDispatch)
            dispatch(g, k, from, Math.min(k.stepsPerDispatch, next - from));
          this.built.add(shaderKey(g));
        }
        if (time) {
          timed = true;
          const ms = (await drain(kernelGroups[kernelGroups.length - 1]!.state.state)) - t0;
          const work = kernelGroups.reduce((sum, g) => sum + g.work * (next - t), 0);
          if (ms >= MIN_TIMED_MS) {
            this.measuredWork = workForTarget(work, ms);
            // The rest of this run already follows the measured split.
            for (const g of kernelGroups)
              g.state.stepsPerDispatch = Math.max(1, Math.floor(this.measuredWork / g.work));
          }
        }
        for (const g of groups) if (g.tiled) await g.tiled.advance(t, next - t);
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
        let data: Float32Array;
        let avg: Float32Array;
        let hits: Float32Array | undefined;
        if (g.tiled) {
          ({ samples: data, average: avg, hits } = await g.tiled.read());
        } else {
          const k = g.state;
          if (g.formula) {
            const failT = tf.slice(k.state, [g.W - 2, 0], [2, g.Bs]);
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
            const hitT = tf.slice(k.state, [g.HT, 0], [1, g.Bs]);
            hits = (await hitT.data()) as Float32Array;
            hitT.dispose();
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
        // −2 (no unique target) reads as −1, never hit.
        if (hitTimes && hits) g.indices.forEach((b, r) => (hitTimes[b] = Math.max(-1, hits[r]!)));
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
    } catch (e) {
      // A read of a lost device's buffers rejects (Dawn: an AbortError, which callers would
      // take for a cancelled run): report the loss instead, once the device says so.
      if (!options.signal?.aborted) {
        await Promise.race([backend.device.lost, new Promise((r) => setTimeout(r, LOSS_WAIT_MS))]);
        if (this.lost) throw new DeviceLostError(this.lost);
      }
      throw e;
    } finally {
      Pm.dispose();
      Lmu.dispose();
      for (const g of groups) {
        if (g.tiled) g.tiled.destroy();
        else {
          g.state.state.dispose();
          g.state.params.dispose();
          for (const x of g.state.samples) x.dispose();
        }
      }
    }
  }

  dispose(): void {}
}

/**
 * Waits until the GPU has run everything queued up to `last` (the queue runs in order, so reading
 * one entry of the newest state waits for all dispatches before it); resolves to the time then.
 */
async function drain(last: tf.Tensor): Promise<number> {
  const probe = tf.slice(last, [0, 0], [1, 1]);
  await probe.data();
  probe.dispose();
  return performance.now();
}
