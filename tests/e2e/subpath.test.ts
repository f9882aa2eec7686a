/**
 * One click to open: the built site served as plain files under /nash-playground/ (as GitHub
 * Pages serves a fork, without COOP/COEP headers): the engine worker, cross-origin isolation by
 * the bundled coi-serviceworker, the tfjs wasm binaries, a preset and a share link all work from
 * the sub-path, and nothing is requested outside it.
 */
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS, launchChromium } from './browser';
import { serveStatic, type StaticSite } from './staticServer';

const PREFIX = 'nash-playground';
let site: StaticSite;
let browser: Browser;

beforeAll(async () => {
  // As startApp builds it: the app, the bench page and the engine probes' page.
  await build({
    logLevel: 'error',
    build: {
      outDir: 'dist',
      rollupOptions: {
        input: {
          main: 'index.html',
          bench: 'bench.html',
          probes: 'tests/e2e/probes/index.html',
        },
      },
    },
  });
  site = await serveStatic('dist', PREFIX);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/**
 * The app ready: isolated (after the service worker's one reload, which replaces the page's
 * context, hence polling) and its first race in.
 */
async function ready(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page
          .evaluate(() => crossOriginIsolated && window.nashStore?.getState().race != null)
          .catch(() => false),
      { timeout: 120_000 },
    )
    .toBe(true);
}

describe(`the static build under /${PREFIX}/`, () => {
  it('runs the race in the worker, switches presets and opens its own share link', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(site.url);
    await ready(page);
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
    await ready(other);
    expect(await other.getByRole('combobox', { name: 'Game', exact: true }).inputValue()).toBe(
      'weighted-rps',
    );
    await fresh.close();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is cross-origin isolated by its service worker and loads the tfjs wasm binaries from the sub-path', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The service worker adds COOP/COEP after one reload, which the static server cannot send.
    await page.goto(`${site.url}tests/e2e/probes/index.html`);
    await expect
      .poll(
        () =>
          page
            .evaluate(() => window.nashProbes?.ready === true && crossOriginIsolated)
            .catch(() => false),
        { timeout: 120_000 },
      )
      .toBe(true);
    const rows = await page.evaluate(() =>
      window.nashProbes.engineCheck('tfjs', ['wasm'], ['rps'], 100),
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.backend).toBe('wasm');
    expect(site.requests.some((p) => p.startsWith(`/${PREFIX}/`) && p.endsWith('.wasm'))).toBe(
      true,
    );
    expect(site.requests).toContain(`/${PREFIX}/coi-serviceworker.js`);
    // Every file either page asked for lives under the sub-path.
    expect(site.requests.filter((p) => !p.startsWith(`/${PREFIX}/`))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
