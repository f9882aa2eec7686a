/**
 * Pins and "Reproduce" in Chromium: a pinned race stays as grey lines labelled with what differed,
 * and the texts of the Reproduce dialog — taken from the page — give the race's numbers outside the
 * app: the standalone Python script (run with python3) and the CLI commands (run in-process) agree
 * to 1e-12 on every solver's final policy and metrics.
 */
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { SCREENSHOTS, useApp } from './browser';

const app = useApp();
const dir = mkdtempSync(join(tmpdir(), 'nash-e2e-repro-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Final {
  policy: number[];
  metrics: Record<'exploitability' | 'regGap' | 'klToNE', number | null>;
}

describe('pins and Reproduce', () => {
  it('pins a race, then reproduces the current one with python3 and the CLI', async () => {
    // A page of its own context: axe needs one.
    const context = await app.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.url);
    await expect.poll(() => page.getByRole('button', { name: 'Play' }).isEnabled()).toBe(true);
    await page.getByRole('button', { name: 'Pin', exact: true }).click();
    const beta = page.getByRole('spinbutton', { name: /β/ }).first();
    await beta.fill('0.3');
    await beta.press('Enter');
    await expect.poll(() => page.locator('.pin-chip').allTextContents()).toEqual(['β 0.1×']);
    await expect
      .poll(() => page.locator('svg[aria-label^="Convergence"] [data-pin]').count())
      .toBe(1);
    expect(
      await page.locator('svg[aria-label^="Convergence"]').getAttribute('aria-label'),
    ).toContain('pinned races in grey: β 0.1');

    // Shorter races keep the check quick.
    const iterations = page.getByRole('spinbutton', { name: 'Iterations' });
    await iterations.fill('150');
    await iterations.press('Enter');
    await expect.poll(() => page.locator('.iteration').textContent()).toMatch(/\/ 150$/);
    await page.getByRole('button', { name: 'Reproduce' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reproduce this race' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/reproduce.png` });
    // The dialog and the pin chips pass axe (no serious or critical violation).
    const { violations } = await new AxeBuilder({ page })
      .include('.reproduce-dialog')
      .include('.chart-controls')
      .analyze();
    expect(
      violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
    const commands = (await dialog.getByLabel('The CLI commands').textContent())!;
    const script = (await dialog.getByLabel('The Python script').textContent())!;
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => dialog.count()).toBe(0);

    const file = join(dir, 'race.py');
    writeFileSync(file, script);
    const py = JSON.parse(execFileSync('python3', [file], { encoding: 'utf8' })) as {
      solvers: { key: string; final: Final }[];
    };
    const gameFile = join(dir, 'game.json');
    writeFileSync(gameFile, commands.split(`<<'EOF'\n`)[1]!.split('\nEOF')[0]!);
    const runs = commands.split('\n').filter((l) => l.startsWith('npm run -s cli -- run '));
    expect(runs).toHaveLength(py.solvers.length);
    expect(py.solvers.length).toBe(6);
    for (const [j, line] of runs.entries()) {
      const argv = line
        .slice('npm run -s cli -- '.length)
        .split(' ')
        .map((w) => (w === 'game.json' ? gameFile : w));
      expect(argv).toContain('--beta');
      expect(argv[argv.indexOf('--beta') + 1]).toBe('0.3');
      const r = await main(argv);
      expect(r.stderr).toBe('');
      const cli = (JSON.parse(r.stdout) as { final: Final }).final;
      const got = py.solvers[j]!.final;
      got.policy.forEach((p, i) => expect(Math.abs(p - cli.policy[i]!)).toBeLessThanOrEqual(1e-12));
      for (const m of ['exploitability', 'regGap', 'klToNE'] as const)
        expect(Math.abs(got.metrics[m]! - cli.metrics[m]!)).toBeLessThanOrEqual(1e-12);
    }
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
