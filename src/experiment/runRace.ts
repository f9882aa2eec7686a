/**
 * A race run on the engines the page hands in: entries → batch → run → the race. The page's race
 * runner and the fair race's two races both come through here.
 */
import type { EngineName } from '../engine/types';
import { raceEntries, raceFromResult, raceSpec, type Race, type RaceSettings } from './race';
import type { EngineScope } from './views/types';

export async function runRace(
  scope: EngineScope,
  settings: RaceSettings,
  engine: EngineName = 'auto',
  progress?: (fraction: number) => void,
): Promise<Race | null> {
  const { entries, refused } = raceEntries(settings);
  const spec = raceSpec(settings, entries);
  const run = await scope.run(
    engine,
    spec,
    progress && ((done, total) => progress(total > 0 ? done / total : 0)),
  );
  return run && raceFromResult(settings, entries, run.result, run.ms, refused);
}
