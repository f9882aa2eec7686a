/**
 * The page on every screen: no sideways scroll at phone, tablet, laptop and desktop sizes, charts
 * drawn at the size of their box (side by side beside the controls, or stacked the full width on
 * a phone), touch-sized controls on a phone, the race visible from the first look, present mode,
 * β = 0 typed and drawn, the legend, the engine select, the theme, and axe on the default page and
 * in present mode. Screenshots of each go to test-results/screenshots.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, useApp } from './browser';

const app = useApp();

const VIEWPORTS = [
  { width: 360, height: 740 },
  { width: 768, height: 1024 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

async function open(
  browser: Browser,
  viewport: { width: number; height: number },
  options: { colorScheme?: 'light' | 'dark' } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.url);
  await page.waitForFunction(() => window.nashStore?.getState().race !== null, undefined, {
    timeout: 120_000,
  });
  return { context, page, errors };
}

/** Horizontal overflow of the page, in px (0: no sideways scroll). */
function overflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The three main charts: their SVG's box, its width attribute and its plot box's width. */
function mainCharts(
  page: Page,
): Promise<{ title: string; svg: Box; drawn: number; plot: number }[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.chart-grid svg[role="img"]'), (svg) => {
      const r = svg.getBoundingClientRect();
      const plot = svg.closest('.plot')!.getBoundingClientRect();
      return {
        title: svg.getAttribute('aria-label')!.split(':')[0]!,
        svg: { x: r.x, y: r.y, width: r.width, height: r.height },
        drawn: Number(svg.getAttribute('width')),
        plot: plot.width,
      };
    }),
  );
}

describe('every screen', () => {
  for (const viewport of VIEWPORTS) {
    const { width, height } = viewport;
    it(`${width} × ${height}: no sideways scroll, charts sized to their boxes, the race visible at once`, async () => {
      const { context, page, errors } = await open(app.browser, viewport);
      // First look: every solver's whole race is drawn faintly from iteration 0 on.
      for (const title of ['Convergence', 'Exploitability', 'Simplex']) {
        const chart = page.locator(`.chart-grid svg[role="img"][aria-label^="${title}"]`);
        expect(await chart.locator('[data-solver]').count(), title).toBe(6);
        expect(await chart.locator('[data-ghost]').count(), title).toBe(6);
      }
      expect(await page.locator('.iteration').textContent()).toBe('Iteration 0 / 2000');
      expect(await overflow(page)).toBe(0);

      const charts = await mainCharts(page);
      expect(charts.map((c) => c.title)).toEqual(['Convergence', 'Exploitability', 'Simplex']);
      for (const c of charts.slice(0, 2)) {
        // Drawn at its box's size (not a fixed 360 px scaled up or down).
        expect(Math.abs(c.drawn - c.plot), c.title).toBeLessThanOrEqual(1);
        expect(c.svg.x + c.svg.width, c.title).toBeLessThanOrEqual(width);
      }
      const main = await page.locator('main').boundingBox();
      if (width <= 400) {
        // A phone: the charts stacked, each the width of the page.
        for (const c of charts) expect(c.svg.width, c.title).toBeGreaterThan(0.8 * width);
        expect(charts[1]!.svg.y).toBeGreaterThan(charts[0]!.svg.y + charts[0]!.svg.height);
        expect(charts[2]!.svg.y).toBeGreaterThan(charts[1]!.svg.y + charts[1]!.svg.height);
        // The first chart is on the first screen.
        expect(charts[0]!.svg.y).toBeLessThan(height / 2);
      } else {
        // The three charts on the first screen, using most of the width beside the controls.
        for (const c of charts) expect(c.svg.y + c.svg.height, c.title).toBeLessThanOrEqual(height);
        const left = Math.min(...charts.map((c) => c.svg.x));
        const right = Math.max(...charts.map((c) => c.svg.x + c.svg.width));
        expect(right - left).toBeGreaterThan(0.85 * main!.width);
      }
      if (width >= 1280) {
        // Beside the controls, which take at most a third of the page.
        const aside = (await page.locator('aside').boundingBox())!;
        expect(aside.x + aside.width).toBeLessThanOrEqual(main!.x);
        expect(aside.width).toBeLessThan(width / 3);
        expect(charts[0]!.svg.width).toBeGreaterThan(450);
      }
      await page.screenshot({ path: `${SCREENSHOTS}/layout-${width}x${height}.png` });

      // Open everything that could widen the page: the views, the population builder.
      await page.getByRole('checkbox', { name: /Sweep map/ }).check();
      await page.locator('.population-details summary').click();
      await expect
        .poll(() => page.locator('[role="img"][aria-label^="Sweep"] canvas').count(), {
          timeout: 120_000,
        })
        .toBe(6);
      expect(await overflow(page)).toBe(0);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('on a phone, every control is a touch target of at least 40 px', async () => {
    const { context, page } = await open(app.browser, { width: 360, height: 740 });
    await page.locator('.population-details summary').click();
    const small = await page.evaluate(() => {
      const out: string[] = [];
      const visible = (e: Element): boolean => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
      };
      const name = (e: Element): string =>
        (e.getAttribute('aria-label') ?? e.textContent ?? e.tagName).trim().slice(0, 40);
      for (const e of document.querySelectorAll('button, select, input, summary')) {
        if (!visible(e) && !(e instanceof HTMLInputElement && e.type === 'file')) continue;
        if (e instanceof HTMLInputElement && (e.type === 'checkbox' || e.type === 'radio')) {
          // The target is the label around it.
          const label = e.closest('label');
          if (!label || label.getBoundingClientRect().height < 40) out.push(`label of ${name(e)}`);
          continue;
        }
        if (e instanceof HTMLInputElement && e.type === 'file') {
          const label = e.closest('label')!;
          if (label.getBoundingClientRect().height < 40) out.push('Import game');
          continue;
        }
        if (e.getBoundingClientRect().height < 40) out.push(`${e.tagName} ${name(e)}`);
      }
      return out;
    });
    expect(small).toEqual([]);
    await context.close();
  });

  it('the matrix editor fits the side panel at 1280 px with six actions, "−" buttons and all', async () => {
    const { context, page } = await open(app.browser, { width: 1280, height: 800 });
    await page.evaluate(() => window.nashStore.getState().setPreset('random:6:1'));
    await expect.poll(() => page.getByRole('button', { name: /^Remove / }).count()).toBe(6);
    const editor = page.locator('.editor').first();
    const { scroll, client } = await editor.evaluate((e) => ({
      scroll: e.scrollWidth,
      client: e.clientWidth,
    }));
    expect(scroll).toBeLessThanOrEqual(client);
    const panel = (await page.locator('aside .panel').first().boundingBox())!;
    for (const button of await page.getByRole('button', { name: /^Remove / }).all()) {
      const b = (await button.boundingBox())!;
      expect(b.x + b.width).toBeLessThanOrEqual(panel.x + panel.width);
    }
    await page
      .locator('aside .panel')
      .first()
      .screenshot({ path: `${SCREENSHOTS}/editor-6.png` });
    await context.close();
  });
});

/** Text smaller than `min` px on screen: HTML by its computed size, SVG text scaled by its SVG. */
function smallText(page: Page, min: number): Promise<string[]> {
  return page.evaluate((min) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const element = node.parentElement;
      if (!text || !element) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (element.closest('.visually-hidden, option, title')) continue;
      let size = parseFloat(getComputedStyle(element).fontSize);
      const svg = element.closest('svg');
      if (svg) {
        const view = svg.viewBox.baseVal;
        if (view && view.width > 0) size *= svg.getBoundingClientRect().width / view.width;
      }
      if (size < min - 0.01) out.push(`${text.slice(0, 30)} (${size.toFixed(1)} px)`);
    }
    return out;
  }, min);
}

describe('present mode', () => {
  for (const viewport of [VIEWPORTS[2], VIEWPORTS[3]]) {
    it(`${viewport.width} × ${viewport.height}: P enters, the charts fill the screen with text ≥ 18 px, Esc leaves`, async () => {
      const { context, page } = await open(app.browser, viewport);
      const before = await mainCharts(page);
      await page.keyboard.press('p');
      await expect.poll(() => page.locator('.app.presenting').count()).toBe(1);
      // The editing panels, the chart options, the views and the exports are gone.
      expect(await page.locator('aside').count()).toBe(0);
      expect(await page.locator('.views').count()).toBe(0);
      expect(await page.getByRole('combobox', { name: 'Engine' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /^Export / }).count()).toBe(0);
      const after = await mainCharts(page);
      after.forEach((c, i) => {
        expect(c.svg.width, c.title).toBeGreaterThan(before[i]!.svg.width);
        expect(c.svg.y + c.svg.height, c.title).toBeLessThanOrEqual(viewport.height);
      });
      const right = Math.max(...after.map((c) => c.svg.x + c.svg.width));
      const left = Math.min(...after.map((c) => c.svg.x));
      expect(right - left).toBeGreaterThan(0.85 * viewport.width);
      expect(await smallText(page, 18)).toEqual([]);
      expect(await overflow(page)).toBe(0);
      await page.screenshot({
        path: `${SCREENSHOTS}/present-${viewport.width}x${viewport.height}.png`,
      });
      // Playing still works; Esc leaves from a focused control too.
      await page.getByRole('button', { name: 'Play' }).click();
      await page.getByRole('button', { name: 'Pause' }).focus();
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('.app.presenting').count()).toBe(0);
      expect(await page.locator('aside').count()).toBe(1);
      // The button does the same as P.
      await page.getByRole('button', { name: 'Present', exact: true }).click();
      await expect.poll(() => page.locator('.app.presenting').count()).toBe(1);
      await page.getByRole('button', { name: 'Exit presentation' }).click();
      await expect.poll(() => page.locator('.app.presenting').count()).toBe(0);
      await context.close();
    });
  }
});

describe('β = 0', () => {
  it('typed into the β field: the charts say KL(π*₀ ‖ π_t) and draw the race at β = 0', async () => {
    const { context, page, errors } = await open(app.browser, { width: 1280, height: 800 });
    const field = page.getByRole('spinbutton', { name: 'β' });
    await field.fill('0');
    await field.press('Enter');
    await page.waitForFunction(
      () =>
        window.nashStore.getState().race?.settings.beta === 0 &&
        !window.nashStore.getState().computing,
      undefined,
      { timeout: 120_000 },
    );
    expect(await page.getByRole('slider', { name: 'β' }).getAttribute('aria-valuetext')).toBe(
      'β = 0, unregularized',
    );
    await page.evaluate(() => window.nashStore.getState().seek(2000));
    const convergence = page.locator('.chart-grid svg[aria-label^="Convergence"]');
    const label = (await convergence.getAttribute('aria-label'))!;
    expect(label).toMatch(
      /^Convergence: KL\(π\*₀‖π_t\), last iterate, log scale \(π\*₀ is the unique β = 0 equilibrium\)/,
    );
    expect(await convergence.locator('.axis-label').allTextContents()).toContain('KL(π*₀ ‖ π_t)');
    // Extragradient converges in the last iterate at β = 0; multiplicative weights cycle.
    const value = (name: string): number =>
      Number(new RegExp(`${name.replace(/[/]/g, '\\/')} ([^;,]+)`).exec(label)![1]);
    expect(value('Nash-MP')).toBeLessThan(1e-8);
    expect(value('SPPO / MWU')).toBeGreaterThan(1e-2);
    for (const path of await convergence.locator('path[data-solver]').all())
      expect((await path.getAttribute('d'))!.split('L').length).toBeGreaterThan(100);
    const gap = page.locator('.chart-grid svg[aria-label^="Exploitability"]');
    expect(await gap.getAttribute('aria-label')).toMatch(/^Exploitability: duality gap/);
    await page.screenshot({ path: `${SCREENSHOTS}/beta0-rps.png` });

    // The running average converges for MWU too, and the slider's far left is β = 0.
    await page.locator('select').filter({ hasText: 'running average' }).selectOption('average');
    await expect
      .poll(async () => (await convergence.getAttribute('aria-label'))!)
      .toMatch(/KL\(π\*₀‖π̄_t\), running average/);
    const mwu = Number(
      /SPPO \/ MWU ([^;,]+)/.exec((await convergence.getAttribute('aria-label'))!)![1],
    );
    expect(mwu).toBeLessThan(value('SPPO / MWU'));
    await field.fill('0.5');
    await field.press('Enter');
    await page.getByRole('slider', { name: 'β' }).press('Home');
    await expect.poll(() => page.evaluate(() => window.nashStore.getState().beta)).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the legend, the engine and the theme', () => {
  it('a legend click isolates a solver in every chart; a second click restores them', async () => {
    const { context, page } = await open(app.browser, { width: 1280, height: 800 });
    const inpo = page.getByRole('button', { name: 'INPO', exact: true });
    await inpo.click();
    expect(await inpo.getAttribute('aria-pressed')).toBe('true');
    for (const title of ['Convergence', 'Exploitability', 'Simplex']) {
      const chart = page.locator(`.chart-grid svg[aria-label^="${title}"]`);
      expect(await chart.locator('[data-solver][data-muted]').count(), title).toBe(5);
      expect(await chart.locator('[data-solver="inpo"][data-muted]').count(), title).toBe(0);
    }
    expect(
      await page.locator('.chart-grid svg[aria-label^="Convergence"]').getAttribute('aria-label'),
    ).toMatch(/\. INPO [^;]+$/);
    await page.screenshot({ path: `${SCREENSHOTS}/legend-isolated.png` });
    await inpo.click();
    expect(await inpo.getAttribute('aria-pressed')).toBe('false');
    expect(await page.locator('.chart-grid [data-muted]').count()).toBe(0);
    await context.close();
  });

  it('the Engine select forces an engine, travels in the share link, and the adapter is named', async () => {
    const { context, page } = await open(app.browser, { width: 1280, height: 800 });
    const engine = page.getByRole('combobox', { name: 'Engine', exact: true });
    expect(await engine.locator('option').allTextContents()).toEqual([
      'auto',
      'WebGPU kernels',
      'tfjs',
      'float64 reference',
    ]);
    await expect.poll(() => page.locator('.adapter').textContent()).toMatch(/WebGPU \(/);
    // A short race: the per-op tfjs engine is slow on a software GPU.
    const budget = page.getByRole('spinbutton', { name: 'Iterations' });
    await budget.fill('200');
    await budget.press('Enter');
    await engine.selectOption({ label: 'tfjs' });
    await page.waitForFunction(
      () => window.nashStore.getState().race?.engine === 'tfjs',
      undefined,
      {
        timeout: 120_000,
      },
    );
    expect(await page.locator('.engine').textContent()).toMatch(/^tfjs · /);
    await page.getByRole('button', { name: 'Share link' }).click();
    await expect.poll(() => page.url()).toContain('#s=v1.');
    const link = page.url();
    await engine.selectOption({ label: 'float64 reference' });
    await page.waitForFunction(
      () => window.nashStore.getState().race?.engine === 'reference',
      undefined,
      { timeout: 120_000 },
    );
    const other = await context.newPage();
    await other.goto(link);
    await other.waitForFunction(() => window.nashStore?.getState().race !== null, undefined, {
      timeout: 120_000,
    });
    expect(await other.getByRole('combobox', { name: 'Engine', exact: true }).inputValue()).toBe(
      'tfjs',
    );
    await context.close();
  });

  it('the theme follows the system until toggled; the toggle is kept by the browser, not the link', async () => {
    const { context, page } = await open(
      app.browser,
      { width: 1280, height: 800 },
      { colorScheme: 'dark' },
    );
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const toggle = page.getByRole('button', { name: 'Dark theme' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await page.screenshot({ path: `${SCREENSHOTS}/dark-1280x800.png` });
    await toggle.click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.reload();
    await page.waitForFunction(() => window.nashStore?.getState().race !== null);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.getByRole('button', { name: 'Share link' }).click();
    await expect.poll(() => page.url()).toContain('#s=v1.');
    // A fresh browser with a dark system theme opens the link dark.
    const fresh = await app.browser.newContext({ colorScheme: 'dark' });
    const reader = await fresh.newPage();
    await reader.goto(page.url());
    expect(await reader.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await fresh.close();
    await context.close();
  });
});

describe('axe', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`no serious or critical violations on the default page and in present mode (${colorScheme})`, async () => {
      const { context, page } = await open(
        app.browser,
        { width: 1280, height: 800 },
        { colorScheme },
      );
      const serious = async (): Promise<string[]> => {
        const { violations } = await new AxeBuilder({ page }).analyze();
        return violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      };
      expect(await serious()).toEqual([]);
      await page.keyboard.press('p');
      await expect.poll(() => page.locator('.app.presenting').count()).toBe(1);
      expect(await serious()).toEqual([]);
      await context.close();
    });
  }
});
