/** Shared e2e plumbing: build once, serve with `vite preview`, drive Debian's Chromium. */
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, expect } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = 'test-results/screenshots';

/** Flags (docs/browser.md): WebGPU through SwiftShader, no network chatter, root-safe. */
export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function startApp(): Promise<{ url: string; server: PreviewServer }> {
  // The e2e build adds the engine probes' page (tests/e2e/probes/); the app's own build has none.
  await build({
    logLevel: 'error',
    build: {
      outDir: 'dist',
      rollupOptions: {
        input: {
          main: 'index.html',
          bench: 'bench.html',
          probes: 'tests/e2e/probes/index.html',
        },
      },
    },
  });
  const server = await preview({
    logLevel: 'error',
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  return { url, server };
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: run \`npm test\` (it installs Debian's chromium) or set CHROMIUM_PATH`,
    );
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export interface AppFixture {
  /** Base URL of the built app (ends with '/'). */
  readonly url: string;
  readonly browser: Browser;
}

/**
 * Registers beforeAll/afterAll that build and serve the app and launch Chromium once per file;
 * the returned object is filled in by the time the tests run.
 */
export function useApp(): AppFixture {
  const fixture = {} as { url: string; browser: Browser; server: PreviewServer };
  beforeAll(async () => {
    const app = await startApp();
    fixture.url = app.url;
    fixture.server = app.server;
    fixture.browser = await launchChromium();
  });
  afterAll(async () => {
    await fixture.browser?.close();
    await new Promise<void>((resolve) => fixture.server?.httpServer.close(() => resolve()));
  });
  return fixture;
}

/** A new 1400 × 1000 page on the app, once its first race is ready; page errors are collected. */
export async function openApp(app: AppFixture): Promise<{ page: Page; errors: string[] }> {
  const page = await app.browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.url);
  await expect.poll(() => page.getByRole('button', { name: 'Play' }).isEnabled()).toBe(true);
  return { page, errors };
}
