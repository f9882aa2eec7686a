/**
 * Never losing a game: an edited preset and an imported votes file stay in the Game picker's
 * "My games" group (with their names, across a reload) when another preset is picked, and come
 * back exactly as they were; a file dropped anywhere on the page goes to the importer or is
 * refused with a message, and the browser never navigates away from the app.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, useApp } from './browser';

const app = useApp();

async function ready(page: Page): Promise<void> {
  await page.waitForFunction(
    () => window.nashStore?.getState().race !== null && !window.nashStore.getState().computing,
    undefined,
    { timeout: 120_000 },
  );
}

const picker = (page: Page) => page.getByRole('combobox', { name: 'Game', exact: true });
/** The picker's groups and their options' texts. */
const groups = (page: Page) =>
  picker(page).evaluate((select) =>
    Array.from(select.querySelectorAll('optgroup'), (g) => ({
      label: g.label,
      options: Array.from(g.querySelectorAll('option'), (o) => o.textContent),
    })),
  );
const selected = (page: Page) =>
  picker(page).evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent);
const cell = (page: Page) => page.getByRole('textbox', { name: 'P(rock ≻ paper)' });

/** Drops files (name, type, text) on the element at `selector`, as a drag from the desktop does. */
async function drop(page: Page, selector: string, files: [string, string, string][]) {
  const dataTransfer = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const [name, type, text] of files) dt.items.add(new File([text], name, { type }));
    return dt;
  }, files);
  await page.locator(selector).first().dispatchEvent('dragover', { dataTransfer });
  await page.locator(selector).first().dispatchEvent('drop', { dataTransfer });
}

const VOTES = 'a,b,winner\nx,y,x\ny,z,y\nz,x,z\nx,y,x\n';

describe('My games', () => {
  it('an edited preset and an imported votes game survive a preset switch and a reload', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.url);
    await ready(page);
    await cell(page).fill('0.2');
    await expect.poll(() => selected(page)).toBe('Rock–paper–scissors (edited)');
    await picker(page).selectOption({ label: 'Weighted rock–paper–scissors' });
    await ready(page);
    expect(await groups(page)).toContainEqual({
      label: 'My games',
      options: ['Rock–paper–scissors (edited)'],
    });
    // A votes file: its own entry, named after the file.
    await page.getByLabel('Import game').setInputFiles({
      name: 'cycle-votes.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(VOTES),
    });
    await expect.poll(() => selected(page)).toBe('cycle-votes');
    await picker(page).selectOption({ label: 'Rock–paper–scissors' });
    await ready(page);
    expect((await groups(page))[0]).toEqual({
      label: 'My games',
      options: ['cycle-votes', 'Rock–paper–scissors (edited)'],
    });
    // Back to the edited game: the edit is there.
    await picker(page).selectOption({ label: 'Rock–paper–scissors (edited)' });
    await expect.poll(() => cell(page).inputValue()).toBe('0.2');
    // Editing it again updates its entry (no new one).
    await cell(page).fill('0.25');
    await expect.poll(() => selected(page)).toBe('Rock–paper–scissors (edited)');
    expect((await groups(page))[0]!.options).toHaveLength(2);
    // After a reload the list is still there, and the votes game keeps its counts.
    await page.reload();
    await ready(page);
    await picker(page).selectOption({ label: 'cycle-votes' });
    await expect
      .poll(() => page.evaluate(() => window.nashStore.getState().game.actions.join(',')))
      .toBe('x,y,z');
    expect(await page.evaluate(() => window.nashStore.getState().game.counts !== undefined)).toBe(
      true,
    );
    await page
      .locator('section[aria-labelledby="game-heading"]')
      .screenshot({ path: `${SCREENSHOTS}/my-games.png` });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps the last 10 games', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(app.url);
    await ready(page);
    for (let i = 1; i <= 12; i++)
      await page.evaluate(
        (i) =>
          window.nashStore.getState().importGame(
            JSON.stringify({
              name: `game ${i}`,
              actions: ['a', 'b'],
              preference: [
                [0.5, 0.6],
                [0.4, 0.5],
              ],
            }),
            `game-${i}.json`,
          ),
        i,
      );
    const mine = (await groups(page)).find((g) => g.label === 'My games')!;
    expect(mine.options).toEqual(Array.from({ length: 10 }, (_, k) => `game ${12 - k}`));
    await context.close();
  });
});

describe('a file dropped anywhere', () => {
  it('goes to the importer or is refused with a message; the page stays', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.url);
    await ready(page);
    const url = page.url();
    const game = JSON.stringify({
      name: 'Dropped on the chart',
      actions: ['d1', 'd2', 'd3'],
      preference: [
        [0.5, 0.7, 0.2],
        [0.3, 0.5, 0.6],
        [0.8, 0.4, 0.5],
      ],
    });
    // On a chart, far from the Game panel.
    await drop(page, '.chart-grid svg[role="img"]', [['dropped.json', 'application/json', game]]);
    await expect.poll(() => selected(page)).toBe('Dropped on the chart');
    // Votes on the header.
    await drop(page, 'header', [['votes.csv', 'text/csv', VOTES]]);
    await expect.poll(() => selected(page)).toBe('votes');
    // A picture is refused, and so are two files at once; the game stays.
    await drop(page, 'main', [['photo.png', 'image/png', 'not a game']]);
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'photo.png was not imported' }).count())
      .toBe(1);
    await drop(page, 'body', [
      ['a.json', 'application/json', game],
      ['b.csv', 'text/csv', VOTES],
    ]);
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: '2 files were dropped' }).count())
      .toBe(1);
    // A broken file says why.
    await drop(page, 'main', [['broken.json', 'application/json', '{"name": "x"']]);
    await expect
      .poll(() =>
        page.getByRole('alert').filter({ hasText: 'broken.json was not imported' }).count(),
      )
      .toBe(1);
    expect(await selected(page)).toBe('votes');
    // The drop events were taken by the page: the browser did not open the files.
    const prevented = await page.evaluate(() => {
      const e = new DragEvent('drop', { bubbles: true, cancelable: true });
      document.body.dispatchEvent(e);
      const over = new DragEvent('dragover', { bubbles: true, cancelable: true });
      document.body.dispatchEvent(over);
      return [e.defaultPrevented, over.defaultPrevented];
    });
    expect(prevented).toEqual([true, true]);
    // Still the app's page: the address bar's hash follows the imported game (#s=…, main's rule).
    expect(page.url().split('#')[0]).toBe(url.split('#')[0]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the custom-solver card', () => {
  it('fits the side column at 1280 px; its colour and dash differ from every solver racing', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(app.url);
    await ready(page);
    // Every solver racing, then a custom one.
    await page.evaluate(() => {
      const s = window.nashStore.getState();
      s.setField('solvers', [
        'nash-mp',
        'egpo',
        'inpo',
        'mnpo',
        'mmd',
        'replicator',
        'mpo',
        'sppo',
      ]);
      s.addCustomSolver();
    });
    await ready(page);
    const card = page.locator('.custom-solver').first();
    await card.scrollIntoViewIfNeeded();
    const fit = await page.evaluate(() => {
      const aside = document.querySelector('aside')!;
      const right = aside.getBoundingClientRect().right;
      const sticking = Array.from(aside.querySelectorAll('*'))
        .filter((e) => e.getBoundingClientRect().right > right + 0.5)
        .map((e) => `${e.tagName}.${e.className}`);
      return { scroll: aside.scrollWidth - aside.clientWidth, sticking };
    });
    expect(fit).toEqual({ scroll: 0, sticking: [] });
    const styles = await page.evaluate(() =>
      window.nashStore.getState().race!.traces.map((t) => `${t.color.toLowerCase()}|${t.dash}`),
    );
    const custom = styles[styles.length - 1]!;
    expect(styles.slice(0, -1)).not.toContain(custom);
    const [color, dash] = custom.split('|');
    for (const other of styles.slice(0, -1)) {
      expect(other.split('|')[0]).not.toBe(color);
      expect(other.split('|')[1]).not.toBe(dash);
    }
    await card.screenshot({ path: `${SCREENSHOTS}/custom-solver-1280.png` });
    await context.close();
  });
});
