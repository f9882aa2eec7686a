/**
 * A sampled race draws its first seeds while the rest compute: the preview is the median over
 * PREVIEW_SEEDS seeds, the final race is exactly the one-round race, progress counts both rounds.
 */
import { describe, expect, it, vi } from 'vitest';
import { buildPreset } from '../../../src/core/presets';
import { parseGame } from '../../../src/core/validate';
import { ReferenceEngine } from '../../../src/engine/reference';
import type { BatchSpec } from '../../../src/engine/types';
import { raceEntries, raceFromResult, raceSpec, type Race } from '../../../src/experiment/race';

// The page's engine entry, with the float64 reference in place of the worker pool.
vi.mock('../../../src/engine/page', () => {
  class RunScope {
    cancelled = false;
    async run(_engine: string, spec: BatchSpec, onProgress?: (d: number, t: number) => void) {
      const result = await new ReferenceEngine().run(spec, onProgress ? { onProgress } : {});
      return { result, ms: 1 };
    }
  }
  return {
    beginScope: () => new RunScope(),
    endScope: () => {},
    chooseRaceEngine: () => 'reference',
  };
});

const { computeRace, PREVIEW_SEEDS, previewSeedsOf } = await import('../../../src/ui/raceRunner');

describe('sampled races in two rounds', () => {
  it('previews the first seeds, then gives exactly the one-round race', async () => {
    const settings = {
      game: parseGame(buildPreset('weighted-rps')),
      beta: 0.1,
      solvers: ['nash-mp', 'inpo'] as const,
      params: {},
      budget: 40,
      queries: { kind: 'sampled' as const, samples: 20, seed: 5 },
      seeds: 256,
    };
    const s = { ...settings, solvers: [...settings.solvers] };
    const previews: Race[] = [];
    const fractions: number[] = [];
    const outcome = await computeRace(
      s,
      (done, total) => fractions.push(done / total),
      (race) => previews.push(race),
    );
    expect(previews).toHaveLength(1);
    expect(previews[0]!.seeds).toBe(PREVIEW_SEEDS);
    const race = outcome && 'race' in outcome ? outcome.race : null;
    expect(race!.seeds).toBe(256);
    const { entries } = raceEntries(s);
    const spec = raceSpec(s, entries);
    const oneRound = raceFromResult(s, entries, new ReferenceEngine().runSync(spec), 1);
    expect(Array.from(race!.traces[1]!.klToNE)).toEqual(Array.from(oneRound.traces[1]!.klToNE));
    // The preview is the quartiles over the first 32 seeds of the same runs.
    const first = { ...s, seeds: PREVIEW_SEEDS };
    const previewRace = raceFromResult(
      first,
      entries,
      new ReferenceEngine().runSync(raceSpec(first, entries)),
      1,
    );
    expect(Array.from(previews[0]!.traces[0]!.klToNE)).toEqual(
      Array.from(previewRace.traces[0]!.klToNE),
    );
    // Progress rises through both rounds to 1.
    expect(fractions.at(-1)).toBeCloseTo(1, 12);
    for (let i = 1; i < fractions.length; i++)
      expect(fractions[i]!).toBeGreaterThanOrEqual(fractions[i - 1]! - 1e-12);
    expect(fractions.some((f) => f > 0 && f <= PREVIEW_SEEDS / (PREVIEW_SEEDS + 256) + 1e-12)).toBe(
      true,
    );
  });

  it('a classroom race (32 or 64 seeds) previews a quarter of its seeds', async () => {
    expect([32, 64, 256, 512, 1024].map(previewSeedsOf)).toEqual([8, 16, 32, 32, 32]);
    const previews: Race[] = [];
    const outcome = await computeRace(
      {
        game: parseGame(buildPreset('rps')),
        beta: 0.1,
        solvers: ['nash-mp'],
        params: {},
        budget: 20,
        queries: { kind: 'sampled', samples: 20, seed: 0 },
        seeds: 32,
      },
      undefined,
      (race) => previews.push(race),
    );
    expect(previews.map((r) => r.seeds)).toEqual([8]);
    expect(outcome && 'race' in outcome ? outcome.race.seeds : null).toBe(32);
  });

  it('exact races take one round', async () => {
    const previews: Race[] = [];
    await computeRace(
      {
        game: parseGame(buildPreset('rps')),
        beta: 0.1,
        solvers: ['nash-mp'],
        params: {},
        budget: 20,
      },
      undefined,
      (race) => previews.push(race),
    );
    expect(previews).toHaveLength(0);
  });
});
