/** Games from comparisons in Chromium: a vote file imported, its bootstrap in workers, a bad file. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApp, SCREENSHOTS, useApp } from './browser';

const app = useApp();

describe('games from comparisons', () => {
  it('imports votes, marks what they cannot say, and shows the bootstrap’s uncertainty', async () => {
    const { page, errors } = await openApp(app);
    await page.getByLabel('Import game').setInputFiles({
      name: 'world-cup-winners.csv',
      mimeType: 'text/csv',
      buffer: readFileSync('docs/data/world-cup-winners.csv'),
    });
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Label of action 1' }).inputValue())
      .toBe('Brazil');
    await page.getByRole('checkbox', { name: 'Bootstrap uncertainty from the votes' }).check();
    const region = page.getByRole('region', { name: 'Uncertainty from the votes' });
    await expect
      .poll(() => region.locator('.majority').textContent(), { timeout: 120_000 })
      .toMatch(/holds in \d+ % of resamples/);
    const bars = region.getByRole('img', { name: /^Equilibria with bootstrap intervals/ });
    expect(await bars.getAttribute('aria-label')).toMatch(
      /Brazil \d+\.\d % \[\d+\.\d %, \d+\.\d %\]/,
    );
    expect(await region.locator('.compute-info').textContent()).toMatch(
      /by bootstrap \(float64 × \d workers\)/,
    );
    await region.screenshot({ path: `${SCREENSHOTS}/comparisons-uncertainty.png` });

    // A vote file with a self-comparison is refused with its row; the game stays.
    await page.getByLabel('Import game').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('a,b,winner\nx,y,x\nx,x,x\n'),
    });
    await expect
      .poll(() =>
        page.getByRole('alert').filter({ hasText: 'bad.csv was not imported' }).textContent(),
      )
      .toMatch(/row 3/);
    expect(await page.getByRole('textbox', { name: 'Label of action 1' }).inputValue()).toBe(
      'Brazil',
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});
