/**
 * Presenting a tour to a room: present mode with a chapter open fits one screen at 1920 × 1080,
 * 1366 × 768 and 1280 × 720 (the slide a strip of at most a quarter of the height, every chart and
 * the legend inside the viewport with nothing to scroll, no axis label clipped, text ≥ 18 px at
 * 1920), and a clicker's keys (PageDown/PageUp, → ←, Home/End) move the slides while S steps the
 * race and Space plays. Screenshots go to test-results/screenshots/present-tour-*.png.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, useApp } from './browser';

const app = useApp();
const CHAPTERS = 7;

async function ready(page: Page): Promise<void> {
  await page.waitForFunction(
    () => window.nashStore?.getState().race !== null && !window.nashStore.getState().computing,
    undefined,
    { timeout: 120_000 },
  );
}

async function open(hash: string, viewport: { width: number; height: number }) {
  const page = await (await app.browser.newContext({ viewport })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${app.url}${hash}`);
  await ready(page);
  return { page, errors };
}

const where = (page: Page) =>
  page
    .getByRole('region', { name: 'Tour', exact: true })
    .getByText(/^Chapter \d+ of \d+$/)
    .textContent();

interface Box {
  name: string;
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** The strip, the charts, the legend and every axis label that is cut by its chart's box. */
function measure(page: Page) {
  return page.evaluate(() => {
    const box = (name: string, el: Element): Box => {
      const r = el.getBoundingClientRect();
      return { name, top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    };
    const clipped: string[] = [];
    for (const svg of document.querySelectorAll('.chart-grid svg[role="img"]')) {
      const plot = svg.closest('.plot') ?? svg;
      const frame = plot.getBoundingClientRect();
      const outer = svg.getBoundingClientRect();
      for (const text of svg.querySelectorAll('text')) {
        const r = text.getBoundingClientRect();
        if (r.width === 0 || !text.textContent?.trim()) continue;
        const inside = (f: DOMRect) =>
          r.left >= f.left - 0.5 &&
          r.right <= f.right + 0.5 &&
          r.top >= f.top - 0.5 &&
          r.bottom <= f.bottom + 0.5;
        if (!inside(frame) || !inside(outer)) clipped.push(text.textContent.trim());
      }
    }
    return {
      tour: box('tour', document.querySelector('.tour')!),
      charts: Array.from(document.querySelectorAll('.chart-grid .chart-card'), (c) =>
        box(c.querySelector('figcaption')?.textContent?.trim() ?? 'chart', c),
      ),
      legend: box('legend', document.querySelector('.charts .legend')!),
      scrollHeight: document.documentElement.scrollHeight,
      scrollWidth: document.documentElement.scrollWidth,
      clipped,
    };
  });
}

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
      // KaTeX's MathML copy is for screen readers; its visible twin is measured instead.
      if (element.closest('.visually-hidden, option, title, .katex-mathml')) continue;
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

describe('present mode with a tour chapter', () => {
  for (const [width, height] of [
    [1920, 1080],
    [1366, 768],
    [1280, 720],
  ] as const) {
    it(`${width} × ${height}: the slide is a strip, the charts and legend fit the screen`, async () => {
      const { page, errors } = await open('#tour=1', { width, height });
      await page.keyboard.press('p');
      await expect.poll(() => page.locator('.app.presenting').count()).toBe(1);
      // Chapter 1 (the shortest text) and chapter 5 (the longest) both fit.
      for (const chapter of [1, 5]) {
        for (let k = 1; k < chapter; k++) await page.keyboard.press('PageDown');
        await expect.poll(() => where(page)).toBe(`Chapter ${chapter} of ${CHAPTERS}`);
        await ready(page);
        const m = await measure(page);
        expect(m.tour.bottom - m.tour.top, 'strip height').toBeLessThanOrEqual(height / 4 + 1);
        for (const b of [...m.charts, m.legend]) {
          expect(b.top, b.name).toBeGreaterThanOrEqual(0);
          expect(b.bottom, b.name).toBeLessThanOrEqual(height);
          expect(b.right, b.name).toBeLessThanOrEqual(width);
        }
        expect(m.charts.map((c) => c.name)).toEqual(['Convergence', 'Exploitability', 'Simplex']);
        expect(m.scrollHeight, 'nothing to scroll').toBeLessThanOrEqual(height);
        expect(m.scrollWidth).toBeLessThanOrEqual(width);
        expect(m.clipped, 'clipped axis text').toEqual([]);
        // The slide's own parts are on screen: caption, text, try-this and Back/Next.
        const tour = page.getByRole('region', { name: 'Tour', exact: true });
        for (const part of [
          tour.getByRole('heading', { level: 2 }),
          tour.locator('.tour-text'),
          tour.locator('.tour-try'),
          tour.getByRole('button', { name: 'Back' }),
          tour.getByRole('button', { name: 'Next' }),
        ])
          expect(await part.isVisible()).toBe(true);
        if (width === 1920) expect(await smallText(page, 18)).toEqual([]);
        await page.screenshot({
          path: `${SCREENSHOTS}/present-tour-${chapter}-${width}x${height}.png`,
        });
      }
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});

describe('clicker keys', () => {
  it('PageDown/PageUp, → ← and Home/End move slides; S steps the race; Space plays', async () => {
    const { page, errors } = await open('#tour=2', { width: 1280, height: 720 });
    await page.keyboard.press('p');
    const state = () =>
      page.evaluate(() => {
        const s = window.nashStore.getState();
        return { index: s.tour.index, t: s.t, playing: s.playing };
      });
    // Focus on the page itself, as after a click on the projector's screen.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('PageDown');
    await expect.poll(() => where(page)).toBe('Chapter 3 of 7');
    await page.keyboard.press('PageUp');
    await expect.poll(() => where(page)).toBe('Chapter 2 of 7');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => where(page)).toBe('Chapter 3 of 7');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => where(page)).toBe('Chapter 2 of 7');
    await page.keyboard.press('Home');
    await expect.poll(() => where(page)).toBe('Chapter 1 of 7');
    // At the first slide, Back does nothing (and does not reload the chapter's experiment).
    await page.keyboard.press('PageUp');
    expect(await where(page)).toBe('Chapter 1 of 7');
    await ready(page);
    expect((await state()).t).toBe(0);
    await page.keyboard.press('s');
    await expect.poll(async () => (await state()).t).toBeGreaterThan(0);
    expect((await state()).index).toBe(0);
    await page.keyboard.press(' ');
    await expect.poll(async () => (await state()).playing).toBe(true);
    await page.keyboard.press(' ');
    await expect.poll(async () => (await state()).playing).toBe(false);
    // The hint on the page says so.
    expect(await page.locator('.tour-keys').textContent()).toMatch(/S steps the race/);
    await page.keyboard.press('End');
    await expect.poll(() => where(page)).toBe('Chapter 7 of 7');
    // Still presenting throughout; Esc leaves present mode and keeps the tour open.
    expect(await page.locator('.app.presenting').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.app.presenting').count()).toBe(0);
    expect(await where(page)).toBe('Chapter 7 of 7');
    // With no tour open, → steps the race as before.
    await page
      .getByRole('region', { name: 'Tour', exact: true })
      .getByRole('button', { name: 'Close' })
      .click();
    await ready(page);
    const before = (await state()).t;
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await state()).t).toBeGreaterThan(before);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('chapters point only at what the viewer can see', () => {
  const inView = (page: Page, selector: string) =>
    page.evaluate((selector) => {
      const el = document.querySelector(selector);
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return {
        lit: el.hasAttribute('data-spotlight'),
        visible: r.top < innerHeight && r.bottom > 0 && r.height > 0,
      };
    }, selector);

  it('the sweep map and the annotator population come into view, highlighted', async () => {
    const { page, errors } = await open('#tour=5', { width: 1280, height: 800 });
    await expect
      .poll(() => inView(page, '[data-tour-target="sweep"]'), { timeout: 60_000 })
      .toEqual({ lit: true, visible: true });
    await page.keyboard.press('PageDown');
    await expect.poll(() => where(page)).toBe('Chapter 6 of 7');
    await expect
      .poll(() => inView(page, '[data-tour-target="population"]'), { timeout: 30_000 })
      .toEqual({ lit: true, visible: true });
    expect(await page.locator('details[data-tour-target="population"]').getAttribute('open')).toBe(
      '',
    );
    // Chapter 6 says the charts follow the population only after "Apply to game".
    expect(await page.locator('.tour-try').textContent()).toContain('Apply to game');
    await page.screenshot({ path: `${SCREENSHOTS}/tour-spotlight-population-1280.png` });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('360 × 740: the tour is a strip, its text on demand; a chart and the prompt show together', async () => {
    const { page, errors } = await open('#tour=1', { width: 360, height: 740 });
    const tour = page.getByRole('region', { name: 'Tour', exact: true });
    const text = tour.locator('.tour-text');
    expect(await text.isVisible()).toBe(false);
    const heights = await page.evaluate(() => {
      const box = (s: string) => document.querySelector(s)!.getBoundingClientRect();
      const chart = box('.chart-grid svg[role="img"]');
      return {
        tour: box('.tour').height,
        tryBottom: box('.tour-try').bottom,
        chartTop: chart.top,
        chartVisible: Math.min(chart.bottom, innerHeight) - chart.top,
        chartHeight: chart.height,
      };
    });
    expect(heights.tour).toBeLessThanOrEqual(740 * 0.45);
    expect(heights.tryBottom).toBeLessThanOrEqual(740);
    expect(heights.chartVisible).toBeGreaterThanOrEqual(heights.chartHeight * 0.75);
    await page.screenshot({ path: `${SCREENSHOTS}/tour-strip-360.png` });
    await tour.getByRole('button', { name: 'Show text' }).click();
    expect(await text.isVisible()).toBe(true);
    await tour.getByRole('button', { name: 'Hide text' }).click();
    expect(await text.isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('every "Try this" is doable in present mode', () => {
  /** What each chapter's present-mode prompt asks the room to use, by accessible name. */
  const NAMED: string[][] = [
    ['Play'], // and a click in the triangle (the Simplex chart)
    ['Charts show the'],
    ['β'],
    ['Nash-MP η', 'MMD η'],
    ['β'],
    ['Play'],
    ['Samples per query'],
  ];

  it('walks every chapter at 1280 × 720 and finds each control its prompt names', async () => {
    const { page, errors } = await open('#tour=1', { width: 1280, height: 720 });
    await page.keyboard.press('p');
    await expect.poll(() => page.locator('.app.presenting').count()).toBe(1);
    const missing: string[] = [];
    for (let k = 1; k <= CHAPTERS; k++) {
      await expect.poll(() => where(page)).toBe(`Chapter ${k} of ${CHAPTERS}`);
      const prompt = (await page.locator('.tour-try').textContent()) ?? '';
      for (const name of NAMED[k - 1]!) {
        const control = page
          .getByRole(
            name === 'Play' ? 'button' : name === 'Charts show the' ? 'combobox' : 'spinbutton',
            {
              name,
              exact: true,
            },
          )
          .first();
        const box = (await control.count()) > 0 ? await control.boundingBox() : null;
        if (!box || box.y < 0 || box.y + box.height > 720)
          missing.push(`chapter ${k}: ${name} (prompt: ${prompt.slice(0, 60)})`);
      }
      // A prompt never sends the room to a panel present mode hides, except to leave it with Esc.
      for (const hidden of ['sweep map', 'cell in', 'experts’ weight'])
        if (prompt.includes(hidden) && !prompt.includes('Esc'))
          missing.push(`chapter ${k}: names the hidden ${hidden}`);
      if (k < CHAPTERS) await page.keyboard.press('PageDown');
    }
    expect(missing).toEqual([]);
    // The simplex the first chapter's prompt clicks in is on screen.
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
