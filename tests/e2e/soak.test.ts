/**
 * A long classroom session stays healthy: β changes, preset switches, solver toggles, play and
 * pause, the tour opened and closed, present mode on and off, a view opened and closed — cycle
 * after cycle — leave the page's JS heap, DOM nodes and event listeners flat after warm-up
 * (growth ≤ 20 %), with no page error, and the page still answers at the end. CI runs
 * SOAK_CYCLES = 12 by default; `SOAK_CYCLES=60` is the full session.
 */
import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useApp } from './browser';

const app = useApp();
const CYCLES = Math.max(4, Number(process.env.SOAK_CYCLES ?? 12));
const WARM_UP = 3;

async function ready(page: Page): Promise<void> {
  await page.waitForFunction(
    () => window.nashStore?.getState().race !== null && !window.nashStore.getState().computing,
    undefined,
    { timeout: 120_000 },
  );
}

interface Counters {
  heap: number;
  nodes: number;
  listeners: number;
}

/** After a full garbage collection: the page's JS heap in use, its DOM nodes and listeners. */
async function counters(cdp: CDPSession): Promise<Counters> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  return { heap: usedSize, nodes: dom.nodes, listeners: dom.jsEventListeners };
}

const PRESETS = [
  'Weighted rock–paper–scissors',
  'Rock–paper–scissors',
  'Transitive (one Bradley–Terry ranking)',
];

async function cycle(page: Page, k: number): Promise<void> {
  const t0 = Date.now();
  const log = (what: string) =>
    process.env.SOAK_DEBUG && console.info(`cycle ${k} ${what} ${Date.now() - t0} ms`);
  const beta = page.getByRole('spinbutton', { name: 'β' });
  await beta.fill(String([0.05, 0.2, 0.1][k % 3]));
  await beta.press('Enter');
  await ready(page);
  await page
    .getByRole('combobox', { name: 'Game', exact: true })
    .selectOption({ label: PRESETS[k % PRESETS.length]! });
  await ready(page);
  log('page.evaluate(() => window.nashSto');
  await page.evaluate(() => window.nashStore.getState().toggleSolver('mmd'));
  await ready(page);
  log("page.getByRole('button', { name: '");
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(150);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Tour', exact: true }).click();
  await page.getByRole('region', { name: 'Tour', exact: true }).waitFor();
  await ready(page);
  log("page.keyboard.press('p');");
  await page.keyboard.press('p');
  // Chapters 1 and 2 each time (later ones open views and sampled races, another test's job).
  await page.keyboard.press('Home');
  await page.keyboard.press('PageDown');
  await ready(page);
  await page.keyboard.press('Escape'); // leaves present mode
  await page.getByRole('button', { name: 'Tour', exact: true }).click(); // closes the tour
  log("page.getByRole('checkbox', { name:");
  await page.getByRole('checkbox', { name: 'Sweep map over (η, β)' }).check();
  await page.waitForTimeout(50);
  await page.getByRole('checkbox', { name: 'Sweep map over (η, β)' }).uncheck();
  await ready(page);
}

describe('a long classroom session', () => {
  it(
    `${CYCLES} cycles keep the heap, DOM nodes and listeners flat after warm-up`,
    async () => {
      const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(app.url);
      await ready(page);
      const cdp = await context.newCDPSession(page);
      let base: Counters | null = null;
      const history: Counters[] = [];
      for (let k = 0; k < CYCLES; k++) {
        await cycle(page, k);
        if (k + 1 === WARM_UP) base = await counters(cdp);
        if (k + 1 >= WARM_UP && (k + 1) % 3 === 0) history.push(await counters(cdp));
      }
      const end = await counters(cdp);
      const growth = {
        heap: end.heap / base!.heap - 1,
        nodes: end.nodes / base!.nodes - 1,
        listeners: end.listeners / base!.listeners - 1,
      };
      console.info(`soak: ${CYCLES} cycles`, JSON.stringify({ base, end, growth, history }));
      expect(growth.heap).toBeLessThanOrEqual(0.2);
      expect(growth.nodes).toBeLessThanOrEqual(0.2);
      expect(growth.listeners).toBeLessThanOrEqual(0.2);
      // The page still answers: a β change recomputes the race.
      await page.getByRole('spinbutton', { name: 'β' }).fill('0.3');
      await page.getByRole('spinbutton', { name: 'β' }).press('Enter');
      await expect
        .poll(() => page.evaluate(() => window.nashStore.getState().race?.settings.beta))
        .toBe(0.3);
      expect(errors).toEqual([]);
      await context.close();
    },
    120_000 + CYCLES * 30_000,
  );
});
