/**
 * The person's own experiment in Chromium: undo and redo (buttons and keys, a slider drag as one
 * step, a text field keeping its own undo), tours and lessons that play on a copy (Close, "Back to
 * my experiment", "Keep this experiment", the autosave untouched), and an address bar that is
 * always a link to what is on screen, so a reload shows it again.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, useApp } from './browser';

const app = useApp();
const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
const AUTOSAVE_KEY = 'nash-playground:autosave';

async function ready(page: Page): Promise<void> {
  await page.waitForFunction(
    () => window.nashStore?.getState().race !== null && !window.nashStore.getState().computing,
    undefined,
    { timeout: 120_000 },
  );
}

async function open(viewport = LAPTOP, hash = '') {
  const page = await (await app.browser.newContext({ viewport })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${app.url}${hash}`);
  await ready(page);
  return { page, errors };
}

/** The experiment's fields that these tests change. */
const mine = (page: Page) =>
  page.evaluate(() => {
    const s = window.nashStore.getState();
    return {
      presetId: s.presetId,
      rockPaper: s.game.P[1],
      beta: s.beta,
      solvers: s.solvers,
      custom: s.custom.length,
    };
  });
const steps = (page: Page) =>
  page.evaluate(() => window.nashStore.temporal.getState().pastStates.length);
const hash = (page: Page) => new URL(page.url()).hash;
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const beta = (page: Page) => page.getByRole('spinbutton', { name: 'β' });
/** Focus off every field, so that the page's keys apply. */
const blur = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement)?.blur());

/** The experiment: P(rock ≻ paper) = 0.3, β = 0.2, six solvers and a custom solver. */
async function makeMine(page: Page): Promise<void> {
  await page.getByRole('textbox', { name: 'P(rock ≻ paper)' }).fill('0.3');
  await beta(page).fill('0.2');
  await beta(page).press('Enter');
  await button(page, 'Add custom solver').click();
  await blur(page);
  await expect.poll(() => mine(page)).toMatchObject({ rockPaper: 0.3, beta: 0.2, custom: 1 });
}

const expected = {
  presetId: 'custom',
  rockPaper: 0.3,
  beta: 0.2,
  solvers: ['nash-mp', 'egpo', 'inpo', 'mnpo', 'nash-md', 'sppo'],
  custom: 1,
};

describe('undo and redo', () => {
  for (const viewport of [LAPTOP, PHONE])
    it(`buttons and keys walk every change back and forth (${viewport.width}×${viewport.height})`, async () => {
      const { page, errors } = await open(viewport);
      expect(await button(page, 'Undo').isDisabled()).toBe(true);
      await makeMine(page);
      await page.getByRole('checkbox', { name: /MMD/ }).check();
      await page.getByRole('combobox', { name: 'Game', exact: true }).selectOption('rpsls');
      await blur(page);
      expect(await steps(page)).toBe(5);

      await button(page, 'Undo').click();
      await expect.poll(() => mine(page)).toMatchObject({ presetId: 'custom', rockPaper: 0.3 });
      await page.keyboard.press('Control+z');
      await expect.poll(() => mine(page)).toMatchObject({ solvers: expected.solvers });
      await page.keyboard.press('Control+z');
      await expect.poll(() => mine(page)).toMatchObject({ beta: 0.2, custom: 0 });
      await page.keyboard.press('Control+Shift+z');
      await expect.poll(() => mine(page)).toMatchObject({ custom: 1 });
      await page.keyboard.press('Control+y');
      await expect.poll(() => mine(page)).toMatchObject({ solvers: [...expected.solvers, 'mmd'] });
      await button(page, 'Redo').click();
      await expect.poll(() => mine(page)).toMatchObject({ presetId: 'rpsls' });
      expect(await button(page, 'Redo').isDisabled()).toBe(true);
      // The editor's text follows the undone game.
      await button(page, 'Undo').click();
      await expect
        .poll(() => page.getByRole('textbox', { name: 'P(rock ≻ paper)' }).inputValue())
        .toBe('0.3');
      await page.screenshot({
        path: `${SCREENSHOTS}/undo-${viewport.width}x${viewport.height}.png`,
      });
      expect(errors).toEqual([]);
      await page.context().close();
    });

  it('one slider drag is one step; Ctrl+Z in a text field is the field’s own', async () => {
    const { page } = await open();
    const slider = page.locator('#beta-slider');
    const box = (await slider.boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.5, y);
    await page.mouse.down();
    for (const at of [0.55, 0.6, 0.65, 0.7, 0.75]) await page.mouse.move(box.x + box.width * at, y);
    await page.mouse.up();
    const dragged = (await mine(page)).beta;
    expect(dragged).not.toBe(0.1);
    expect(await steps(page)).toBe(1);
    await page.keyboard.press('Control+z'); // the slider keeps focus: it holds no text
    await expect.poll(async () => (await mine(page)).beta).toBe(0.1);

    const label = page.getByRole('textbox', { name: 'Label of action 1' });
    await label.fill('stone');
    await expect.poll(() => steps(page)).toBe(1);
    await label.press('Control+z');
    // The key was the field's (the browser's text undo): the page's undo did not run, which
    // would have moved the label edit to the redo list.
    expect(
      await page.evaluate(() => window.nashStore.temporal.getState().futureStates.length),
    ).toBe(0);
    await page.context().close();
  });
});

describe('a tour plays on a copy', () => {
  it('Tour → Close brings back the own experiment; the autosave never held the tour', async () => {
    const { page } = await open();
    await makeMine(page);
    const saved = await page.evaluate((key) => localStorage.getItem(key), AUTOSAVE_KEY);
    await button(page, 'Tour').click();
    await expect.poll(() => mine(page)).toMatchObject({ presetId: 'rps', beta: 0.1 });
    await beta(page).fill('0.7');
    await beta(page).press('Enter');
    expect(await page.evaluate((key) => localStorage.getItem(key), AUTOSAVE_KEY)).toBe(saved);
    await page
      .getByRole('region', { name: 'Tour', exact: true })
      .getByRole('button', { name: 'Close' })
      .click();
    await expect.poll(() => mine(page)).toEqual(expected);
    expect(await page.evaluate((key) => localStorage.getItem(key), AUTOSAVE_KEY)).toBe(saved);
    // Undo still walks the own experiment's history.
    await blur(page);
    await page.keyboard.press('Control+z');
    await expect.poll(() => mine(page)).toMatchObject({ custom: 0, beta: 0.2 });
    await page.context().close();
  });

  for (const viewport of [LAPTOP, PHONE])
    it(`“Back to my experiment” and “Keep this experiment” (${viewport.width}×${viewport.height})`, async () => {
      const { page, errors } = await open(viewport);
      await makeMine(page);
      await button(page, 'Tour').click();
      const tour = page.getByRole('region', { name: 'Tour', exact: true });
      await tour.getByRole('button', { name: 'Next' }).click();
      await page.screenshot({
        path: `${SCREENSHOTS}/tour-copy-${viewport.width}x${viewport.height}.png`,
      });
      await tour.getByRole('button', { name: 'Back to my experiment' }).click();
      await expect.poll(() => mine(page)).toEqual(expected);
      expect(await tour.count()).toBe(0);

      await button(page, 'Tour').click(); // where it was left: chapter 2
      await expect.poll(() => mine(page)).toMatchObject({ solvers: ['sppo'] });
      await beta(page).fill('0.05'); // the viewer's change of chapter 2
      await beta(page).press('Enter');
      await tour.getByRole('button', { name: 'Keep this experiment' }).click();
      expect(await tour.count()).toBe(0);
      await expect.poll(() => mine(page)).toMatchObject({ beta: 0.05, solvers: ['sppo'] });
      const autosave = await page.evaluate((key) => localStorage.getItem(key) ?? '', AUTOSAVE_KEY);
      expect(autosave).toBe((await hash(page)).slice('#s='.length));
      await blur(page);
      await page.keyboard.press('Control+z');
      await expect.poll(() => mine(page)).toEqual(expected);
      expect(errors).toEqual([]);
      await page.context().close();
    });

  it('a student who opens a teacher’s #lesson= link keeps their own experiment', async () => {
    const { page: teacher } = await open();
    await button(teacher, 'Tour').click();
    await teacher.getByRole('button', { name: 'Make a lesson' }).click();
    await teacher.getByRole('textbox', { name: 'Caption' }).fill('One');
    await teacher.getByRole('button', { name: 'Add slide' }).click();
    const link = await teacher.getByRole('textbox', { name: 'Lesson link' }).inputValue();
    await teacher.context().close();

    const { page } = await open();
    await makeMine(page);
    const saved = await page.evaluate((key) => localStorage.getItem(key), AUTOSAVE_KEY);
    await page.goto(link);
    await ready(page);
    const lesson = page.getByRole('region', { name: 'Lesson', exact: true });
    await expect.poll(() => lesson.count()).toBe(1);
    expect(await mine(page)).toMatchObject({ presetId: 'rps', beta: 0.1 });
    expect(await page.evaluate((key) => localStorage.getItem(key), AUTOSAVE_KEY)).toBe(saved);
    await lesson.getByRole('button', { name: 'Back to my experiment' }).click();
    await expect.poll(() => mine(page)).toEqual(expected);
    await page.context().close();
  });
});

describe('the address bar is true to the screen', () => {
  it('#tour=N while chapter N shows unchanged, the experiment’s link after a change; reload shows it', async () => {
    const { page } = await open();
    await makeMine(page);
    await button(page, 'Tour').click();
    const tour = page.getByRole('region', { name: 'Tour', exact: true });
    await tour.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => hash(page)).toBe('#tour=2');
    await beta(page).fill('0.4');
    await beta(page).press('Enter');
    await expect.poll(() => hash(page)).toMatch(/^#s=v1\./);
    await page.reload();
    await ready(page);
    // The same screen: chapter 2 over the changed experiment, the own experiment still aside.
    await expect
      .poll(() => tour.getByText(/^Chapter \d+ of \d+$/).textContent())
      .toBe('Chapter 2 of 7');
    expect(await mine(page)).toMatchObject({ beta: 0.4, solvers: ['sppo'] });
    await blur(page);
    await page.keyboard.press('Control+z'); // nothing to undo after a reload; nothing breaks
    await tour.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => mine(page)).toEqual(expected);
    expect(hash(page)).toMatch(/^#s=v1\./);
    await page.reload();
    await ready(page);
    expect(await mine(page)).toEqual(expected);
    expect(await tour.count()).toBe(0);
    await page.context().close();
  });

  it('a played lesson has its own link with the slide; a lesson draft reopens in the editor', async () => {
    const { page } = await open();
    await button(page, 'Tour').click();
    const tour = page.getByRole('region', { name: 'Tour', exact: true });
    await tour.getByRole('button', { name: 'Make a lesson' }).click();
    for (const caption of ['First', 'Second']) {
      await page.getByRole('textbox', { name: 'Caption' }).fill(caption);
      await page.getByRole('button', { name: 'Add slide' }).click();
      await tour.getByRole('button', { name: 'Next' }).click();
    }
    // Recording: the address holds the tour's chapter, never a stale one.
    await expect.poll(() => hash(page)).toBe('#tour=3');
    await page.reload();
    await ready(page);
    await expect
      .poll(() => page.getByRole('list', { name: 'Slides' }).getByRole('listitem').count())
      .toBe(2);
    expect(await page.getByRole('textbox', { name: 'Caption' }).isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Play lesson' }).click();
    const lesson = page.getByRole('region', { name: 'Lesson', exact: true });
    await lesson.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => hash(page)).toMatch(/^#lesson=v1\.[^&]+&slide=2$/);
    const link = page.url();
    await page.reload();
    await ready(page);
    await expect.poll(() => lesson.getByRole('heading', { level: 2 }).textContent()).toBe('Second');
    // The draft plays again, its editor open.
    expect(await page.getByRole('list', { name: 'Slides' }).getByRole('listitem').count()).toBe(2);
    await page.context().close();

    // The same link in a fresh browser: the lesson at slide 2, without the author's editor.
    const { page: other } = await open(LAPTOP, new URL(link).hash);
    const shown = other.getByRole('region', { name: 'Lesson', exact: true });
    await expect.poll(() => shown.getByRole('heading', { level: 2 }).textContent()).toBe('Second');
    expect(await shown.getByText(/^Slide \d+ of \d+$/).textContent()).toBe('Slide 2 of 2');
    await other.context().close();
  });
});
