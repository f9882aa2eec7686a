/**
 * The figure of the unregularized game (docs/unregularized.md), made with the app's own PNG export: weighted RPS
 * at β = 0, the last iterate's exploitability of Nash-MP, EGPO, ONPO, MPO and MWU over 6,000
 * iterations. `npx tsx scripts/unregularized-figure.ts` writes docs/figures/unregularized-wrps.png.
 */
import { mkdirSync } from 'node:fs';
import { launchChromium, startApp } from '../tests/e2e/browser';
import { encodeExperiment } from '../src/state/link';
import { DEFAULT_EXPERIMENT } from '../src/state/fields';
import { parseGame } from '../src/core/validate';
import { buildPreset } from '../src/core/presets';

async function main() {
  const experiment = {
    ...DEFAULT_EXPERIMENT,
    presetId: 'weighted-rps',
    game: parseGame(buildPreset('weighted-rps')),
    beta: 0,
    solvers: ['nash-mp', 'egpo', 'onpo', 'mpo', 'sppo'] as typeof DEFAULT_EXPERIMENT.solvers,
    budget: 6000,
    gapMetric: 'exploitability' as const,
  };
  const hash = encodeExperiment(experiment);
  const { url, server } = await startApp();
  const browser = await launchChromium();
  const page = await browser.newPage({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  await page.goto(`${url}#s=${hash}`);
  await page.waitForFunction(
    () => window.nashStore?.getState().race?.traces.length === 5,
    undefined,
    { timeout: 120000 },
  );
  await page.evaluate(() => window.nashStore.setState({ t: 6000, playing: false }));
  await page.waitForTimeout(500);
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export Exploitability as PNG' }).click(),
  ]);
  mkdirSync('docs/figures', { recursive: true });
  await png.saveAs('docs/figures/unregularized-wrps.png');
  console.log(
    await page.locator('svg[role="img"][aria-label^="Exploitability"]').getAttribute('aria-label'),
  );
  await browser.close();
  server.httpServer.close();
}
void main();
