/**
 * The comparisons bootstrap (votes resampled per pair, B = 200): per resample π*_β and the β = 0
 * equilibrium, on one worker per core, cancelled when its inputs change. Open only for a game
 * imported from comparisons (it carries its counts).
 */
import type { ViewDefinition } from './types';

export const bootstrapView: ViewDefinition<'bootstrap'> = {
  id: 'bootstrap',
  isOn: (c) => c.open.includes('bootstrap') && c.game.counts !== undefined,
  dependsOn: (c) => [c.game, c.beta],
  async compute(ctx, { scope, workers }) {
    const t0 = performance.now();
    // The resampling code (and its RNG library) loads with the first bootstrap, not with the page.
    const [{ DEFAULT_RESAMPLES }, { createBootstrapWorker }, { bootstrapInWorkers }] =
      await Promise.all([
        import('../../comparisons/bootstrap'),
        import('../../comparisons/browser'),
        import('../../comparisons/parallel'),
      ]);
    try {
      const data = await bootstrapInWorkers(
        ctx.game,
        { beta: ctx.beta, resamples: DEFAULT_RESAMPLES },
        { workers, createWorker: createBootstrapWorker, signal: scope.signal },
      );
      if (scope.cancelled) return null;
      const backend = `float64 × ${workers} workers`;
      return { data, info: { ms: performance.now() - t0, engine: 'bootstrap', backend } };
    } catch (e) {
      if (scope.cancelled) return null;
      throw e;
    }
  },
};
