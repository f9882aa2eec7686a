/**
 * The tour and lessons in Chromium: the Tour button, Next/Back and arrow keys, `#tour=N` deep
 * links, a recorded lesson opened from its `#lesson=` link in a fresh browser context, the tour by
 * keyboard alone, axe on every chapter, and screenshots of the panel on a laptop and a phone.
 */
import AxeBuilder from '@axe-core/playwright';
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

async function open(hash = '', viewport = { width: 1280, height: 800 }) {
  // A page of its own context: axe needs one (and each test starts without autosave).
  const page = await (await app.browser.newContext({ viewport })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${app.url}${hash}`);
  await ready(page);
  return { page, errors };
}

const region = (page: Page, name = 'Tour') => page.getByRole('region', { name, exact: true });
const where = (page: Page, name = 'Tour') =>
  region(page, name)
    .getByText(/^(Chapter|Slide) \d+ of \d+$/)
    .textContent();
const caption = (page: Page, name = 'Tour') =>
  region(page, name).getByRole('heading', { level: 2 }).textContent();
const store = <T>(page: Page, pick: string): Promise<T> =>
  page.evaluate((pick) => {
    const s = window.nashStore.getState() as unknown as Record<string, unknown>;
    return pick.split(',').map((k) => s[k]);
  }, pick) as Promise<T>;

describe('the tour', () => {
  it('the Tour button opens chapter 1 with its experiment on the live page', async () => {
    const { page, errors } = await open();
    await page.getByRole('button', { name: 'Tour', exact: true }).click();
    await expect.poll(() => where(page)).toBe(`Chapter 1 of ${CHAPTERS}`);
    expect(await caption(page)).toBe('Rock, paper, scissors');
    expect(await store(page, 'presetId,beta,solvers')).toEqual(['rps', 0.1, ['mmd']]);
    expect(new URL(page.url()).hash).toBe('#tour=1');
    await ready(page);
    const chart = page.locator('svg[role="img"][aria-label^="Convergence"]');
    expect(await chart.locator('[data-solver]').count()).toBe(1);
    // KaTeX typeset the formulas (with MathML for screen readers).
    expect(await region(page).locator('.katex math').count()).toBeGreaterThanOrEqual(3);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('Next, Back and the arrow keys change chapters; the arrows leave the race alone', async () => {
    const { page } = await open();
    await page.getByRole('button', { name: 'Tour', exact: true }).click();
    await region(page).getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => where(page)).toBe('Chapter 2 of 7');
    expect(await caption(page)).toBe('Multiplicative weights cycle');
    expect(await page.getByRole('spinbutton', { name: 'β' }).inputValue()).toBe('0');
    await region(page).getByRole('button', { name: 'Back', exact: true }).click();
    await expect.poll(() => where(page)).toBe('Chapter 1 of 7');

    await region(page).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => where(page)).toBe('Chapter 3 of 7');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => where(page)).toBe('Chapter 2 of 7');
    expect(await store(page, 't,playing')).toEqual([0, false]);
    expect(new URL(page.url()).hash).toBe('#tour=2');
    await page.context().close();
  });

  it('#tour=3 opens chapter 3 with its state applied', async () => {
    const { page, errors } = await open('#tour=3');
    await expect.poll(() => where(page)).toBe('Chapter 3 of 7');
    expect(await caption(page)).toBe('KL regularization: converge, but elsewhere');
    expect(await page.getByRole('combobox', { name: 'Game', exact: true }).inputValue()).toBe(
      'weighted-rps',
    );
    expect(await page.getByRole('spinbutton', { name: 'β' }).inputValue()).toBe('0.1');
    expect(await page.getByRole('checkbox', { name: /MMD/ }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /SPPO/ }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { checked: true }).count()).toBe(2);
    expect(
      await page.getByRole('combobox', { name: /Exploitability chart shows/ }).inputValue(),
    ).toBe('exploitability');
    // What chapter 3 says, on the drawn chart: MMD's KL to π*_β at the float64 floor by t = 2000.
    await page.evaluate(() => window.nashStore.setState({ t: 2000 }));
    const label = await page
      .locator('svg[role="img"][aria-label^="Convergence"]')
      .getAttribute('aria-label');
    expect(Number(label!.match(/MMD ([^;,]+)/)![1])).toBeLessThan(1e-12);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('works with the keyboard alone', async () => {
    const { page } = await open();
    const focused = (): Promise<string> =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el?.id || el?.textContent?.trim() || '';
      });
    for (let i = 0; i < 40 && (await focused()) !== 'tour-button'; i++)
      await page.keyboard.press('Tab');
    expect(await focused()).toBe('tour-button');
    await page.keyboard.press('Enter');
    await expect.poll(() => where(page)).toBe('Chapter 1 of 7');
    expect(await focused()).toBe('tour-panel');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => where(page)).toBe('Chapter 2 of 7');
    for (let i = 0; i < 20 && (await focused()) !== 'Next'; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => where(page)).toBe('Chapter 3 of 7');
    await page.keyboard.press(' ');
    await expect.poll(() => where(page)).toBe('Chapter 4 of 7');
    expect(await store(page, 'playing')).toEqual([false]);
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('Back');
    await page.keyboard.press('Enter');
    await expect.poll(() => where(page)).toBe('Chapter 3 of 7');
    await page.keyboard.press('Escape');
    await expect.poll(() => region(page).count()).toBe(0);
    expect(await focused()).toBe('tour-button');
    // The own experiment is back, and the address is its link (a reload shows it).
    expect(new URL(page.url()).hash).toMatch(/^#s=v1\./);
    await page.context().close();
  });

  it('axe finds no serious or critical violation on any chapter', async () => {
    const { page } = await open('#tour=1');
    const found: string[] = [];
    for (let k = 1; k <= CHAPTERS; k++) {
      await expect.poll(() => where(page)).toBe(`Chapter ${k} of ${CHAPTERS}`);
      await ready(page);
      const { violations } = await new AxeBuilder({ page }).analyze();
      for (const v of violations)
        if (v.impact === 'serious' || v.impact === 'critical')
          found.push(
            `chapter ${k}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
          );
      if (k < CHAPTERS) await region(page).getByRole('button', { name: 'Next' }).click();
    }
    expect(found).toEqual([]);
    await page.context().close();
  });

  it('fits a laptop and a phone (screenshots)', async () => {
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      const { page } = await open('#tour=4', { width, height });
      await expect.poll(() => where(page)).toBe('Chapter 4 of 7');
      const box = (await region(page).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      // Nothing inside the panel is wider than the panel (formulas wrap or scroll in place).
      expect(
        await region(page).evaluate((el) => el.scrollWidth - el.clientWidth),
      ).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${SCREENSHOTS}/tour-${width}x${height}.png` });
      await region(page).screenshot({ path: `${SCREENSHOTS}/tour-panel-${width}x${height}.png` });
      await page.context().close();
    }
  });
});

describe('lessons by link', () => {
  it('a recorded lesson (add, reorder, delete) opens from its #lesson= link in a fresh context', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(app.url);
    await ready(page);
    await page.getByRole('button', { name: 'Tour', exact: true }).click();
    await region(page).getByRole('button', { name: 'Make a lesson' }).click();
    const beta = page.getByRole('spinbutton', { name: 'β' });
    const addSlide = async (text: string, notes = ''): Promise<void> => {
      await page.getByRole('textbox', { name: 'Caption' }).fill(text);
      await page.getByRole('textbox', { name: 'Notes' }).fill(notes);
      await page.getByRole('button', { name: 'Add slide' }).click();
    };
    await beta.fill('0.5');
    await beta.press('Enter');
    await addSlide('Half');
    await page.getByRole('combobox', { name: 'Game', exact: true }).selectOption('rpsls');
    await addSlide('Five', 'Five actions: $K = 5$.');
    await beta.fill('0');
    await beta.press('Enter');
    await addSlide('Zero');
    const slides = page.getByRole('list', { name: 'Slides' }).getByRole('listitem');
    await expect.poll(() => slides.count()).toBe(3);
    await page.getByRole('button', { name: 'Move “Five” up' }).click();
    await page.getByRole('button', { name: 'Delete “Half”' }).click();
    await expect
      .poll(() => slides.locator('.lesson-slide-caption').allTextContents())
      .toEqual(['Five', 'Zero']);
    const link = await page.getByRole('textbox', { name: 'Lesson link' }).inputValue();
    expect(link).toContain('#lesson=v1.');
    await context.close();

    const fresh = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const other = await fresh.newPage();
    await other.goto(link);
    await ready(other);
    await expect.poll(() => where(other, 'Lesson')).toBe('Slide 1 of 2');
    expect(await caption(other, 'Lesson')).toBe('Five');
    expect(await region(other, 'Lesson').locator('.katex').count()).toBe(1);
    expect(await other.getByRole('combobox', { name: 'Game', exact: true }).inputValue()).toBe(
      'rpsls',
    );
    expect(await other.getByRole('spinbutton', { name: 'β' }).inputValue()).toBe('0.5');
    await region(other, 'Lesson').getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => caption(other, 'Lesson')).toBe('Zero');
    expect(await other.getByRole('spinbutton', { name: 'β' }).inputValue()).toBe('0');
    expect(await other.getByRole('combobox', { name: 'Game', exact: true }).inputValue()).toBe(
      'rpsls',
    );
    await fresh.close();
  });

  it('a hostile lesson link shows a message and the default game', async () => {
    const { page, errors } = await open(`#lesson=v1.${'A'.repeat(70_000)}`);
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toMatch(/^This lesson link could not be opened: the lesson link is too long/);
    expect(await region(page, 'Lesson').count()).toBe(0);
    expect(await page.getByRole('combobox', { name: 'Game', exact: true }).inputValue()).toBe(
      'rps',
    );
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
