/**
 * `tfjs`: per-step tfjs ops on whatever backend is active (webgpu, webgl, wasm, cpu). Every
 * solver in the batch advances in lock-step; members sharing a solver form one [B, K] group.
 */
import * as tf from '@tensorflow/tfjs-core';
import { stepSize, updateBeta, type MemberSolver, type SolverId } from '../../core/solvers';
import { BACKEND_CHAIN, firstAvailable, wasmThreads, type BackendName } from '../backends';
import { exclusiveTfjs } from '../tfjsLock';
import { batchResult, checkBatch, sampleTimes, targetLogs } from '../batch';
import type { Game } from '../../core/game';
import { matVec } from '../../core/numeric';
import { estimateQuery, EXACT_QUERIES } from '../../core/sampling';
import {
  EngineError,
  type BatchMember,
  type BatchResult,
  type BatchSpec,
  type Engine,
  type MemberFailure,
  type RunOptions,
} from '../types';
import { createGroup, type GroupState, type GroupTensors, type StepCoefficients } from './solvers';
import { createFormulaGroup, type FormulaGroupState } from '../../formula/compile/tfjs';
import { formulaAux } from '../../formula/compile/init';
import { memberFormula, memberSolver } from '../../formula/solver';

interface Group {
  solver: MemberSolver;
  indices: number[];
  members: BatchMember[];
}

/**
 * Members that can share one tensor state: same solver (and same MNPO opponents, the same
 * approximate Nash-MP inner steps, the same query kind, the same refresh period). Members that
 * differ only by seed share a group: each row keeps its own seed.
 */
export function groupMembers(members: readonly BatchMember[]): Group[] {
  const groups = new Map<string, Group>();
  members.forEach((m, index) => {
    // Parameters that shape a kernel (only the solvers that take them have them): MNPO's
    // opponents, approximate Nash-MP's inner steps.
    let key: string = m.solver;
    if (m.params.players != null || m.params.weights != null)
      key += `:${m.params.players}:${m.params.weights?.join(',')}`;
    // One formula, one compiled step: custom members group by their text.
    if (m.solver === 'custom') key += `:${m.formula}`;
    if ((m.params.inner ?? 0) > 0) key += `:inner:${m.params.inner}:${m.params.innerStep}`;
    key += `:${m.queries?.kind ?? 'exact'}`;
    if ((m.params.refresh ?? 0) > 0) key += `:refresh:${m.params.refresh}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { solver: m.solver, indices: [], members: [] }));
    g.indices.push(index);
    g.members.push(m);
  });
  return [...groups.values()];
}

/**
 * The step coefficients for per-member steps η and KL strengths β: scalars (and η folded into
 * Pᵀ) when every member agrees, [B, 1] columns otherwise. `logMu` is [1, K], or [B, K] for
 * refreshed references (then the pull cannot be folded into Pᵀ). `mixes` are Nash-MD's fixed
 * mixture weights per member (NaN: m = ηβ, the default), null when no member fixes one.
 */
export function stepCoefficients(
  etas: Float32Array,
  betas: Float32Array,
  PT: tf.Tensor,
  logMu: tf.Tensor,
  mixes: Float32Array | null = null,
): StepCoefficients {
  const uniform = etas.every((e) => e === etas[0]) && betas.every((b) => b === betas[0]);
  let coefficients: Omit<StepCoefficients, 'mixKeep' | 'mixPull'>;
  if (uniform) {
    const eta = etas[0]!;
    const m = eta * betas[0]!;
    const pull = tf.mul(logMu, m);
    const etaPT = tf.mul(PT, eta);
    coefficients = {
      eta: tf.scalar(eta),
      keep: tf.scalar(1 - m),
      pull,
      shrink: tf.scalar(1 / (1 + m)),
      etaPT,
      etaPTpull: logMu.shape[0] === 1 ? tf.add(etaPT, pull) : null,
    };
  } else {
    const B = etas.length;
    const m = Float32Array.from(etas, (e, i) => e * betas[i]!);
    const mT = tf.tensor2d(m, [B, 1]);
    coefficients = {
      eta: tf.tensor2d(etas, [B, 1]),
      keep: tf.tensor2d(
        m.map((v) => 1 - v),
        [B, 1],
      ),
      pull: tf.mul(mT, logMu),
      shrink: tf.tensor2d(
        m.map((v) => 1 / (1 + v)),
        [B, 1],
      ),
      etaPT: null,
      etaPTpull: null,
    };
  }
  if (!mixes) return { ...coefficients, mixKeep: coefficients.keep, mixPull: coefficients.pull };
  const weights = Float32Array.from(mixes, (v, i) => (Number.isNaN(v) ? etas[i]! * betas[i]! : v));
  const w = tf.tensor2d(weights, [weights.length, 1]);
  return {
    ...coefficients,
    mixKeep: tf.sub(1, w),
    mixPull: tf.mul(w, logMu),
  };
}

/**
 * f(d) = d + e^(−d) − 1 for d = log π* − log π: KL(π*‖π) = Σ π*·f(d) + Σ_{π*_i = 0} π_i, a sum
 * of second-order terms (and a plain mass), so float32 resolves a KL near 1e-6 where the direct
 * Σ π*·d cancels to ~1e-7 noise.
 */
function klTerms(d: tf.Tensor): tf.Tensor {
  const series = tf.mul(
    tf.square(d),
    tf.sub(0.5, tf.mul(d, tf.sub(1 / 6, tf.mul(d, tf.sub(1 / 24, tf.div(d, 120)))))),
  );
  const direct = tf.sub(tf.add(d, tf.exp(tf.neg(d))), 1);
  return tf.where(tf.less(tf.abs(d), 0.1), series, direct);
}

/**
 * Sampled queries on a per-op backend: read the group's π back (dataSync), run the shared TS
 * estimator row by row with each member's seed and the run's query counter, upload ĝ. Slow (one
 * round trip per query) but the very code of the reference engine. Null for exact groups.
 */
function sampledQueries(
  game: Game,
  members: readonly BatchMember[],
): ((probs: tf.Tensor) => tf.Tensor) | null {
  const models = members.map((m) => m.queries ?? EXACT_QUERIES);
  if (models.every((q) => q.kind === 'exact')) return null;
  const K = game.K;
  const g = new Float64Array(K);
  let count = 0;
  return (probs) => {
    const pi = probs.dataSync();
    const out = new Float32Array(members.length * K);
    models.forEach((q, r) => {
      const row = pi.subarray(r * K, (r + 1) * K);
      if (q.kind !== 'exact') estimateQuery(game.P, row, K, q, count, g);
      else matVec(game.P, row, K, g);
      out.set(g, r * K);
    });
    count++;
    return tf.tensor2d(out, [members.length, K]);
  };
}

/** Yield to the event loop this often (ms) so that cancellation messages get through. */
const YIELD_EVERY_MS = 30;

export interface TfjsOptions {
  /** Backends to try, in order (default: webgpu, webgl, wasm, cpu). */
  backends?: readonly BackendName[];
}

export class TfjsEngine implements Engine {
  readonly name = 'tfjs' as const;

  constructor(private readonly options: TfjsOptions = {}) {}

  get backend(): string {
    return tf.getBackend();
  }

  run(spec: BatchSpec, options: RunOptions = {}): Promise<BatchResult> {
    if (options.tfjsHeld) return this.runAlone(spec, options);
    return exclusiveTfjs(() => this.runAlone(spec, options), options.signal);
  }

  private async runAlone(spec: BatchSpec, options: RunOptions): Promise<BatchResult> {
    checkBatch(spec);
    if (spec.hit?.stop)
      throw new EngineError('the tfjs engine cannot stop members at their hit (hit.stop)');
    await firstAvailable(this.options.backends ?? BACKEND_CHAIN);
    // Checked before any tensor exists, so a refusal leaks nothing.
    const noisy = spec.members.some((m) => (m.queries?.kind ?? 'exact') !== 'exact');
    if (tf.getBackend() === 'webgpu' && noisy) {
      throw new EngineError(
        'the tfjs engine answers sampled queries by reading π back synchronously, which the webgpu backend does not support; use the fused engine or a CPU backend',
      );
    }
    const { game, members, steps } = spec;
    const K = game.K;
    const B = members.length;
    const times = sampleTimes(steps, spec.every);
    const PTdata = new Float32Array(K * K);
    for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) PTdata[j * K + i] = game.P[i * K + j]!;
    const PT = tf.tensor2d(PTdata, [K, K]);
    const logMu = tf.tensor2d(Float32Array.from(game.logReference), [1, K]);
    const groups = groupMembers(members).map((g) => {
      const Bs = g.members.length;
      const betas = Float32Array.from(g.members, (m) => m.params.beta);
      // The strength in the step coefficients (mpo: its magnet's); `beta` stays the race's.
      const stepBetas = Float32Array.from(g.members, (m) => updateBeta(m.solver, m.params));
      const beta = tf.tensor2d(betas, [Bs, 1]);
      const refresh = g.members[0]!.params.refresh ?? 0;
      // A refreshed reference is per member: [Bs, K], replaced at every refresh.
      const tensors: GroupTensors = {
        PT,
        logMu: refresh > 0 ? tf.tile(logMu, [Bs, 1]) : logMu,
        beta,
      };
      const startData = new Float32Array(Bs * K);
      g.members.forEach((m, r) => startData.set(m.start, r * K));
      const start = tf.tensor2d(startData, [Bs, K]);
      const sampler = sampledQueries(game, g.members);
      const first = g.members[0]!.params;
      const formula = g.solver === 'custom' ? memberFormula(g.members[0]!) : null;
      let state!: GroupState;
      let formulaState = null as FormulaGroupState | null;
      tf.tidy(() => {
        if (formula) {
          state = formulaState = createFormulaGroup(
            formula.program,
            { PT, logMu, beta },
            {
              start,
              ...(sampler ? { sampler } : {}),
              aux: formulaAux(formula.program, game.logReference, g.members),
            },
          );
          return;
        }
        state = createGroup(g.solver as SolverId, tensors, {
          start,
          ...(first.weights ? { weights: first.weights } : {}),
          ...(sampler ? { sampler } : {}),
          ...((first.inner ?? 0) > 0
            ? { inner: { steps: first.inner!, alpha: first.innerStep! } }
            : {}),
        });
      });
      const schedules = g.members.map((m) => stepSize(m.params));
      const constant = g.members.every((m) => m.params.schedule !== 'theory');
      // Nash-MD's fixed mixture weights (NaN: the member's η_t·β); null when none is fixed.
      const mixes = g.members.some((m) => m.params.mix != null)
        ? Float32Array.from(g.members, (m) => m.params.mix ?? Number.NaN)
        : null;
      const coefficientsAt = (t: number): StepCoefficients =>
        stepCoefficients(
          Float32Array.from(schedules, (f) => f(t)),
          stepBetas,
          PT,
          tensors.logMu,
          mixes,
        );
      const keepCoefficients = (): StepCoefficients => {
        let kept!: StepCoefficients;
        tf.tidy(() => {
          kept = coefficientsAt(0);
          for (const t of Object.values(kept)) if (t) tf.keep(t);
        });
        return kept;
      };
      const fixed: StepCoefficients | null = constant ? keepCoefficients() : null;
      const linear = memberSolver(g.members[0]!).averaging === 'linear';
      const averageSum = tf.keep(state.p.clone());
      let target: {
        logEq: tf.Tensor;
        eq: tf.Tensor;
        hit: tf.Tensor;
        comparable: tf.Tensor;
      } | null = null;
      if (spec.hit) {
        const logs = targetLogs(game, g.members);
        const flat = new Float32Array(Bs * K);
        // A member without a unique equilibrium gets a placeholder row and never hits.
        logs.forEach((l, r) => flat.set(l ?? new Float64Array(K).fill(-Math.log(K)), r * K));
        const logEq = tf.tensor2d(flat, [Bs, K]);
        const comparable = tf.tensor1d(
          Int32Array.from(logs, (l) => (l ? 1 : 0)),
          'bool',
        );
        target = { logEq, eq: tf.exp(logEq), hit: tf.fill([Bs], -1), comparable };
      }
      return {
        ...g,
        beta,
        tensors,
        refresh,
        start,
        state,
        formulaState,
        coefficientsAt,
        keepCoefficients,
        fixed,
        linear,
        averageSum,
        weight: 1,
        samples: [] as tf.Tensor[],
        target,
      };
    });

    // Per member, the start of its current stretch with KL(π*_β ‖ π_t) ≤ ε (−1 while above, so a
    // rise resets it): at the end, the time from which KL stays within ε. Kept on the device.
    const epsilon = spec.hit?.epsilon ?? 0;
    const trackHits = (t: number): void => {
      for (const g of groups) {
        const target = g.target;
        if (!target) continue;
        const next = tf.tidy(() => {
          const logPi = tf.logSoftmax(g.state.x);
          const terms = tf.mul(target.eq, klTerms(tf.sub(target.logEq, logPi)));
          // Σ π*·f(d) = KL − (π's mass off the support of π*): where π*_i = 0 add π_i back
          // (that term itself would be 0·NaN).
          const kl = tf.sum(tf.where(tf.greater(target.eq, 0), terms, tf.exp(logPi)), 1);
          // A member without a unique target equilibrium is never within ε.
          const within = tf.logicalAnd(target.comparable, tf.lessEqual(kl, epsilon));
          const fresh = tf.logicalAnd(tf.less(target.hit, 0), within);
          const kept = tf.where(within, target.hit, tf.fill(target.hit.shape, -1));
          return tf.where(fresh, tf.fill(target.hit.shape, t), kept);
        });
        target.hit.dispose();
        target.hit = next;
      }
    };
    trackHits(0);

    try {
      let s = 0;
      let lastYield = Date.now();
      for (let t = 0; t <= steps; t++) {
        if (t === times[s]) {
          for (const g of groups) g.samples.push(tf.keep(tf.tidy(() => tf.logSoftmax(g.state.x))));
          s++;
          options.onProgress?.(s, times.length);
        }
        if (t === steps) break;
        if (Date.now() - lastYield > YIELD_EVERY_MS) {
          await new Promise((r) => setTimeout(r, 0));
          lastYield = Date.now();
        }
        options.signal?.throwIfAborted();
        for (const g of groups) {
          // Reference refresh before the steps t = R, 2R, …: μ ← π_t, and the pull ηβ·log μ with it.
          if (g.refresh > 0 && t > 0 && t % g.refresh === 0) {
            const next = tf.keep(tf.tidy(() => tf.logSoftmax(g.state.x)));
            g.tensors.logMu.dispose();
            g.tensors.logMu = next;
            if (g.fixed) {
              for (const c of Object.values(g.fixed as StepCoefficients)) c?.dispose();
              g.fixed = g.keepCoefficients();
            }
          }
          tf.tidy(() => {
            g.state.step(g.fixed ?? g.coefficientsAt(t), t);
            // π̄ accumulates π_{t+1} with weight 1 (uniform) or t+2 (linear, RM+).
            const w = g.linear ? t + 2 : 1;
            const next = tf.add(g.averageSum, w === 1 ? g.state.p : tf.mul(g.state.p, w));
            g.averageSum.dispose();
            g.averageSum = tf.keep(next);
            g.weight += w;
          });
        }
        trackHits(t + 1);
      }

      const logPolicies = new Float64Array(times.length * B * K);
      const average = new Float64Array(B * K);
      const hitTimes = spec.hit ? new Int32Array(B) : undefined;
      const failures: MemberFailure[] = [];
      for (const g of groups) {
        if (g.formulaState) {
          (await g.formulaState.readFailures()).forEach((f, r) => {
            if (f) failures.push({ member: g.indices[r]!, ...f });
          });
        }
        if (hitTimes && g.target) {
          const hits = await g.target.hit.data();
          g.indices.forEach((b, r) => (hitTimes[b] = hits[r]!));
        }
        const stacked = tf.stack(g.samples);
        const data = await stacked.data();
        stacked.dispose();
        const Bs = g.members.length;
        for (let si = 0; si < times.length; si++) {
          g.indices.forEach((b, r) => {
            for (let i = 0; i < K; i++)
              logPolicies[(si * B + b) * K + i] = data[(si * Bs + r) * K + i]!;
          });
        }
        const avg = await g.averageSum.data();
        g.indices.forEach((b, r) => {
          for (let i = 0; i < K; i++) average[b * K + i] = avg[r * K + i]! / g.weight;
        });
      }
      failures.sort((a, b) => a.member - b.member);
      const threads = tf.getBackend() === 'wasm' ? wasmThreads() : undefined;
      return {
        ...batchResult(spec, 'tfjs', tf.getBackend(), times, logPolicies, average, hitTimes),
        ...(failures.length > 0 ? { failures } : {}),
        ...(threads === undefined ? {} : { threads }),
      };
    } finally {
      PT.dispose();
      logMu.dispose();
      for (const g of groups) {
        g.state.dispose();
        g.beta.dispose();
        if (g.refresh > 0) g.tensors.logMu.dispose();
        g.start.dispose();
        if (g.fixed) for (const t of Object.values(g.fixed as StepCoefficients)) t?.dispose();
        g.averageSum.dispose();
        for (const x of g.samples) x.dispose();
        if (g.target) for (const x of Object.values(g.target)) x.dispose();
      }
    }
  }

  dispose(): void {}
}
