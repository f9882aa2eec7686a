/**
 * Sampled preference queries in the app: the query-model controls, 256 seeds per solver with the
 * median and interquartile band on the charts, refused input, and recomputation on a change of n.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, SCREENSHOTS, useApp } from './browser';

const app = useApp();

const chart = (page: Page, title: string) => page.locator(`[role="img"][aria-label^="${title}"]`);

/** Moves the playback cursor to the end, so that the whole race is drawn. */
const toEnd = (page: Page) =>
  page.evaluate(() => {
    const store = (
      window as unknown as {
        nashStore: { setState(s: { t: number }): void; getState(): { budget: number } };
      }
    ).nashStore;
    store.setState({ t: store.getState().budget });
  });

describe('sampled preference queries', () => {
  it('n = 20: one band per solver over 256 seeds; bad n is refused; a new n recomputes', async () => {
    const { page, errors } = await openApp(app);
    const solvers = await page.locator('.legend li[data-solver]').count();
    expect(solvers).toBe(6);
    await page.getByRole('combobox', { name: 'Query model' }).selectOption('sampled');
    const samples = page.getByRole('spinbutton', { name: 'Samples per query' });
    const t0 = Date.now();
    await expect.poll(() => samples.inputValue()).toBe('20');
    await samples.fill('20');
    await samples.press('Enter');
    const convergence = chart(page, 'Convergence');
    await expect
      .poll(() => convergence.getAttribute('aria-label'), { timeout: 120_000 })
      .toMatch(/median and interquartile range over 256 seeds \(n = 20 comparisons per query\)/);
    const wall = Date.now() - t0;
    const info = await page.locator('.engine').textContent();
    console.log(
      `sampled race, 6 solvers × 256 seeds × 2,000 iterations, n = 20: ${wall} ms wall; ${info}`,
    );
    expect(info).toMatch(/256 seeds × 6 · every 4th iteration kept · 37\.\d MB/);
    expect(await convergence.locator('[data-band]').count()).toBe(solvers);
    expect(await chart(page, 'Exploitability').locator('[data-band]').count()).toBe(solvers);
    expect(await chart(page, 'Exploitability').getAttribute('aria-label')).toMatch(
      /median and interquartile range over 256 seeds/,
    );
    // No proven-rate overlay under sampled queries; the simplex says whose trajectory it shows.
    expect(await convergence.locator('[data-overlay]').count()).toBe(0);
    expect(await chart(page, 'Simplex').getAttribute('aria-label')).toMatch(
      /seed 0 \(first of 256\)/,
    );
    await toEnd(page);
    const before = await convergence.getAttribute('aria-label');
    expect(before).toMatch(/Nash-MP \d\.\d\de-\d+/);
    // Hovering reads each solver's median and its interquartile range.
    const box = (await convergence.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
    await expect.poll(() => convergence.locator('.readout text').count()).toBe(solvers + 1);
    expect(await convergence.locator('.readout text').nth(1).textContent()).toMatch(
      /^Nash-MP: \d\.\d\de-\d+ \(IQR \d\.\d\de-\d+–\d\.\d\de-\d+\)$/,
    );
    await page.mouse.move(0, 0);

    // A refused value says why next to the field; the n = 20 race stays.
    await samples.fill('0');
    await samples.press('Enter');
    await expect
      .poll(() => page.getByRole('alert').allTextContents())
      .toContain('samples must be an integer in [1, 10000], got 0; keeping samples = 20');
    expect(await samples.getAttribute('aria-invalid')).toBe('true');
    expect(await convergence.getAttribute('aria-label')).toBe(before);
    await page
      .locator('.solvers-panel, section[aria-labelledby="solvers-heading"]')
      .first()
      .screenshot({ path: `${SCREENSHOTS}/sampled-controls.png` });

    // n = 50 recomputes: the label and the numbers change.
    await samples.fill('50');
    await samples.press('Enter');
    await expect
      .poll(() => convergence.getAttribute('aria-label'), { timeout: 120_000 })
      .toMatch(/\(n = 50 comparisons per query\)/);
    expect(await page.getByRole('alert').count()).toBe(0);
    await toEnd(page);
    await expect.poll(() => convergence.getAttribute('aria-label')).not.toBe(before);
    expect(await convergence.locator('[data-band]').count()).toBe(solvers);
    await page.screenshot({ path: `${SCREENSHOTS}/sampled.png`, fullPage: true });
    await page.locator('.chart-row').screenshot({ path: `${SCREENSHOTS}/sampled-charts.png` });

    // The query model travels in the share link: a new page opens with it.
    await page.getByRole('button', { name: 'Share link' }).click();
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toMatch(/^#s=v1\./);
    const other = await app.browser.newPage();
    await other.goto(`${app.url}${hash}`);
    await expect
      .poll(() => other.getByRole('combobox', { name: 'Query model' }).inputValue())
      .toBe('sampled');
    expect(await other.getByRole('spinbutton', { name: 'Samples per query' }).inputValue()).toBe(
      '50',
    );
    await other.close();
    expect(errors).toEqual([]);
    await page.close();
  });
});
