/**
 * Computes the race for the current experiment in the engine worker pool and hands it to the
 * store. A newer request cancels the one in flight (one "race" scope), so a dragged β slider
 * never queues stale work.
 */
import { beginScope, chooseRaceEngine, endScope } from '../engine/page';
import type { EngineName } from '../engine/types';
import {
  raceEntries,
  raceFromResult,
  raceSpec,
  seedsOf,
  type Race,
  type RaceSettings,
} from '../experiment/race';
import type { RaceEngine } from '../state/fields';

export type RaceOutcome = { race: Race } | { error: string } | null;

/** The engine a race runs on: the app's policy for `auto`, else the one the user forced. */
export function raceEngineOf(
  choice: RaceEngine,
  spec: Parameters<typeof chooseRaceEngine>[0],
): EngineName {
  return choice === 'auto' ? chooseRaceEngine(spec) : choice;
}

/** Seeds per solver of a sampled race's first look, drawn while the full race computes. */
export const PREVIEW_SEEDS = 32;

/**
 * The race, or why no solver can run, or null when a newer request replaced this one. A sampled
 * race with more seeds than PREVIEW_SEEDS is computed in two rounds in one scope: its first
 * PREVIEW_SEEDS seeds (handed to `onPreview`, so the charts show median and band over them within
 * an eighth of the time), then all of them (the same seeds again, so the final race is exactly
 * the one-round race; the repeat costs 1/8 more at 256 seeds, 1/32 at 1,024). Progress counts
 * both rounds. `engine`: the user's choice (auto: the app's policy).
 */
export async function computeRace(
  settings: RaceSettings,
  onProgress?: (done: number, total: number) => void,
  onPreview?: (race: Race) => void,
  engine: RaceEngine = 'auto',
): Promise<RaceOutcome> {
  const { entries, refused } = raceEntries(settings);
  if (entries.length === 0) {
    const why = Object.values(refused)
      .map((r) => `${r.name}: ${r.message}`)
      .join('; ');
    return { error: `No selected solver can run with these settings: ${why}` };
  }
  const seeds = seedsOf(settings);
  const preview = onPreview !== undefined && seeds > PREVIEW_SEEDS;
  const spec = raceSpec(settings, entries);
  const scope = beginScope('race');
  try {
    // Progress in seeds: the preview round counts PREVIEW_SEEDS, the full round all of them.
    const total = preview ? PREVIEW_SEEDS + seeds : seeds;
    const progressFrom =
      (base: number, size: number) =>
      (done: number, of: number): void =>
        onProgress?.(base + (size * done) / Math.max(1, of), total);
    if (preview) {
      const first = { ...settings, seeds: PREVIEW_SEEDS };
      const firstSpec = raceSpec(first, entries);
      const run = await scope.run(
        raceEngineOf(engine, firstSpec),
        firstSpec,
        progressFrom(0, PREVIEW_SEEDS),
      );
      if (!run) return null;
      onPreview(raceFromResult(first, entries, run.result, run.ms, refused));
    }
    const progress = progressFrom(total - seeds, seeds);
    const run = await scope.run(raceEngineOf(engine, spec), spec, progress);
    return run && { race: raceFromResult(settings, entries, run.result, run.ms, refused) };
  } finally {
    endScope(scope);
  }
}
