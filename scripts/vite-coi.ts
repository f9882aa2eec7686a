/**
 * Cross-origin isolation for the built app on static hosts that cannot send headers (GitHub
 * Pages): the npm package coi-serviceworker registers a service worker that adds COOP/COEP to
 * every response, after one reload. The page loads it as a classic script before anything else;
 * where the server already isolates the page (dev and preview send the headers) it does nothing.
 * This plugin ships the file beside the pages in a build and serves it in dev.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

export const COI_FILE = 'coi-serviceworker.js';

/** COOP/COEP: what makes SharedArrayBuffer (and so threaded wasm) available to the page. */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

function source(): string {
  const require = createRequire(import.meta.url);
  return readFileSync(require.resolve('coi-serviceworker/coi-serviceworker.min.js'), 'utf8');
}

export function crossOriginIsolation(): Plugin {
  return {
    name: 'nash-cross-origin-isolation',
    configureServer(server) {
      server.middlewares.use(`/${COI_FILE}`, (_req, res) => {
        res.setHeader('Content-Type', 'text/javascript');
        res.end(source());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: COI_FILE, source: source() });
    },
  };
}
