import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, useApp } from './browser';

const app = useApp();

describe('the annotator-population builder in Chromium', () => {
  it('names the Condorcet cycle, follows a weight edit and applies the population to the game', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 1200 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.url);
    const cell = page.getByLabel('P(rock ≻ paper)');
    expect(await cell.inputValue()).toBe('0');

    await page.getByText('Annotator population', { exact: true }).click();
    const builder = page.getByRole('region', { name: 'Annotator population' });
    await expect
      .poll(() => builder.textContent())
      .toContain('Intransitive: Condorcet cycle rock ≻ paper ≻ scissors ≻ rock');
    const table = page.getByRole('table', { name: 'Bradley–Terry fit vs Nash equilibrium' });
    expect(await table.getByRole('row').count()).toBe(4);

    await page.getByRole('button', { name: 'Apply to game' }).click();
    // P(rock ≻ paper) of the preset's groups: (σ(1.5) + σ(−3) + σ(1.5))/3 = 0.560858…
    await expect.poll(() => cell.inputValue()).toMatch(/^0\.56085/);
    // The applied game is one of "My games" in the picker (my:<id>).
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Game', exact: true }).inputValue())
      .toMatch(/^my:/);

    await page.getByLabel('Weight of experts').fill('2');
    await expect
      .poll(() => builder.textContent())
      .toContain('Transitive: rock ≻ paper ≻ scissors; Condorcet winner rock');
    await page.getByRole('button', { name: 'Apply to game' }).click();
    await expect.poll(() => cell.inputValue()).toMatch(/^0\.62503/);

    await page.locator('details.population-details').screenshot({
      path: `${SCREENSHOTS}/annotators.png`,
    });
    expect(errors).toEqual([]);
    await page.close();
  });
});
