/** The browser's bootstrap workers (module workers bundled by Vite). */
import type { BootstrapWorker } from './parallel';

export function createBootstrapWorker(): BootstrapWorker {
  return new Worker(new URL('./bootstrap.worker.ts', import.meta.url), {
    type: 'module',
    name: 'nash-bootstrap',
  }) as unknown as BootstrapWorker;
}
