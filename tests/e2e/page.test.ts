import type { Browser } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, SCREENSHOTS, startApp } from './browser';

let browser: Browser;
let server: PreviewServer;
let url: string;

beforeAll(async () => {
  ({ url, server } = await startApp());
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => server?.httpServer.close(() => resolve()));
});

describe('the built page in Debian Chromium (--enable-unsafe-webgpu)', () => {
  it('loads the default game, runs every registered solver and finds a WebGPU adapter', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(url);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Nash Playground');
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toContain(
      'Rock–paper–scissors',
    );

    const rows = page.locator('table[aria-label="Solver results"] tr[data-solver]');
    expect(await rows.count()).toBe(11);
    // Nash-MP reaches the uniform equilibrium of RPS to machine precision in 1,000 iterations.
    const kl = await page.locator('tr[data-solver="nash-mp"] [data-metric="klToNE"]').textContent();
    expect(Number(kl)).toBeLessThan(1e-12);
    expect(await page.getByTestId('equilibrium').textContent()).toContain(
      '(0.3333, 0.3333, 0.3333)',
    );

    await expect
      .poll(() => page.getByTestId('webgpu').textContent(), { timeout: 20_000 })
      .not.toContain('checking');
    const gpu = await page.getByTestId('webgpu').textContent();
    expect(gpu).toMatch(/^WebGPU: (?!not available|no adapter)/);
    expect(await page.evaluate(() => 'gpu' in navigator)).toBe(true);

    await page.screenshot({ path: `${SCREENSHOTS}/default-page.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
