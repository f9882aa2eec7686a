/** Experiments that travel: share links in a fresh browser, autosave, and hostile links. */
import { writeFileSync } from 'node:fs';
import LZString from 'lz-string';
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

async function convergenceAt(page: Page, t: number): Promise<string | null> {
  await page.evaluate((t) => window.nashStore.setState({ t, playing: false }), t);
  return page.locator('svg[role="img"][aria-label^="Convergence"]').getAttribute('aria-label');
}

describe('share links', () => {
  it('a link opened in a fresh browser context shows the same values at iteration 1,000', async () => {
    const context = await app.browser.newContext({
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    await page.goto(app.url);
    await ready(page);
    await page.getByRole('combobox', { name: 'Game', exact: true }).selectOption('weighted-rps');
    await page.getByRole('textbox', { name: 'P(rock ≻ paper)' }).fill('0.35');
    await page.getByRole('checkbox', { name: /MMD/ }).check();
    await page.getByRole('spinbutton', { name: 'EGPO η' }).fill('0.5');
    await page.getByRole('spinbutton', { name: 'EGPO η' }).press('Enter');
    await ready(page);
    await page.getByRole('button', { name: 'Share link' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: /Link/ }).textContent())
      .toMatch(/Link/);
    const link = page.url();
    expect(link).toContain('#s=v1.');
    const before = await convergenceAt(page, 1000);
    await context.close();

    const fresh = await app.browser.newContext();
    const other = await fresh.newPage();
    await other.goto(link);
    await ready(other);
    expect(await convergenceAt(other, 1000)).toBe(before);
    expect(await other.getByRole('textbox', { name: 'P(paper ≻ rock)' }).inputValue()).toBe('0.65');
    await fresh.close();
  });

  it('autosave restores the last experiment after a reload', async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await page.goto(app.url);
    await ready(page);
    await page.getByRole('combobox', { name: 'Game', exact: true }).selectOption('rpsls');
    await ready(page);
    await page.goto(app.url);
    await ready(page);
    expect(await page.getByRole('combobox', { name: 'Game', exact: true }).inputValue()).toBe(
      'rpsls',
    );
    await context.close();
  });

  const hostile = {
    'an invalid matrix': `v1.${LZString.compressToEncodedURIComponent(
      JSON.stringify({
        v: 1,
        game: {
          name: 'g',
          actions: ['a', 'b'],
          preference: [
            [0.5, 3],
            [0, 0.5],
          ],
        },
        beta: 0.1,
        solvers: ['nash-mp'],
        params: {},
        budget: 2000,
        view: {},
      }),
    )}`,
    'a truncated link': 'v1.N4IgLgpgJ',
    // Chromium will not open a URL beyond ~2 MB; the decoder itself is tested with 10 MB.
    'a 1.5 MB hash': `v1.${'A'.repeat(1.5 * 1024 * 1024)}`,
    'an old version': 'v0.something',
    'script in a label': `v1.${LZString.compressToEncodedURIComponent(
      JSON.stringify({
        v: 1,
        game: {
          name: '<img src=x onerror="window.__pwned=1">',
          actions: ['<script>window.__pwned=1</script>', '<b>bold</b>'],
          preference: [
            [0.5, 0.7],
            [0.3, 0.5],
          ],
        },
        beta: 0.1,
        solvers: ['nash-mp'],
        params: {},
        budget: 2000,
        view: {},
      }),
    )}`,
  };

  for (const [label, encoded] of Object.entries(hostile)) {
    it(`${label}: a clear message or inert text, nothing thrown, the autosave kept`, async () => {
      const context = await app.browser.newContext();
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(app.url);
      await ready(page);
      await page
        .getByRole('combobox', { name: 'Game', exact: true })
        .selectOption('condorcet-annotators');
      await ready(page);
      const saved = await page.evaluate(() => localStorage.getItem('nash-playground:autosave'));
      expect(saved).toBeTruthy();
      await page.goto(`${app.url}#s=${encoded}`);
      await page.reload();
      await ready(page);
      if (label === 'script in a label') {
        // A valid game whose labels are markup: shown as text, never executed.
        expect(
          await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
        ).toBeUndefined();
        expect(await page.getByRole('textbox', { name: 'Label of action 1' }).inputValue()).toBe(
          '<script>window.__pwned=1</script>',
        );
      } else {
        await expect
          .poll(() =>
            page.getByRole('alert').filter({ hasText: 'This link could not be opened' }).count(),
          )
          .toBe(1);
        expect(await page.getByRole('combobox', { name: 'Game', exact: true }).inputValue()).toBe(
          'rps',
        );
        expect(await page.evaluate(() => localStorage.getItem('nash-playground:autosave'))).toBe(
          saved,
        );
      }
      if (label === 'an invalid matrix')
        await page.screenshot({ path: `${SCREENSHOTS}/broken-link.png` });
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});

describe('classroom links', () => {
  it('a link can show only the simplex and the Play button', async () => {
    const encoded = `v1.${LZString.compressToEncodedURIComponent(JSON.stringify({ v: 1, preset: 'rps', beta: 0.1, solvers: ['nash-mp', 'sppo'], params: {}, budget: 2000, view: { panels: ['play', 'simplex'] } }))}`;
    const page = await app.browser.newPage();
    await page.goto(`${app.url}#s=${encoded}`);
    await ready(page);
    expect(await page.locator('svg[role="img"][aria-label^="Simplex"]').count()).toBe(1);
    expect(await page.locator('svg[role="img"][aria-label^="Convergence"]').count()).toBe(0);
    expect(await page.getByRole('combobox', { name: 'Game', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Play' }).count()).toBe(1);
    expect(await page.getByRole('button').count()).toBe(1);
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => page.evaluate(() => window.nashStore.getState().t)).toBeGreaterThan(20);
    await page.close();
  });
});

describe('import and export', () => {
  it('imports a game file through the file picker, refuses a broken one, and exports game and runs', async () => {
    const page = await app.browser.newPage();
    await page.goto(app.url);
    await ready(page);
    const game = {
      name: 'Imported',
      actions: ['alpha', 'beta', 'gamma'],
      preference: [
        [0.5, 0.3, 0.9],
        [0.7, 0.5, 0.2],
        [0.1, 0.8, 0.5],
      ],
    };
    await page.getByLabel('Import game').setInputFiles({
      name: 'imported.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(game)),
    });
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Label of action 1' }).inputValue())
      .toBe('alpha');
    await page.getByLabel('Import game').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"name": "x"'),
    });
    await expect
      .poll(() =>
        page.getByRole('alert').filter({ hasText: 'broken.json was not imported' }).count(),
      )
      .toBe(1);
    expect(await page.getByRole('textbox', { name: 'Label of action 1' }).inputValue()).toBe(
      'alpha',
    );

    // Drag-and-drop onto the Game panel takes the same path.
    const dataTransfer = await page.evaluateHandle(
      (text) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
        return dt;
      },
      JSON.stringify({ ...game, name: 'Dropped', actions: ['d1', 'd2', 'd3'] }),
    );
    await page
      .locator('section[aria-labelledby="game-heading"]')
      .dispatchEvent('drop', { dataTransfer });
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Label of action 1' }).inputValue())
      .toBe('d1');

    const [gameFile] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export game' }).click(),
    ]);
    const exported = JSON.parse(await streamText(await gameFile.createReadStream()));
    expect(exported.actions).toEqual(['d1', 'd2', 'd3']);
    expect(exported.preference[0][1]).toBe(0.3);
    const [runs] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    const docs = JSON.parse(await streamText(await runs.createReadStream())) as {
      solver: string;
      steps: number;
      trace: unknown[];
    }[];
    expect(docs.map((d) => d.solver)).toEqual([
      'nash-mp',
      'egpo',
      'inpo',
      'mnpo',
      'nash-md',
      'sppo',
    ]);
    expect(docs[0]!.steps).toBe(2000);
    await page.close();
  });
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

describe('figures and data', () => {
  it('exports each chart as SVG and as a PNG at twice the device pixels, and the race as CSV', async () => {
    // A 2× display: the PNG is 4× the chart's CSS size.
    const page = await app.browser.newPage({
      viewport: { width: 1280, height: 900 },
      deviceScaleFactor: 2,
    });
    await page.goto(app.url);
    await ready(page);
    await page.evaluate(() => window.nashStore.setState({ t: 500 }));
    for (const title of ['Convergence', 'Exploitability', 'Simplex']) {
      const [svgFile] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: `Export ${title} as SVG` }).click(),
      ]);
      expect(svgFile.suggestedFilename()).toBe(
        `nash-playground_rps_beta0.1_${title.toLowerCase()}.svg`,
      );
      const svg = await streamText(await svgFile.createReadStream());
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      // The caption line, and each solver's hitting time beside its legend entry.
      const caption = Array.from(
        svg.matchAll(/<text class="caption"[^>]*>([^<]*)<\/text>/g),
        (m) => m[1],
      ).join(' · ');
      expect(caption).toMatch(
        /^Rock–paper–scissors · β = 0.1 · 2,000 iterations · engine .* · ε = 1e-6$/,
      );
      expect(svg).toMatch(
        /class="legend-note"[^>]*>(KL )?(stays ≤ ε from iteration \d+ \(\d+ quer|not within)/,
      );
      expect(svg).toContain('fill="white"');
      expect(svg).toContain(`>${title}</text>`);
      for (const name of ['Nash-MP', 'EGPO', 'SPPO / MWU'])
        expect(svg).toContain(`>${name}</text>`);
      if (title !== 'Simplex') expect(svg).toContain('>iterations</text>');
      const parsed = await page.evaluate(
        (text) =>
          new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('parsererror') ===
          null,
        svg,
      );
      expect(parsed).toBe(true);
      const [pngFile] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: `Export ${title} as PNG` }).click(),
      ]);
      const chunks: Buffer[] = [];
      for await (const c of await pngFile.createReadStream()) chunks.push(Buffer.from(c as Buffer));
      const png = Buffer.concat(chunks);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      const width = png.readUInt32BE(16);
      const svgWidth = Number(/width="([\d.]+)"/.exec(svg)![1]);
      expect(pngFile.suggestedFilename()).toBe(
        `nash-playground_rps_beta0.1_${title.toLowerCase()}.png`,
      );
      expect(width).toBe(Math.round(4 * svgWidth));
      if (title === 'Convergence') writeFileSync(`${SCREENSHOTS}/export-convergence.png`, png);
    }
    const [csvFile] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(csvFile.suggestedFilename()).toBe('nash-playground_rps_beta0.1_race.csv');
    const lines = (await streamText(await csvFile.createReadStream())).trim().split('\n');
    expect(lines[0]).toMatch(
      /^# Nash Playground race: Rock–paper–scissors · β = 0.1 · 2,000 iterations · engine .* · ε = 1e-6$/,
    );
    // The hit lines form a CSV of their own: a header, then 6 solvers × 6 metric columns.
    expect(lines.filter((l) => l.startsWith('# hit,'))).toHaveLength(1 + 6 * 6);
    const csv = lines.filter((l) => !l.startsWith('#'));
    expect(csv[0]).toBe(
      'solver,t,queries,klToNE,exploitability,regGap,avg_klToNE,avg_exploitability,avg_regGap,"p(rock)","p(paper)","p(scissors)"',
    );
    expect(csv).toHaveLength(1 + 6 * 2001);
    expect(csv[1]!.startsWith('nash-mp,0,0,')).toBe(true);
    await page.close();
  });
});
