/**
 * The pool's sharding plan: small runs never shard, large ones shard only where the probes say
 * it is faster, shards merge back in member order, and auto's workload key copes with 65,536
 * members. Fake workers answer with the float64 reference; a counting rate stands in for timing.
 */
import { describe, expect, it } from 'vitest';
import { buildPreset } from '../../../src/core/presets';
import { resolveParams } from '../../../src/core/solvers';
import { parseGame } from '../../../src/core/validate';
import { AutoEngine, workloadKey, type RunCost } from '../../../src/engine/auto';
import type { ClientResult, EngineClient } from '../../../src/engine/client';
import {
  concreteChoice,
  EnginePool,
  MIN_SHARDED_WORK,
  poolSize,
  shardSizes,
} from '../../../src/engine/pool';
import { ReferenceEngine } from '../../../src/engine/reference';
import type { BatchSpec, Engine } from '../../../src/engine/types';

// K = 64: a batch past MIN_SHARDED_WORK is still cheap for the float64 engine here.
const game = parseGame(buildPreset('random:64:3'));

function spec(B: number, steps: number): BatchSpec {
  const members = Array.from({ length: B }, (_, b) => {
    const w = Float64Array.from({ length: 64 }, (_, i) => 1 + ((b * 7 + i * 13) % 17));
    const total = w.reduce((s, v) => s + v, 0);
    return {
      solver: 'inpo' as const,
      params: resolveParams('inpo', 0.1),
      start: w.map((v) => v / total),
    };
  });
  return { game, members, steps, every: steps, metrics: false };
}

/**
 * A worker that counts its runs and answers with the reference engine in-process (`compute`), or
 * with an empty result of the right shape where only the routing matters.
 */
function fakeWorker(
  id: number,
  log: { worker: number; B: number; steps: number }[],
  compute = false,
): EngineClient {
  const engine = new ReferenceEngine();
  return {
    run: async (_engine: string, s: BatchSpec): Promise<ClientResult> => {
      log.push({ worker: id, B: s.members.length, steps: s.steps });
      if (compute) return engine.runSync(s);
      const { K } = s.game;
      const B = s.members.length;
      return {
        engine: 'reference',
        backend: 'float64',
        precision: 'float64',
        K,
        B,
        steps: s.steps,
        times: [0, s.steps],
        logPolicies: new Float64Array(2 * B * K),
        average: new Float64Array(B * K),
        targetBeta: new Float64Array(B),
        refresh: new Int32Array(B),
      };
    },
    terminate: () => {},
  } as unknown as EngineClient;
}

/** Reports `costs[workers]` for the plan it probes, after one probe run (no clock involved). */
function countingCost(costs: Record<number, RunCost>) {
  return async (run: (probe: BatchSpec) => Promise<ClientResult>, s: BatchSpec) => {
    const r = await run({ ...s, steps: 1, every: 1 });
    return costs[r.workers ?? 1]!;
  };
}

/** A cost whose steps run at `rate` policy-steps per second for B members. */
const atRate = (rate: number, B = 100, fixedMs = 0): RunCost => ({
  fixedMs,
  stepMs: (B / rate) * 1000,
});

describe('engine pool plans', () => {
  it('sizes: one worker per core, at most four', () => {
    expect([1, 2, 3, 4, 16].map(poolSize)).toEqual([1, 2, 3, 4, 4]);
    expect(shardSizes(10, 4)).toEqual([3, 3, 2, 2]);
    expect(shardSizes(3, 4)).toEqual([1, 1, 1]);
  });

  it('runs a small batch on one worker without probing', async () => {
    const log: { worker: number; B: number; steps: number }[] = [];
    const pool = new EnginePool([fakeWorker(0, log), fakeWorker(1, log)], {
      cost: () => Promise.reject(new Error('a small run must not probe')),
    });
    const s = spec(8, 10);
    expect(8 * 64 * 64 * 10).toBeLessThan(MIN_SHARDED_WORK);
    const result = await pool.run('auto', s);
    expect(result.workers).toBe(1);
    expect(log).toEqual([{ worker: 0, B: 8, steps: 10 }]);
  });

  it('shards a large batch where the probes say two workers are faster, in member order', async () => {
    const log: { worker: number; B: number; steps: number }[] = [];
    const pool = new EnginePool([fakeWorker(0, log, true), fakeWorker(1, log, true)], {
      cost: countingCost({ 1: atRate(1e6), 2: atRate(1.8e6) }),
    });
    const s = { ...spec(100, 200), metrics: true, every: 100 };
    expect(100 * 64 * 64 * 200).toBeGreaterThanOrEqual(MIN_SHARDED_WORK);
    const result = await pool.run('auto', s);
    expect(pool.lastPlan?.workers).toBe(2);
    expect(pool.lastPlan?.rates.map((r) => [r.workers, Math.round(r.rate)])).toEqual([
      [1, 1e6],
      [2, 1.8e6],
    ]);
    expect(result.workers).toBe(2);
    expect(log.slice(-2)).toEqual([
      { worker: 0, B: 50, steps: 200 },
      { worker: 1, B: 50, steps: 200 },
    ]);
    // The merged batch is the unsharded one, sample by sample and member by member.
    const ref = new ReferenceEngine().runSync(s);
    expect(result.times).toEqual(ref.times);
    expect(Array.from(result.logPolicies)).toEqual(Array.from(ref.logPolicies));
    expect(Array.from(result.average)).toEqual(Array.from(ref.average));
    expect(Array.from(result.metrics!.exploitability)).toEqual(
      Array.from(ref.metrics!.exploitability),
    );
  });

  it('probes and runs a plan on the engine auto picks for the run, not on auto', async () => {
    const asked: string[] = [];
    // Auto's calibration in the first worker: tfjs on wasm is fast per step but costs 200 ms a
    // run; the float64 engine costs nothing once but is slower per step.
    const calibration = [
      { engine: 'reference', backend: 'float64', rate: 1e6, fixedMs: 0 },
      { engine: 'tfjs', backend: 'wasm', rate: 4e6, fixedMs: 200 },
      { engine: 'tfjs', backend: 'webgl', rate: 0, fixedMs: 0 },
    ];
    const worker = (id: number) => {
      const inner = fakeWorker(id, []);
      return {
        run: async (name: string, s: BatchSpec, o: { backends?: string[] } = {}) => {
          asked.push(
            `${id}:${name}${o.backends ? `/${o.backends.join(',')}` : ''}:${s.members.length}`,
          );
          const r = await inner.run(name as 'auto', s);
          return name === 'auto' ? { ...r, calibration } : r;
        },
        terminate: () => {},
      } as unknown as EngineClient;
    };
    const pool = new EnginePool([worker(0), worker(1)], {
      cost: countingCost({ 1: atRate(1e6), 2: atRate(1.8e6) }),
    });
    // 100 members × 2,000 steps: 200 ms on the float64 engine, 250 ms on tfjs: reference.
    expect((await pool.run('auto', spec(100, 2000))).workers).toBe(2);
    expect(pool.lastPlan).toMatchObject({ engine: 'reference', workers: 2 });
    expect(asked).toEqual([
      '0:auto:100', // auto's calibration, one untimed step
      '0:reference:100', // the one-worker probe
      '0:reference:50', // the two-worker probe
      '1:reference:50',
      '0:reference:50', // the run
      '1:reference:50',
    ]);
    // A longer run of another shape: tfjs on wasm, asked for by name.
    asked.length = 0;
    await pool.run('auto', spec(90, 20_000));
    expect(pool.lastPlan).toMatchObject({ engine: 'tfjs', backends: ['wasm'] });
    expect(asked.slice(-2)).toEqual(['0:tfjs/wasm:45', '1:tfjs/wasm:45']);
  });

  it('concreteChoice: the least predicted time for the run; none without a calibration', () => {
    const c = (engine: string, backend: string, rate: number, fixedMs: number) => ({
      engine,
      backend,
      rate,
      fixedMs,
    });
    const rates = [c('reference', 'float64', 1e6, 0), c('tfjs', 'wasm', 4e6, 200)];
    expect(concreteChoice(rates, 100, 10)).toEqual({ engine: 'reference' });
    expect(concreteChoice(rates, 100, 100_000)).toEqual({ engine: 'tfjs', backends: ['wasm'] });
    expect(concreteChoice([c('fused', 'webgpu', 1e9, 0), ...rates], 100, 10)).toBeNull();
    expect(concreteChoice(undefined, 100, 10)).toBeNull();
    expect(concreteChoice([c('reference', 'float64', 0, 0)], 100, 10)).toBeNull();
  });

  it('keeps one worker where sharding is not clearly faster, and probes a shape once', async () => {
    const log: { worker: number; B: number; steps: number }[] = [];
    let probes = 0;
    const cost = countingCost({ 1: atRate(1e6), 2: atRate(1.05e6) });
    const pool = new EnginePool([fakeWorker(0, log), fakeWorker(1, log)], {
      cost: (run, s) => {
        probes++;
        return cost(run, s);
      },
    });
    for (const steps of [200, 400]) {
      const result = await pool.run('reference', spec(100, steps));
      expect(result.workers).toBe(1);
    }
    expect(pool.lastPlan?.workers).toBe(1);
    expect(probes).toBe(2); // one per plan (1 and 2 workers), for both runs of the shape
  });

  it('each run takes the plan with the least predicted time for its steps', async () => {
    // Sharding costs 5 s once per run here but halves the steps: it pays only on long runs.
    const pool = new EnginePool([fakeWorker(0, []), fakeWorker(1, [])], {
      cost: countingCost({ 1: { fixedMs: 1, stepMs: 10 }, 2: { fixedMs: 5000, stepMs: 5 } }),
    });
    expect((await pool.run('auto', spec(100, 200))).workers).toBe(1); // 2 s against 6 s
    expect((await pool.run('auto', spec(100, 2000))).workers).toBe(2); // 20 s against 15 s
  });

  it('auto sends short runs to low fixed costs and long runs to fast steps', async () => {
    const ran: string[] = [];
    const engine = (name: 'reference' | 'tfjs'): Engine => ({
      name,
      backend: name,
      run: async (s: BatchSpec) => {
        ran.push(name);
        return new ReferenceEngine().runSync({ ...s, members: s.members.slice(0, 1) });
      },
      dispose: () => {},
    });
    const costs: Record<string, RunCost> = {
      reference: { fixedMs: 1, stepMs: 1 },
      tfjs: { fixedMs: 50, stepMs: 0.1 },
    };
    const auto = new AutoEngine([engine('reference'), engine('tfjs')], {
      cost: async (run) => {
        ran.length = 0;
        await run(spec(2, 1));
        return costs[ran[0]!]!;
      },
    });
    for (const [steps, expected] of [
      [1, 'reference'],
      [1000, 'tfjs'],
    ] as const) {
      ran.length = 0;
      await auto.run(spec(2, steps));
      expect(ran.at(-1)).toBe(expected);
      expect(auto.lastCalibration?.chosen).toBe(expected === 'reference' ? 0 : 1);
    }
    expect(auto.lastCalibration?.rates.map((r) => r.rate)).toEqual([2000, 20_000]);
  });

  it('the GPU engine never shards', async () => {
    const log: { worker: number; B: number; steps: number }[] = [];
    const pool = new EnginePool([fakeWorker(0, log), fakeWorker(1, log)], {
      cost: () => Promise.reject(new Error('fused must not probe')),
    });
    await pool.run('fused', spec(100, 200));
    expect(log).toEqual([{ worker: 0, B: 100, steps: 200 }]);
  });

  it("auto's workload key takes 65,536 members (no spread of the member list)", () => {
    const members = Array.from({ length: 65_536 }, () => ({
      solver: 'inpo' as const,
      params: resolveParams('inpo', 0.1),
      start: game.start,
    }));
    expect(workloadKey({ game, members, steps: 1, every: 1 })).toBe('64:65536:inpo');
  });
});
