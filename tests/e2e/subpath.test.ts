/**
 * One click to open: the built site served as plain files under /nash-playground/ (as GitHub
 * Pages serves a fork): the engine worker, the tfjs wasm binaries, a preset and a share link all
 * work from the sub-path, and nothing is requested outside it.
 */
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS, launchChromium } from './browser';
import { serveStatic, type StaticSite } from './staticServer';

const PREFIX = 'nash-playground';
let site: StaticSite;
let browser: Browser;

beforeAll(async () => {
  await build({ logLevel: 'error', build: { outDir: 'dist' } });
  site = await serveStatic('dist', PREFIX);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe(`the static build under /${PREFIX}/`, () => {
  it('runs the race in the worker, switches presets and opens its own share link', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(site.url);
    await page.waitForFunction(() => window.nashStore?.getState().race !== null, undefined, {
      timeout: 120_000,
    });
    expect(await page.locator('.engine').textContent()).toMatch(/^reference · float64 · \d+ ms/);
    await page.getByRole('combobox', { name: 'Game', exact: true }).selectOption('weighted-rps');
    await page.waitForFunction(
      () => window.nashStore.getState().race?.settings.game.name === 'Weighted rock–paper–scissors',
      undefined,
      { timeout: 120_000 },
    );
    await page.getByRole('button', { name: 'Share link' }).click();
    await expect.poll(() => page.url()).toMatch(new RegExp(`/${PREFIX}/#s=v1\\.`));
    const link = page.url();
    await page.screenshot({ path: `${SCREENSHOTS}/subpath.png` });

    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(link);
    await other.waitForFunction(() => window.nashStore?.getState().race !== null, undefined, {
      timeout: 120_000,
    });
    expect(await other.getByRole('combobox', { name: 'Game', exact: true }).inputValue()).toBe(
      'weighted-rps',
    );
    await fresh.close();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('loads the tfjs wasm binaries from the sub-path (the bench page runs tfjs on wasm)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${site.url}bench.html`);
    await page.waitForFunction(() => window.nashBench?.ready === true, undefined, {
      timeout: 120_000,
    });
    const rows = await page.evaluate(() =>
      window.nashBench.engineCheck('tfjs', ['wasm'], ['rps'], 100),
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.backend).toBe('wasm');
    expect(site.requests.some((p) => p.startsWith(`/${PREFIX}/`) && p.endsWith('.wasm'))).toBe(
      true,
    );
    // Every file either page asked for lives under the sub-path.
    expect(site.requests.filter((p) => !p.startsWith(`/${PREFIX}/`))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
