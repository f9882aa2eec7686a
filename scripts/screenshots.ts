/**
 * `npm run screenshots`: the README's pictures, made from the built app in Debian's Chromium
 * (docs/images/*.png, committed; rerun whenever the UI changes). The race after Play on the
 * default game at 1280 × 800, and a tour chapter in present mode at 1920 × 1080.
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/e2e/browser';

const OUT = 'docs/images';

async function ready(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Play' }).waitFor();
  for (let i = 0; i < 600; i++) {
    if (await page.getByRole('button', { name: 'Play' }).isEnabled()) return;
    await page.waitForTimeout(100);
  }
  throw new Error('the first race did not finish within a minute');
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  await build({ logLevel: 'error', build: { outDir: 'dist' } });
  const server = await preview({
    logLevel: 'error',
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  try {
    const race = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await race.goto(url);
    await ready(race);
    await race.getByRole('button', { name: 'Play' }).click();
    // 2,000 iterations at the default speed take about 8 s to reveal.
    await race.waitForTimeout(10_000);
    await race.screenshot({ path: `${OUT}/race.png` });

    const tour = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await tour.goto(`${url}#tour=2`);
    await ready(tour);
    await tour.keyboard.press('p'); // present mode, as a room sees it
    await tour.getByRole('button', { name: 'Play' }).click();
    await tour.waitForTimeout(6000);
    await tour.screenshot({ path: `${OUT}/tour.png` });
    console.log(`wrote ${OUT}/race.png and ${OUT}/tour.png`);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

await main();
