import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, useApp } from './browser';

const app = useApp();

describe('the app in Debian Chromium (--enable-unsafe-webgpu)', () => {
  it('loads the default game, plays the race and draws one line per selected solver in every chart', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(app.url);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Nash Playground');
    expect(await page.getByRole('combobox', { name: 'Game', exact: true }).inputValue()).toBe(
      'rps',
    );
    const selected = await page.getByRole('checkbox', { checked: true }).count();
    expect(selected).toBe(6);

    const play = page.getByRole('button', { name: 'Play' });
    await expect.poll(() => play.isEnabled()).toBe(true);
    await play.click();
    await expect.poll(() => page.getByRole('button', { name: 'Pause' }).count()).toBe(1);
    await expect
      .poll(async () =>
        Number((await page.locator('.iteration').textContent())!.match(/Iteration (\d+)/)![1]),
      )
      .toBeGreaterThan(200);

    for (const title of ['Convergence', 'Exploitability', 'Simplex']) {
      const chart = page.locator(`svg[role="img"][aria-label^="${title}"]`);
      expect(await chart.count()).toBe(1);
      expect(await chart.locator('[data-solver]').count()).toBe(selected);
    }
    // Nash-MP converges: its KL line reaches far down the log axis.
    const label = await page.locator('svg[aria-label^="Convergence"]').getAttribute('aria-label');
    const nashMp = Number(label!.match(/Nash-MP ([^;,]+)[;,]/)![1]);
    expect(nashMp).toBeLessThan(1e-8);
    const sppo = Number(label!.match(/SPPO \/ MWU ([^;,]+)/)![1]);
    expect(sppo).toBeGreaterThan(1e-3); // ignores β: its last iterate does not converge

    await page.screenshot({ path: `${SCREENSHOTS}/app-playing.png` });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keyboard: space pauses and plays, → steps, R resets', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(app.url);
    await expect.poll(() => page.getByRole('button', { name: 'Play' }).isEnabled()).toBe(true);
    const iteration = async (): Promise<number> =>
      Number((await page.locator('.iteration').textContent())!.match(/Iteration (\d+)/)![1]);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(iteration).toBe(2);
    await page.keyboard.press('r');
    await expect.poll(iteration).toBe(0);
    await page.keyboard.press(' ');
    await expect.poll(() => page.getByRole('button', { name: 'Pause' }).count()).toBe(1);
    await page.keyboard.press(' ');
    await expect.poll(() => page.getByRole('button', { name: 'Play' }).count()).toBe(1);
    await page.close();
  });

  it('a 5-action preset: pick three actions for the simplex, and see all five over time', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(app.url);
    await page.getByRole('combobox', { name: 'Game', exact: true }).selectOption('rpsls');
    const areas = page.locator('svg[role="img"][aria-label^="Policy over time"]');
    await expect.poll(() => areas.count()).toBe(1);
    expect(await areas.locator('path').count()).toBe(5);
    expect(await page.locator('svg[aria-label^="Convergence"] [data-solver]').count()).toBe(6);
    const simplex = page.locator('svg[role="img"][aria-label^="Simplex"]');
    expect(await simplex.locator('text.vertex').allTextContents()).toEqual([
      'rock',
      'paper',
      'scissors',
    ]);
    await page.getByRole('combobox', { name: 'Simplex vertex 3' }).selectOption({ label: 'Spock' });
    await expect
      .poll(() => simplex.locator('text.vertex').allTextContents())
      .toEqual(['rock', 'paper', 'Spock']);
    await page.getByRole('button', { name: 'Play' }).click();
    const iteration = async (): Promise<number> =>
      Number((await page.locator('.iteration').textContent())!.match(/Iteration (\d+)/)![1]);
    await expect.poll(iteration).toBeGreaterThan(300);
    await page.screenshot({ path: `${SCREENSHOTS}/app-rpsls.png`, fullPage: true });
    await page.close();
  });
});

describe('the matrix editor', () => {
  it('mirrors P[j][i], and an invalid value shows its reason while the race keeps running', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(app.url);
    await expect.poll(() => page.getByRole('button', { name: 'Play' }).isEnabled()).toBe(true);
    const cell = page.getByRole('textbox', { name: 'P(rock ≻ paper)' });
    const mirror = page.getByRole('textbox', { name: 'P(paper ≻ rock)' });
    await cell.fill('0.3');
    await expect.poll(() => mirror.inputValue()).toBe('0.7');
    // An edited game is one of "My games" in the picker (my:<id>), kept when another is picked.
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Game', exact: true }).inputValue())
      .toMatch(/^my:/);

    await page.getByRole('button', { name: 'Play' }).click();
    const scissors = page.getByRole('textbox', { name: 'P(rock ≻ scissors)' });
    await scissors.fill('2');
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'P(rock ≻ scissors) is 2' }).count())
      .toBe(1);
    expect(await scissors.getAttribute('aria-invalid')).toBe('true');
    const iteration = async (): Promise<number> =>
      Number((await page.locator('.iteration').textContent())!.match(/Iteration (\d+)/)![1]);
    const before = await iteration();
    await expect.poll(iteration).toBeGreaterThan(before);
    await page.screenshot({ path: `${SCREENSHOTS}/app-invalid-cell.png` });
    await page.close();
  });
});

describe('chart toggles and readouts', () => {
  it('switches the exploitability chart to the running average and shows a hover readout', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(app.url);
    await expect.poll(() => page.getByRole('button', { name: 'Play' }).isEnabled()).toBe(true);
    for (let k = 0; k < 50; k++) await page.keyboard.press('ArrowRight');
    await page
      .getByRole('combobox', { name: /Exploitability chart shows/ })
      .first()
      .selectOption('exploitability');
    const chart = page.locator('svg[role="img"][aria-label^="Exploitability"]');
    await expect
      .poll(() => chart.getAttribute('aria-label'))
      .toMatch(/^Exploitability: exploitability of the last iterate/);
    await page.locator('select').filter({ hasText: 'running average' }).selectOption('average');
    await expect.poll(() => chart.getAttribute('aria-label')).toMatch(/of the running average/);
    const box = (await chart.locator('[data-hover-target]').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.02, box.y + box.height / 2);
    await expect.poll(() => chart.locator('.readout text').count()).toBe(7);
    expect(await chart.locator('.readout text').first().textContent()).toMatch(/^iterations \d+$/);
    // The running average applies to both charts; the proven rates bound the last iterate only.
    const convergence = page.locator('svg[role="img"][aria-label^="Convergence"]');
    expect(await convergence.getAttribute('aria-label')).toMatch(/running average/);
    const overlays = convergence.locator('[data-overlay]');
    expect(await overlays.count()).toBe(0);
    await page.locator('select').filter({ hasText: 'running average' }).selectOption('last');
    await expect.poll(() => overlays.count()).toBeGreaterThanOrEqual(3);
    await page.close();
  });
});
