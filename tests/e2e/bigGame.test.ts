/**
 * A 1,024-action game by link (issue 25): progress shows while it computes, the first iterations
 * are drawn before the whole race, the race completes, and Cancel keeps the race shown. Speed
 * targets live in the benchmark (`npm run -s bench -- --big`): here only generous budgets.
 */
import { describe, expect, it } from 'vitest';
import { buildPreset } from '../../src/core/presets';
import { parseGame } from '../../src/core/validate';
import { DEFAULT_EXPERIMENT } from '../../src/state/fields';
import { encodeExperiment } from '../../src/state/link';
import { openApp, SCREENSHOTS, useApp } from './browser';

const app = useApp();

function linkTo(preset: string): string {
  const game = parseGame(buildPreset(preset));
  return `${app.url}#s=${encodeExperiment({ ...DEFAULT_EXPERIMENT, presetId: preset, game })}`;
}

describe('a 1,024-action game', () => {
  it('shows progress, draws the first iterations, then completes the race', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(linkTo('random:1024:1'));
    await expect
      .poll(() => page.getByRole('progressbar', { name: 'Computing the race' }).count(), {
        timeout: 60_000,
      })
      .toBe(1);
    await expect
      .poll(
        () =>
          page
            .getByRole('status')
            .filter({ hasText: /Computing the first race… \d+ %/ })
            .count(),
        {
          timeout: 60_000,
        },
      )
      .toBeGreaterThan(0);
    // The first tenth arrives as a race of its own while the whole one computes.
    await page.waitForFunction(() => window.nashStore.getState().race !== null, undefined, {
      timeout: 600_000,
    });
    const first = await page.evaluate(() => ({
      budget: window.nashStore.getState().race!.budget,
      computing: window.nashStore.getState().computing,
    }));
    expect(first.budget).toBeLessThanOrEqual(2000);
    await page.screenshot({ path: `${SCREENSHOTS}/big-game-first-look.png` });
    await page.waitForFunction(
      () => {
        const s = window.nashStore.getState();
        return !s.computing && s.race?.budget === 2000;
      },
      undefined,
      { timeout: 900_000, polling: 500 },
    );
    const race = await page.evaluate(() => {
      const r = window.nashStore.getState().race!;
      return {
        K: r.K,
        every: r.every,
        solvers: r.traces.length,
        samples: r.traces[0]!.times.length,
      };
    });
    expect(race).toEqual({ K: 1024, every: 4, solvers: 6, samples: 501 });
    expect(errors).toEqual([]);
    await page.close();
  }, 1_200_000);

  it('the sweep shows its progress, says what it limited, and completes', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(linkTo('random:1024:1'));
    await page.waitForFunction(() => window.nashStore?.getState().race !== null, undefined, {
      timeout: 600_000,
    });
    await page.evaluate(() => window.nashStore.getState().setViewOpen('sweep', true));
    await expect
      .poll(() => page.getByRole('progressbar', { name: 'Computing the sweep' }).count(), {
        timeout: 120_000,
      })
      .toBe(1);
    await page.waitForFunction(
      () => {
        const s = window.nashStore.getState();
        return s.sweep !== null && !s.viewBusy.sweep;
      },
      undefined,
      { timeout: 900_000, polling: 500 },
    );
    const sweep = await page.evaluate(() => {
      const { data, info } = window.nashStore.getState().sweep!;
      return { etas: data[0]!.axes.etas.length, betas: data[0]!.axes.betas, limit: info.limit };
    });
    expect(sweep.etas).toBe(4);
    // The β = 0 row, then β from 0.02 (where π*_β is solved directly).
    expect(sweep.betas[0]).toBe(0);
    expect(sweep.betas[1]).toBeCloseTo(0.02, 12);
    expect(sweep.limit).toMatch(/^K = 1,024 actions: 4 × 4 settings instead of 32 × 32/);
    await expect.poll(() => page.getByText(sweep.limit!).count(), { timeout: 30_000 }).toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS}/big-game-sweep.png` });
    expect(errors).toEqual([]);
    await page.close();
  }, 1_800_000);

  it('Cancel keeps the race shown', async () => {
    const { page, errors } = await openApp(app);
    await page.evaluate(() => window.nashStore.getState().setPreset('random:1024:1'));
    const cancel = page.getByRole('button', { name: 'Cancel' });
    await expect.poll(() => cancel.count(), { timeout: 60_000 }).toBe(1);
    const before = await page.evaluate(() => window.nashStore.getState().race?.K);
    await cancel.click();
    const after = await page.evaluate(() => ({
      computing: window.nashStore.getState().computing,
      K: window.nashStore.getState().race?.K,
    }));
    expect(after).toEqual({ computing: false, K: before });
    expect(await cancel.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});
