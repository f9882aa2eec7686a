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

/** The race, or why no solver can run, or null when a newer request replaced this one. */
export async function computeRace(
  settings: RaceSettings,
  onProgress?: (done: number, total: number) => void,
  engine: RaceEngine = 'auto',
): Promise<RaceOutcome> {
  const { entries, refused } = raceEntries(settings);
  if (entries.length === 0) {
    const why = Object.values(refused).join('; ');
    return { error: `No selected solver can run with these settings: ${why}` };
  }
  const spec = raceSpec(settings, entries);
  const scope = beginScope('race');
  try {
    const run = await scope.run(raceEngineOf(engine, spec), spec, onProgress);
    return run && { race: raceFromResult(settings, spec, run.result, run.ms, refused) };
  } finally {
    endScope(scope);
  }
}
