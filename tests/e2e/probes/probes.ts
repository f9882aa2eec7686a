/**
 * The engine e2e test's probes (tests/e2e/engine.test.ts), on a page of their own that only the
 * e2e build includes: every engine in the worker against float64 computed here, the page's
 * responsiveness while a long batch runs, cancellation, the worker pool, cross-origin isolation.
 */
import type { Game } from '../../../src/core/game';
import { buildPreset } from '../../../src/core/presets';
import { resolveParams, SOLVER_IDS } from '../../../src/core/solvers';
import { parseGame } from '../../../src/core/validate';
import { adapterInfo, type BackendName } from '../../../src/engine/backends';
import { enginePool, firstEngineClient, threadedEngineClient } from '../../../src/engine/page';
import { ReferenceEngine } from '../../../src/engine/reference';
import type { BatchSpec, EngineName } from '../../../src/engine/types';

const client = firstEngineClient();
// auto as the app runs it: large batches sharded over one worker per core.
const pool = enginePool();
const threadedClient = threadedEngineClient;

/** Whether SharedArrayBuffer is there (threaded wasm needs it), and the cores the page sees. */
function isolation() {
  return { isolated: crossOriginIsolated, cores: navigator.hardwareConcurrency };
}

/** Every solver with its defaults at β = 0.1, from the game's start. */
function everySolver(game: Game, steps: number, every: number): BatchSpec {
  const members = SOLVER_IDS.map((solver) => ({
    solver,
    params: resolveParams(solver, 0.1),
    start: game.start,
  }));
  return { game, members, steps, every };
}

/** Every solver on three games, in the worker, against the float64 reference computed here. */
async function engineCheck(
  engine: EngineName,
  backends?: BackendName[],
  games = ['rps', 'weighted-rps', 'random:10:3'],
  steps = 1000,
  onThreadedWorker = false,
) {
  const worker = onThreadedWorker ? threadedClient() : client;
  const out = [];
  for (const id of games) {
    const game = parseGame(buildPreset(id));
    const spec = everySolver(game, steps, steps / 4);
    const result = await worker.run(engine, spec, backends ? { backends } : {});
    const ref = new ReferenceEngine().runSync(spec);
    const gaps = SOLVER_IDS.map((_, m) => {
      let g = 0;
      for (let s = 0; s < result.times.length; s++) {
        for (let i = 0; i < game.K; i++) {
          const at = (s * result.B + m) * game.K + i;
          g = Math.max(
            g,
            Math.abs(Math.exp(result.logPolicies[at]!) - Math.exp(ref.logPolicies[at]!)),
          );
        }
      }
      return g;
    });
    out.push({
      game: id,
      engine: result.engine,
      backend: result.backend,
      threads: result.threads ?? 1,
      fallback: result.fallback ?? null,
      gaps,
    });
  }
  return out;
}

/** Runs a long batch and counts animation frames meanwhile: the page must keep painting. */
async function responsiveness(engine: EngineName) {
  const spec = everySolver(parseGame(buildPreset('random:20:1')), 20_000, 1000);
  let frames = 0;
  let running = true;
  const tick = (): void => {
    frames++;
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const t0 = performance.now();
  const progress: number[] = [];
  await client.run(engine, spec, { onProgress: (done) => progress.push(done) });
  running = false;
  return { frames, ms: performance.now() - t0, progress: progress.length, last: progress.at(-1) };
}

async function cancellation(engine: EngineName) {
  const spec = everySolver(parseGame(buildPreset('random:20:1')), 1_000_000, 100);
  const controller = new AbortController();
  const t0 = performance.now();
  try {
    await client.run(engine, spec, {
      signal: controller.signal,
      onProgress: (done) => done === 3 && controller.abort(),
    });
    return { cancelled: false, ms: performance.now() - t0 };
  } catch (e) {
    return { cancelled: (e as Error).name === 'AbortError', ms: performance.now() - t0 };
  }
}

/** The pool against float64 on a batch big enough to shard. */
async function poolCheck() {
  const game = parseGame(buildPreset('random:10:3'));
  const members = Array.from({ length: 600 }, (_, b) => {
    const solver = SOLVER_IDS[b % SOLVER_IDS.length]!;
    const w = Float64Array.from({ length: 10 }, (_, i) => 1 + ((b * 7 + i * 13) % 17));
    const total = w.reduce((s, v) => s + v, 0);
    return { solver, params: resolveParams(solver, 0.1), start: w.map((v) => v / total) };
  });
  const spec: BatchSpec = { game, members, steps: 200, every: 100 };
  const result = await pool.runSharded('auto', spec);
  const ref = new ReferenceEngine().runSync(spec);
  let gap = 0;
  for (let i = 0; i < ref.logPolicies.length; i++) {
    gap = Math.max(gap, Math.abs(Math.exp(result.logPolicies[i]!) - Math.exp(ref.logPolicies[i]!)));
  }
  let metricGap = 0;
  for (let i = 0; i < ref.metrics!.exploitability.length; i++) {
    metricGap = Math.max(
      metricGap,
      Math.abs(result.metrics!.exploitability[i]! - ref.metrics!.exploitability[i]!),
    );
  }
  return { workers: result.workers, B: result.B, backend: result.backend, gap, metricGap };
}

declare global {
  interface Window {
    nashProbes: {
      ready: true;
      adapter: typeof adapterInfo;
      isolation: typeof isolation;
      engineCheck: typeof engineCheck;
      responsiveness: typeof responsiveness;
      cancellation: typeof cancellation;
      poolCheck: typeof poolCheck;
    };
  }
}

window.nashProbes = {
  ready: true,
  adapter: adapterInfo,
  isolation,
  engineCheck,
  responsiveness,
  cancellation,
  poolCheck,
};
