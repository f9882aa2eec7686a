/**
 * `npm run bench` — engine throughput in Node and in headless Chromium.
 *   npm run -s bench -- --json          one JSON array of rows on stdout
 *   npm run bench                       the same as a table
 *   options: --where node|chromium|both (default both), --target <seconds per row> (default 0.2),
 *            --sizes 3x1,64x1024 (K×B list), --numpy (add numpy float64 rows measured here, and
 *            a table of auto against them), --solvers inpo,nash-mp (default both)
 *   npm run -s bench -- --quick         auto alone, INPO alone, 0.1 s per row, Chromium unless
 *            --where says otherwise: the whole size list in under a minute
 *   npm run -s bench -- --app           the app instead: time from navigation to the first drawn
 *            convergence line and the JavaScript (gzipped) loaded before it, on the preview build;
 *            all eleven solvers × 2,000 iterations, time from a β change to the charts redrawn (ms),
 *            and frames per second while playing; big games by link (random:256:1, random:1024:1,
 *            six solvers × 2,000 iterations): first progress, first line, complete;
 *            the tour's sampled chapter 7: opening it and its "Try this" race (first seeds drawn,
 *            whole race, the engine's part), in ms
 *            (`--tour`: only that)
 *   npm run -s bench -- --big 256,1024 [--big-timeout 180]   the big-game rows alone
 *   npm run -s bench -- --nash 256,512,1024 [--nash-seeds 1,2] [--nash-dense-max 512]   the β = 0
 *            equilibrium of random:K:seed in Node, one JSON row per K, seed and method:
 *            { K, seed, method, ms, cpuMs, exploitability, pivots, iterations, rounds, candidates,
 *            support, load }; methods: `dense-simplex` (Dantzig on the whole game, what K ≤ 256
 *            uses; only up to --nash-dense-max, it takes minutes at 1,024), `steepest-edge` (the
 *            whole game's condensed steepest-edge simplex, the fallback above 256; same limit) and
 *            `active-set` (src/core/activeSet.ts, what K > 256 uses); load: 1-minute load average
 * Rows: { where, engine, backend, solver, K, B, T, seconds, policyStepsPerSec, workers, threads,
 * chose (auto: the engine it ran), workload (named sizes) }. A benchmark, not a test: nothing
 * here fails on a slow machine.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs-core';
import {
  BENCH_SIZES,
  BENCH_SOLVERS,
  measure,
  type BenchRow,
  type BenchSize,
} from '../src/bench/workloads';
import { SOLVER_IDS, type SolverId } from '../src/core/solvers';
import { GUESS_ITERATIONS, solveByActiveSet } from '../src/core/activeSet';
import { simplexMaxLeq, simplexMaxLeqSteepestEdge } from '../src/core/lp';
import { exploitabilityOf } from '../src/core/metrics';
import { buildPreset } from '../src/core/presets';
import { parseGame } from '../src/core/validate';
import { createEngine } from '../src/engine/index';
import { encodeExperiment } from '../src/state/link';
import { DEFAULT_EXPERIMENT } from '../src/state/fields';
import { installNodeWebGPU } from '../src/engine/node';
import type { Engine } from '../src/engine/types';
import { launchChromium, startApp } from '../tests/e2e/browser';
import type { Page } from 'playwright-core';

const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const asJson = argv.includes('--json');
const quick = argv.includes('--quick');
const where = flag('where') ?? (quick ? 'chromium' : 'both');
const targetSeconds = Number(flag('target') ?? (quick ? 0.1 : 0.2));
const solvers = (flag('solvers')?.split(',') ?? (quick ? ['inpo'] : BENCH_SOLVERS)) as SolverId[];
const startedAt = performance.now();
const sizes: BenchSize[] =
  flag('sizes')
    ?.split(',')
    .map((s) => {
      const [K, B] = s.split('x').map(Number);
      return BENCH_SIZES.find((b) => b.K === K && b.B === B) ?? { K: K!, B: B! };
    }) ?? BENCH_SIZES;
const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function nodeRows(): Promise<BenchRow[]> {
  tf.env().set('PROD', true);
  const gpu = (await installNodeWebGPU()) === null;
  const env = {
    tfjsBackends: gpu ? (['webgpu', 'wasm', 'cpu'] as const) : (['wasm', 'cpu'] as const),
    autoTfjsBackends: ['wasm'] as const,
  };
  const engines: [string, Engine][] = quick
    ? [['auto', await createEngine('auto', env)]]
    : [
        ['reference', await createEngine('reference')],
        ['tfjs', await createEngine('tfjs', { tfjsBackends: ['wasm'] })],
        ...(gpu ? ([['fused', await createEngine('fused', env)]] as [string, Engine][]) : []),
        ['auto', await createEngine('auto', env)],
      ];
  const rows: BenchRow[] = [];
  for (const size of sizes) {
    for (const solver of solvers) {
      for (const [name, engine] of engines) {
        const row = await measure((spec) => engine.run(spec), solver, size, targetSeconds);
        rows.push({
          where: 'node',
          engine: name,
          ...row,
          ...(name === 'auto' ? { chose: row.backend } : {}),
        });
        log(
          `node ${name}/${row.backend} ${solver} K=${size.K} B=${size.B}: ${row.policyStepsPerSec.toExponential(2)}`,
        );
      }
    }
  }
  return rows;
}

/** The bench page in headless Chromium, served from a fresh build; closed afterwards. */
async function withBenchPage<T>(use: (page: Page) => Promise<T>): Promise<T> {
  const { url, server } = await startApp();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    page.on('console', (m) => log(`chromium: ${m.text()}`));
    await page.goto(`${url}bench.html`);
    await page.waitForFunction(() => window.nashBench?.ready === true);
    return await use(page);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

function chromiumRows(): Promise<BenchRow[]> {
  return withBenchPage((page) =>
    page.evaluate(
      ({ sizes, targetSeconds, solvers, quick }) =>
        window.nashBench.bench({
          sizes,
          targetSeconds,
          solvers,
          ...(quick ? { engines: [{ engine: 'auto', label: 'auto' }] } : {}),
        }),
      { sizes, targetSeconds, solvers, quick },
    ),
  );
}

function numpyRows(): BenchRow[] {
  const r = spawnSync(
    'python3',
    ['scripts/numpy_bar.py', JSON.stringify({ sizes, targetSeconds, solvers })],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) {
    log(`numpy rows skipped: ${r.stderr.trim()}`);
    return [];
  }
  return JSON.parse(r.stdout) as BenchRow[];
}

/** The app in Chromium: recompute-and-redraw latency after a parameter change, and playback fps. */
async function appBench(preset: string): Promise<Record<string, unknown>> {
  const { url, server } = await startApp();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // tsx keeps function names with an `__name` helper that the page does not have.
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.goto(url);
    await page.waitForFunction(() => window.nashStore?.getState().race !== null);
    return await page.evaluate(
      async ([preset, all]) => {
        const store = window.nashStore;
        store.getState().setPreset(preset);
        const frame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));
        for (const id of all)
          if (!store.getState().solvers.includes(id)) store.getState().toggleSolver(id);
        const settle = async (beta: number): Promise<number> => {
          const t0 = performance.now();
          store.getState().setBeta(beta);
          while (
            store.getState().race?.settings.beta !== beta ||
            store.getState().race?.traces.length !== all.length
          )
            await new Promise((r) => setTimeout(r, 1));
          await frame();
          await frame();
          return performance.now() - t0;
        };
        await settle(0.2); // warm-up: workers, JIT
        const samples: number[] = [];
        const computeMs: number[] = [];
        for (let k = 0; k < 12; k++) {
          samples.push(await settle(k % 2 ? 0.1 : 0.05));
          computeMs.push(store.getState().race!.computeMs);
        }
        computeMs.sort((a, b) => a - b);
        samples.sort((a, b) => a - b);
        store.getState().setField('speed', 1);
        store.getState().reset();
        store.getState().play();
        let frames = 0;
        const t0 = performance.now();
        while (performance.now() - t0 < 2000) {
          await frame();
          frames++;
        }
        store.getState().pause();
        return {
          where: 'chromium',
          solvers: all.length,
          K: store.getState().game.K,
          iterations: store.getState().budget,
          recomputeAndRedrawMs: {
            median: samples[Math.floor(samples.length / 2)],
            max: samples[samples.length - 1],
            samples,
          },
          engineMs: {
            median: computeMs[Math.floor(computeMs.length / 2)],
            max: computeMs[computeMs.length - 1],
          },
          playingFps: frames / 2,
        };
      },
      [preset, [...SOLVER_IDS]] as const,
    );
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

/**
 * First look on the preview build: from navigation to the first convergence line drawn (the first
 * path with points in the Convergence chart: at iteration 0, the whole race drawn faintly), in a fresh browser context each time (nothing
 * cached), and the JavaScript the page and its workers had finished loading by then, gzipped as a
 * static host would serve it (`gzip -9` of the built files).
 */
async function firstLookBench(runs = 5): Promise<Record<string, unknown>> {
  const { url, server } = await startApp();
  const browser = await launchChromium();
  try {
    const samples: number[] = [];
    const paints: number[] = [];
    let loaded: { file: string; gzipBytes: number }[] = [];
    for (let k = 0; k < runs; k++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const finished: { path: string; at: number }[] = [];
      page.on('requestfinished', (r) =>
        finished.push({ path: new URL(r.url()).pathname, at: Date.now() }),
      );
      let firstLineAt = 0;
      await page.exposeFunction('__benchFirstLine', () => {
        firstLineAt ||= Date.now();
      });
      // tsx keeps function names with an `__name` helper that the page does not have.
      await page.addInitScript('globalThis.__name = (f) => f;');
      await page.addInitScript(() => {
        const drawn = (): boolean =>
          Array.from(
            document.querySelectorAll(
              '.chart-grid svg[aria-label^="Convergence"] :is(path[data-solver], path[data-ghost])',
            ),
          ).some((p) => (p.getAttribute('d') ?? '').includes('L'));
        const observer = new MutationObserver(() => {
          if (!drawn()) return;
          observer.disconnect();
          (window as unknown as { __benchFirstLineMs: number }).__benchFirstLineMs =
            performance.now();
          void (window as unknown as { __benchFirstLine: () => Promise<void> }).__benchFirstLine();
        });
        observer.observe(document, { childList: true, subtree: true, attributes: true });
      });
      await page.goto(url);
      await page.waitForFunction(
        () =>
          (window as unknown as { __benchFirstLineMs?: number }).__benchFirstLineMs !== undefined,
        undefined,
        { timeout: 120_000 },
      );
      const { ms, fcp } = await page.evaluate(() => ({
        ms: (window as unknown as { __benchFirstLineMs: number }).__benchFirstLineMs,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
      }));
      samples.push(ms);
      paints.push(fcp);
      // JavaScript fetched by the page or its workers before the line was drawn.
      const files = [
        ...new Set(
          finished
            .filter((f) => f.at <= firstLineAt && f.path.endsWith('.js'))
            .map((f) => f.path.replace(/^\//, '')),
        ),
      ];
      loaded = files.map((file) => ({
        file,
        gzipBytes: gzipSync(readFileSync(`dist/${file}`), { level: 9 }).length,
      }));
      await context.close();
    }
    const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
    return {
      where: 'chromium',
      measure: 'first look (preview build, fresh context, no cache)',
      navigationToFirstLineMs: {
        median: Math.round(median(samples)),
        samples: samples.map(Math.round),
      },
      firstContentfulPaintMs: Math.round(median(paints)),
      jsBytesGzipBeforeFirstLine: loaded.reduce((n, f) => n + f.gzipBytes, 0),
      jsFiles: loaded,
    };
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

/**
 * A big game opened by link (issue 25): `random:K:1`, the default six solvers × 2,000 iterations,
 * in a fresh page of the preview build. Times from navigation to the first progress bar, the first
 * drawn convergence line (a preview of the first iterations counts) and the complete race; the
 * targets (no GPU): K = 256 first line ≤ 3 s, complete ≤ 6 s; K = 1,024 first line ≤ 10 s,
 * complete ≤ 60 s. A row that runs past `timeoutMs` reports what it had reached by then.
 */
async function bigRaceBench(K: number, timeoutMs: number): Promise<Record<string, unknown>> {
  const { url, server } = await startApp();
  const browser = await launchChromium();
  const preset = `random:${K}:1`;
  const link = `${url}#s=${encodeExperiment({ ...DEFAULT_EXPERIMENT, presetId: preset, game: parseGame(buildPreset(preset)) })}`;
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.addInitScript(() => {
      const marks: Record<string, number> = {};
      (window as unknown as { __bigMarks: Record<string, number> }).__bigMarks = marks;
      const check = (): void => {
        const now = performance.now();
        if (!marks.progress && document.querySelector('progress[aria-label="Computing the race"]'))
          marks.progress = now;
        if (
          !marks.firstLine &&
          Array.from(
            document.querySelectorAll(
              '.chart-grid svg[aria-label^="Convergence"] :is(path[data-solver], path[data-ghost])',
            ),
          ).some((p) => (p.getAttribute('d') ?? '').includes('L'))
        )
          marks.firstLine = now;
      };
      new MutationObserver(check).observe(document, {
        childList: true,
        subtree: true,
        attributes: true,
      });
      // When the app starts computing the race: the progress bar's 1 s counts from here.
      const started = setInterval(() => {
        const store = (window as unknown as { nashStore?: { getState(): { computing: boolean } } })
          .nashStore;
        if (store?.getState().computing) {
          marks.raceStart = performance.now();
          clearInterval(started);
        }
      }, 10);
    });
    const t0 = Date.now();
    await page.goto(link);
    let complete: number | null = null;
    while (Date.now() - t0 < timeoutMs) {
      const done = await page.evaluate(() => {
        const s = window.nashStore?.getState();
        return s && s.race !== null && !s.computing && s.race.budget === s.budget ? true : false;
      });
      if (done) {
        complete = await page.evaluate(() => performance.now());
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const state = await page.evaluate(() => {
      const s = window.nashStore.getState();
      const marks = (window as unknown as { __bigMarks: Record<string, number> }).__bigMarks;
      return {
        marks,
        race: s.race
          ? {
              engine: s.race.engine,
              backend: s.race.backend,
              computeMs: Math.round(s.race.computeMs),
              every: s.race.every,
              budget: s.race.budget,
              solvers: s.race.traces.length,
              resultMB: Math.round(s.race.resultBytes / 1e5) / 10,
            }
          : null,
        progress: s.progress,
      };
    });
    await context.close();
    const ms = (v: number | null | undefined): number | null => (v ? Math.round(v) : null);
    return {
      where: 'chromium',
      measure: `big game by link: ${preset}, six solvers × 2,000 iterations (navigation to …)`,
      K,
      cores: os.cpus().length,
      loadAverage: os.loadavg()[0],
      raceStartMs: ms(state.marks.raceStart),
      firstProgressMs: ms(state.marks.progress),
      firstLineMs: ms(state.marks.firstLine),
      completeMs: ms(complete),
      timedOutAfterMs: complete === null ? timeoutMs : undefined,
      race: state.race,
      progressAtEnd: complete === null ? state.progress : undefined,
    };
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

/**
 * The views on a big game (issue 25): `random:K:1` by link with the default experiment, and once
 * its race is complete each view turned on alone, in a fresh page of the preview build. Per view
 * the milliseconds from turning it on to its progress bar, to its first drawn result and to its
 * complete result, the machine's load average, and what its limits made smaller. The sweep and
 * Tune η compute (one batch, or three runs, in the engine workers); flow field and basins need
 * K = 3 and say so; "Policy over time" and the simplex's action picker redraw the race's numbers
 * (a solver or vertex picked, and the frames per second while the race plays).
 */
async function bigViewsBench(K: number, timeoutMs: number): Promise<Record<string, unknown>[]> {
  const { url, server } = await startApp();
  const browser = await launchChromium();
  const preset = `random:${K}:1`;
  const link = `${url}#s=${encodeExperiment({ ...DEFAULT_EXPERIMENT, presetId: preset, game: parseGame(buildPreset(preset)) })}`;
  const rows: Record<string, unknown>[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.goto(link);
    await page.waitForFunction(
      () => {
        const s = window.nashStore?.getState();
        return s && s.race !== null && !s.computing && s.race.budget === s.budget;
      },
      undefined,
      { timeout: 900_000, polling: 500 },
    );
    const row = (view: string, r: Record<string, unknown>): void => {
      rows.push({
        where: 'chromium',
        view,
        K,
        cores: os.cpus().length,
        loadAverage: os.loadavg()[0],
        ...r,
      });
    };
    // The computed views: open, time the marks in the page (polled every frame), close.
    for (const [view, selector] of [
      ['sweep', 'figure[data-tour-target="sweep"] .small-multiples canvas'],
      ['fair', '.views table'],
    ] as const) {
      const marks = await page.evaluate(
        ({ view, selector, timeoutMs }) =>
          new Promise<Record<string, number | string | null>>((resolve) => {
            const s = () => window.nashStore.getState();
            const t0 = performance.now();
            const out: Record<string, number | string | null> = {};
            let longestFrameMs = 0;
            let last = t0;
            s().setViewOpen(view, true);
            const frame = (): void => {
              const now = performance.now();
              longestFrameMs = Math.max(longestFrameMs, now - last);
              last = now;
              if (
                out.progressMs === undefined &&
                document.querySelector(`progress[aria-label^="Computing"]`) &&
                s().viewBusy[view]
              )
                out.progressMs = now - t0;
              if (out.firstDrawMs === undefined && document.querySelector(selector))
                out.firstDrawMs = now - t0;
              const done = s()[view] !== null && !s().viewBusy[view];
              if (done || s().viewError[view] || now - t0 > timeoutMs) {
                out.completeMs = done ? now - t0 : null;
                out.error = s().viewError[view] ?? null;
                out.computeMs = s()[view]?.info.ms ?? null;
                out.engine = s()[view]
                  ? `${s()[view]!.info.engine} (${s()[view]!.info.backend})`
                  : null;
                out.limit = s()[view]?.info.limit ?? null;
                out.longestFrameMs = longestFrameMs;
                s().setViewOpen(view, false);
                resolve(out);
              } else requestAnimationFrame(frame);
            };
            requestAnimationFrame(frame);
          }),
        { view, selector, timeoutMs },
      );
      const ms = (v: unknown): number | null => (typeof v === 'number' ? Math.round(v) : null);
      row(view === 'fair' ? 'tune η' : view, {
        firstProgressMs: ms(marks.progressMs),
        firstDrawMs: ms(marks.firstDrawMs),
        completeMs: ms(marks.completeMs),
        computeMs: ms(marks.computeMs),
        longestFrameMs: ms(marks.longestFrameMs),
        engine: marks.engine,
        limit: marks.limit,
        ...(marks.error ? { error: marks.error } : {}),
        ...(marks.completeMs === null && !marks.error ? { timedOutAfterMs: timeoutMs } : {}),
      });
    }
    // Flow field and basins: K = 3 only (the page says so).
    await page.evaluate(() => window.nashStore.getState().setViewOpen('basins', true));
    const basinsHint = await page.locator('.views p.hint').first().textContent({ timeout: 10_000 });
    await page.evaluate(() => window.nashStore.getState().setViewOpen('basins', false));
    row('basins', { firstDrawMs: null, completeMs: null, limit: basinsHint });
    await page.evaluate(() => window.nashStore.getState().setViewOpen('flow', true));
    const flowHint = await page
      .locator('.simplex-panel .hint')
      .first()
      .textContent({ timeout: 10_000 })
      .catch(() => null);
    await page.evaluate(() => window.nashStore.getState().setViewOpen('flow', false));
    row('flow field', { firstDrawMs: null, completeMs: null, limit: flowHint });
    // Redraws of the race's numbers: a solver or a vertex picked, to the next frame drawn.
    const redraw = await page.evaluate(async () => {
      const s = () => window.nashStore.getState();
      const frameAfter = (ready: () => boolean): Promise<number> =>
        new Promise((resolve) => {
          const t0 = performance.now();
          const check = (): void => {
            if (ready()) resolve(performance.now() - t0);
            else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        });
      const race = s().race!;
      const other = race.traces[race.traces.length - 1]!;
      s().setAreaSolver(other.key);
      const areas = await frameAfter(
        () =>
          document.querySelector(`svg[aria-label^="Policy over time: ${other.name} "]`) !== null,
      );
      const vertex = race.K - 1;
      s().setSimplexAction(0, vertex);
      const picker = await frameAfter(
        () =>
          (
            document.querySelector(
              'select[aria-label="Simplex vertex 1"]',
            ) as HTMLSelectElement | null
          )?.value === String(vertex),
      );
      // Frames per second while the race plays (every chart redraws at the cursor).
      s().reset();
      s().togglePlay();
      const t0 = performance.now();
      let frames = 0;
      let longest = 0;
      let last = t0;
      await new Promise<void>((resolve) => {
        const tick = (): void => {
          const now = performance.now();
          frames++;
          longest = Math.max(longest, now - last);
          last = now;
          if (now - t0 < 3000) requestAnimationFrame(tick);
          else resolve();
        };
        requestAnimationFrame(tick);
      });
      s().pause();
      const legend = document.querySelectorAll('.areas .legend li').length;
      return { areas, picker, fps: (frames * 1000) / (performance.now() - t0), longest, legend };
    });
    row('policy over time', {
      firstDrawMs: Math.round(redraw.areas),
      completeMs: Math.round(redraw.areas),
      playingFps: Math.round(redraw.fps * 10) / 10,
      longestFrameMs: Math.round(redraw.longest),
      legendEntries: redraw.legend,
    });
    row('simplex action picker', {
      firstDrawMs: Math.round(redraw.picker),
      completeMs: Math.round(redraw.picker),
    });
    await page.screenshot({ path: `test-results/screenshots/big-views-${K}.png`, fullPage: true });
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
  return rows;
}

if (argv.includes('--big-views')) {
  // `--big-views 256,1024 [--big-views-timeout <s>]`: each view's row (bigViewsBench).
  const sizes = (flag('big-views') ?? '256,1024').split(',').map(Number);
  const timeoutMs = Number(flag('big-views-timeout') ?? 180) * 1000;
  const results = [];
  for (const K of sizes) results.push(...(await bigViewsBench(K, timeoutMs)));
  process.stdout.write(`${JSON.stringify(results, null, asJson ? undefined : 2)}\n`);
  process.exit(0);
}

/** The GPU-scale views' workloads in Chromium (see viewsBench in src/bench/page.ts). */
function viewsRows(): Promise<unknown[]> {
  return withBenchPage((page) => page.evaluate(() => window.nashBench.viewsBench()));
}

if (argv.includes('--views')) {
  const results = await viewsRows();
  process.stdout.write(`${JSON.stringify(results, null, asJson ? undefined : 2)}\n`);
  process.exit(0);
}

if (argv.includes('--big')) {
  // Only the big-game rows of --app (issue 25): `--big 256,1024`, `--big-timeout <s>`.
  const sizes = (flag('big') ?? '256,1024').split(',').map(Number);
  const timeoutMs = Number(flag('big-timeout') ?? 180) * 1000;
  const results = [];
  for (const K of sizes) results.push(await bigRaceBench(K, timeoutMs));
  process.stdout.write(`${JSON.stringify(results, null, asJson ? undefined : 2)}\n`);
  process.exit(0);
}

/**
 * The β = 0 equilibrium of random:K:seed by the whole game's simplex (Dantzig, as K ≤ 256 solves
 * it, or steepest edge) and by the active-set solver, timed in wall and CPU milliseconds.
 */
function nashRows(sizes: number[], seeds: number[], denseMax: number): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  const timed = <T>(f: () => T): { value: T; ms: number; cpuMs: number } => {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const value = f();
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    return { value, ms, cpuMs: (used.user + used.system) / 1000 };
  };
  for (const K of sizes) {
    for (const seed of seeds) {
      const game = parseGame(buildPreset(`random:${K}:${seed}`));
      const row = (method: string, policy: Float64Array, ms: number, cpuMs: number) => ({
        K,
        seed,
        method,
        ms: Math.round(ms),
        cpuMs: Math.round(cpuMs),
        exploitability: exploitabilityOf(game, policy),
        support: policy.filter((p) => p > 0).length,
        load: Number(os.loadavg()[0]!.toFixed(2)),
      });
      const wholeGame = K <= denseMax ? (['dense-simplex', 'steepest-edge'] as const) : [];
      for (const method of wholeGame) {
        const M = game.P.map((p) => 2 * p + 1);
        const ones = new Float64Array(K).fill(1);
        const solve = method === 'dense-simplex' ? simplexMaxLeq : simplexMaxLeqSteepestEdge;
        const { value: lp, ms, cpuMs } = timed(() => solve(ones, M, ones, K, K));
        const total = lp.x.reduce((s, w) => s + w, 0);
        rows.push({
          ...row(
            method,
            lp.x.map((w) => w / total),
            ms,
            cpuMs,
          ),
          pivots: lp.pivots,
        });
        log(JSON.stringify(rows.at(-1)));
      }
      const { value: active, ms, cpuMs } = timed(() => solveByActiveSet(game));
      if (!active) {
        rows.push({ K, seed, method: 'active-set', certified: false, ms: Math.round(ms) });
      } else {
        rows.push({
          ...row('active-set', active.policy, ms, cpuMs),
          pivots: active.pivots,
          iterations: GUESS_ITERATIONS,
          rounds: active.rounds,
          candidates: active.candidates,
        });
      }
      log(JSON.stringify(rows.at(-1)));
    }
  }
  return rows;
}

if (argv.includes('--nash')) {
  const sizes = (flag('nash') ?? '256,512,1024').split(',').map(Number);
  const seeds = (flag('nash-seeds') ?? '1').split(',').map(Number);
  const results = nashRows(sizes, seeds, Number(flag('nash-dense-max') ?? 512));
  process.stdout.write(`${JSON.stringify(results, null, asJson ? undefined : 2)}\n`);
  process.exit(0);
}

/**
 * The tour's sampled chapter (7) in class: from opening `#tour=7` to its race on the charts, and
 * from its "Try this" (the samples per query it names) to the new race, in ms. `--tour` alone
 * runs just this.
 */
async function tourChapterBench(): Promise<Record<string, unknown>> {
  const { url, server } = await startApp();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript('globalThis.__name = (f) => f;');
    const t0 = Date.now();
    await page.goto(`${url}#tour=7`);
    // The first seeds on the charts: the preview round's race (or the whole race if it has none).
    await page.waitForFunction(
      () => window.nashStore?.getState().race?.settings.queries?.kind === 'sampled',
      undefined,
      { timeout: 600_000, polling: 20 },
    );
    const chapterFirstDrawMs = Date.now() - t0;
    const settled = () =>
      page.waitForFunction(
        () =>
          window.nashStore?.getState().race !== null &&
          !window.nashStore.getState().computing &&
          window.nashStore.getState().race!.settings.queries?.kind === 'sampled',
        undefined,
        { timeout: 600_000, polling: 20 },
      );
    await settled();
    const chapterMs = Date.now() - t0;
    const samples = Number(
      /“Samples per query” to (\d+)/.exec(
        (await page.locator('.tour-try').textContent()) ?? '',
      )?.[1],
    );
    const chapterComputeMs = await page.evaluate(() => window.nashStore.getState().race!.computeMs);
    const t1 = Date.now();
    await page.evaluate((n) => window.nashStore.getState().setSampling('samples', n), samples);
    await page.waitForFunction(
      (n) => {
        const q = window.nashStore.getState().race?.settings.queries;
        return q?.kind === 'sampled' && q.samples === n;
      },
      samples,
      { timeout: 600_000, polling: 20 },
    );
    const tryThisFirstDrawMs = Date.now() - t1;
    await page.waitForFunction(
      (n) => {
        const s = window.nashStore.getState();
        const q = s.race?.settings.queries;
        return !s.computing && q?.kind === 'sampled' && q.samples === n;
      },
      samples,
      { timeout: 600_000, polling: 20 },
    );
    const tryThisMs = Date.now() - t1;
    return {
      where: 'chromium',
      tour: 'chapter 7 (sampled preferences)',
      seeds: await page.evaluate(() => window.nashStore.getState().seeds),
      samplesTried: samples,
      chapterFirstDrawMs,
      chapterOpenMs: chapterMs,
      chapterComputeMs,
      tryThisFirstDrawMs,
      tryThisRaceMs: tryThisMs,
      tryThisComputeMs: await page.evaluate(() => window.nashStore.getState().race!.computeMs),
    };
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

if (argv.includes('--tour')) {
  process.stdout.write(
    `${JSON.stringify([await tourChapterBench()], null, asJson ? undefined : 2)}\n`,
  );
  process.exit(0);
}

if (argv.includes('--app')) {
  const results = [
    await firstLookBench(),
    await appBench('rps'),
    await appBench('random:10:1'),
    await bigRaceBench(256, 60_000),
    await bigRaceBench(1024, 180_000),
    await tourChapterBench(),
  ];
  process.stdout.write(`${JSON.stringify(results, null, asJson ? undefined : 2)}\n`);
  process.exit(0);
}

const rows: BenchRow[] = [];
if (where === 'node' || where === 'both') rows.push(...(await nodeRows()));
if (where === 'chromium' || where === 'both') rows.push(...(await chromiumRows()));
if (argv.includes('--numpy')) rows.push(...numpyRows());

log(`bench: ${rows.length} rows in ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);

/** auto against numpy float64 (one thread), side by side, per place, size and solver. */
function versusNumpy(): string[][] {
  const out: string[][] = [];
  for (const r of rows.filter((r) => r.engine === 'auto')) {
    const np = rows.find(
      (n) => n.where === 'numpy' && n.K === r.K && n.B === r.B && n.solver === r.solver,
    );
    if (!np) continue;
    out.push([
      r.where,
      r.solver,
      String(r.K),
      String(r.B),
      r.chose ?? r.backend,
      `${r.workers}×${r.threads}`,
      r.policyStepsPerSec.toExponential(2),
      np.policyStepsPerSec.toExponential(2),
      `${(r.policyStepsPerSec / np.policyStepsPerSec).toFixed(2)}×`,
    ]);
  }
  return out;
}

function table(header: string[], lines: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...lines.map(fmt)].join('\n');
}

if (asJson) process.stdout.write(`${JSON.stringify(rows)}\n`);
else {
  const header = [
    'where',
    'engine',
    'backend',
    'solver',
    'K',
    'B',
    'T',
    'workers×threads',
    'seconds',
    'policy-steps/s',
  ];
  const lines = rows.map((r) =>
    [
      r.where,
      r.engine,
      r.backend,
      r.solver,
      r.K,
      r.B,
      r.T,
      `${r.workers}×${r.threads}`,
      r.seconds.toFixed(3),
      r.policyStepsPerSec.toExponential(2),
    ].map(String),
  );
  console.log(table(header, lines));
  const vs = versusNumpy();
  if (vs.length > 0) {
    console.log(
      `\n${table(
        ['where', 'solver', 'K', 'B', 'auto chose', 'workers×threads', 'auto', 'numpy', 'ratio'],
        vs,
      )}`,
    );
  }
}
process.exit(0);
