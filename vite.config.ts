import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { crossOriginIsolation, ISOLATION_HEADERS } from './scripts/vite-coi.ts';
import { threadedWasm } from './scripts/vite-threaded-wasm.ts';

export default defineConfig({
  // Relative asset paths so the built page also works from a sub-folder (e.g. GitHub Pages).
  base: './',
  plugins: [react(), threadedWasm(), crossOriginIsolation()],
  // Isolated pages get SharedArrayBuffer, which the threaded wasm build needs.
  server: { headers: ISOLATION_HEADERS },
  preview: { headers: ISOLATION_HEADERS },
  // The dev server pre-bundles tfjs apart from the plugins above; the fix must apply there too.
  optimizeDeps: { rolldownOptions: { plugins: [threadedWasm()] } },
  build: {
    target: 'es2022',
    rollupOptions: { input: { main: 'index.html', bench: 'bench.html' } },
  },
  // The engine worker bundles tfjs with its own plugin list.
  worker: { format: 'es', plugins: () => [threadedWasm()] },
  test: {
    // A missing snapshot fails instead of being written (as an obsolete one does): snapshots are
    // recorded or updated only on purpose, with `-u` (which overrides this).
    update: 'none',
    // Budgets, not assertions: CI machines may be busy (both cores taken by something else), and
    // a correctness test must not fail because it ran slowly. Nothing asserts on wall time.
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'gpu',
          include: ['tests/gpu/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/gpu/setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 300_000,
          expect: { poll: { timeout: 60_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
