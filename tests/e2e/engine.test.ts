/** The engines in headless Chromium: kernels against float64, worker responsiveness, cancellation. */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SOLVER_IDS } from '../../src/core/solvers';
import { useApp } from './browser';

const app = useApp();
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  page = await app.browser.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${app.url}tests/e2e/probes/index.html`);
  await page.waitForFunction(() => window.nashProbes?.ready === true);
});

type Check = { game: string; engine: string; backend: string; fallback: unknown; gaps: number[] }[];

describe('engines in Chromium (engine worker)', () => {
  it('has a WebGPU adapter (SwiftShader here)', async () => {
    const info = await page.evaluate(() => window.nashProbes.adapter());
    expect(info?.label).toMatch(/^WebGPU \(/);
  });

  it('fused WebGPU kernels: every solver within 1e-4 of float64 after 1,000 steps on three games', async () => {
    const check: Check = await page.evaluate(() => window.nashProbes.engineCheck('fused'));
    expect(check).toHaveLength(3);
    for (const row of check) {
      expect(row.engine).toBe('fused');
      expect(row.backend).toBe('webgpu');
      expect(row.fallback).toBeNull();
      expect(row.gaps).toHaveLength(SOLVER_IDS.length);
      for (const g of row.gaps) expect(g).toBeLessThan(1e-4);
    }
  });

  it('tfjs per-op engine on wasm: every solver within 1e-4 on three games', async () => {
    const check: Check = await page.evaluate(() => window.nashProbes.engineCheck('tfjs', ['wasm']));
    for (const row of check) {
      expect(row.backend).toBe('wasm');
      for (const g of row.gaps) expect(g).toBeLessThan(1e-4);
    }
  });

  it('the page is cross-origin isolated, and tfjs on the threaded wasm build agrees with float64', async () => {
    const iso = await page.evaluate(() => window.nashProbes.isolation());
    expect(iso.isolated).toBe(true);
    // A worker asking for a thread per core (2 to 8) runs the threaded build; it used to hang.
    const check: (Check[number] & { threads: number })[] = await page.evaluate(() =>
      window.nashProbes.engineCheck('tfjs', ['wasm'], ['rps', 'random:10:3'], 1000, true),
    );
    for (const row of check) {
      expect(row.backend).toBe('wasm');
      expect(row.threads).toBe(Math.min(8, Math.max(2, iso.cores)));
      for (const g of row.gaps) expect(g).toBeLessThan(1e-4);
    }
  });

  // Per-op tfjs on SwiftShader's GPU emulation pays ~1 ms per op: a shorter run keeps this quick.
  for (const backend of ['webgl', 'webgpu'] as const) {
    it(`tfjs per-op engine on ${backend}: every solver within 1e-4 (RPS, 40 steps)`, async () => {
      const check: Check = await page.evaluate(
        (b) => window.nashProbes.engineCheck('tfjs', [b], ['rps'], 40),
        backend,
      );
      for (const row of check) {
        expect(row.engine).toBe('tfjs');
        expect(row.backend).toBe(backend);
        for (const g of row.gaps) expect(g).toBeLessThan(1e-4);
      }
    });
  }

  it('auto picks an engine that really ran and agrees with float64', async () => {
    const check: Check = await page.evaluate(() => window.nashProbes.engineCheck('auto'));
    for (const row of check) {
      expect(['reference', 'tfjs', 'fused']).toContain(row.engine);
      for (const g of row.gaps) expect(g).toBeLessThan(1e-4);
    }
  });

  it('the page keeps painting while the worker runs, and progress streams', async () => {
    const r = await page.evaluate(() => window.nashProbes.responsiveness('reference'));
    expect(r.progress).toBe(21);
    // At least one frame per 100 ms of work: the main thread never blocks.
    expect(r.frames).toBeGreaterThan(r.ms / 100);
  });

  it('a run is cancellable', async () => {
    for (const engine of ['reference', 'fused'] as const) {
      const r = await page.evaluate((e) => window.nashProbes.cancellation(e), engine);
      expect(r.cancelled).toBe(true);
    }
  });

  it('threw no page errors', () => {
    expect(errors).toEqual([]);
  });
});

describe('engine pool (one worker per core)', () => {
  it('shards a large batch over the workers and merges it back in member order', async () => {
    const r = await page.evaluate(() => window.nashProbes.poolCheck());
    expect(r.workers).toBe(Math.min(4, await page.evaluate(() => navigator.hardwareConcurrency)));
    expect(r.B).toBe(600);
    expect(r.gap).toBeLessThan(1e-4);
    expect(r.metricGap).toBeLessThan(1e-4);
  });
});
