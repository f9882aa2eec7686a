/**
 * Computes the race for the current experiment in the engine worker pool and hands it to the
 * store. A newer request cancels the one in flight (one "race" scope), so a dragged β slider
 * never queues stale work.
 */
import { beginScope, cancelScope, chooseRaceEngine, endScope, type RunScope } from '../engine/page';
import type { BatchSpec, EngineName } from '../engine/types';
import {
  FULL_RESOLUTION_MAX_K,
  raceEntries,
  raceFromResult,
  raceSpec,
  seedsOf,
  type Race,
  type RaceEntry,
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
 * The first look's seeds for a race of `seeds`: PREVIEW_SEEDS, but a quarter of a small race
 * (8 of 32, 16 of 64), so that a classroom race also shows its first seeds within a quarter of
 * its time (the repeat costs a quarter more); 0 (no first look) below 4 seeds.
 */
export function previewSeedsOf(seeds: number): number {
  return Math.min(PREVIEW_SEEDS, Math.floor(seeds / 4));
}

/**
 * An exact race on a game above FULL_RESOLUTION_MAX_K actions first computes about this share of
 * its iterations (a race of its own, drawn while the whole one computes): at K = 1,024 a whole
 * race takes tens of seconds on a CPU, its first tenth a few. The repeat costs a tenth more.
 */
export const PREVIEW_SHARE = 0.1;

/** From this many seconds on, a race that has not reported progress yet shows it at 0 %. */
export const PROGRESS_AFTER_S = 1;

/**
 * The first-look spec of an exact race on a big game: its first ⌈PREVIEW_SHARE · budget⌉
 * iterations (rounded up to whole strides), sampled at the full race's stride so that its samples
 * are the full race's first ones; null where the race is drawn in one round. It solves no β = 0
 * LP (`Race.nash`, 0.6 s of a 3 s first look at K = 256, seconds at K = 1,024): the whole race brings it, and until
 * then the simplex shows no Nash mark and the β control says nothing about uniqueness.
 */
export function previewSpec(settings: RaceSettings, spec: BatchSpec): BatchSpec | null {
  if ((settings.queries?.kind ?? 'exact') !== 'exact' || settings.game.K <= FULL_RESOLUTION_MAX_K)
    return null;
  const steps = spec.every * Math.ceil((PREVIEW_SHARE * spec.steps) / spec.every);
  return steps < spec.steps ? { ...spec, steps, nash: false } : null;
}

/** Cancels the race in flight: the race shown (if any) stays, and so do the settings. */
export function cancelRace(): void {
  cancelScope('race');
}

/**
 * The race, or why no solver can run, or null when a newer request (or cancelRace) replaced this
 * one. An exact race on a big game (see previewSpec) hands its first iterations to `onPreview`
 * first (a race whose budget is that share), then computes the whole race. A sampled
 * race is computed in two rounds in one scope: its first previewSeedsOf(seeds) seeds (handed to
 * `onPreview`, so the charts show median and band over them within an eighth of the time at 256
 * seeds, a quarter at 32 or 64), then all of them (the same seeds again, so the final race is
 * exactly the one-round race; the repeat costs 1/4 more at 32 or 64 seeds, 1/8 at 256, 1/32 at
 * 1,024). Progress counts
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
  const spec = raceSpec(settings, entries);
  const scope = beginScope('race');
  // Nothing heard after PROGRESS_AFTER_S (calibration, equilibria): show the bar at 0 % anyway.
  let heard = false;
  const kick = setTimeout(() => {
    if (!heard && !scope.cancelled) onProgress?.(0, 1);
  }, PROGRESS_AFTER_S * 1000);
  const report =
    onProgress &&
    ((done: number, total: number) => {
      heard = true;
      onProgress(done, total);
    });
  try {
    const first = onPreview ? previewSpec(settings, spec) : null;
    if (first && onPreview) {
      // Progress in iterations over both rounds.
      const total = first.steps + spec.steps;
      const firstSettings = { ...settings, budget: first.steps };
      // Under auto the first look runs on the float64 reference (the pool still shards it) and
      // leaves auto's calibration to the whole race: calibrating first put ~1.3 s of probes
      // before the first line at K = 256 (4.1 s → 2.7 s, `bench --big`), and the whole race pays
      // for the probes either way.
      const run = await scope.run(engine === 'auto' ? 'reference' : engine, first, (done, of) =>
        report?.((first.steps * done) / Math.max(1, of), total),
      );
      if (!run) return null;
      onPreview(raceFromResult(firstSettings, entries, run.result, run.ms, refused));
      const rest = await scope.run(raceEngineOf(engine, spec), spec, (done, of) =>
        report?.(first.steps + (spec.steps * done) / Math.max(1, of), total),
      );
      return rest && { race: raceFromResult(settings, entries, rest.result, rest.ms, refused) };
    }
    return await computeByRounds(
      { settings, entries, refused, spec, scope, engine },
      report,
      onPreview,
    );
  } finally {
    clearTimeout(kick);
    endScope(scope);
  }
}

/** A race's inputs as computeRace prepared them. */
interface Prepared {
  settings: RaceSettings;
  entries: RaceEntry[];
  refused: Race['refused'];
  spec: BatchSpec;
  scope: RunScope;
  engine: RaceEngine;
}

/** One round, or a sampled race's two (its first previewSeedsOf(seeds), then all of them). */
async function computeByRounds(
  { settings, entries, refused, spec, scope, engine }: Prepared,
  onProgress: ((done: number, total: number) => void) | undefined,
  onPreview: ((race: Race) => void) | undefined,
): Promise<RaceOutcome> {
  const seeds = seedsOf(settings);
  const previewSeeds = previewSeedsOf(seeds);
  const preview = onPreview !== undefined && previewSeeds > 0;
  // Progress in seeds: the preview round counts its seeds, the full round all of them.
  const total = preview ? previewSeeds + seeds : seeds;
  const progressFrom =
    (base: number, size: number) =>
    (done: number, of: number): void =>
      onProgress?.(base + (size * done) / Math.max(1, of), total);
  if (preview) {
    const first = { ...settings, seeds: previewSeeds };
    const firstSpec = raceSpec(first, entries);
    const run = await scope.run(
      raceEngineOf(engine, firstSpec),
      firstSpec,
      progressFrom(0, previewSeeds),
    );
    if (!run) return null;
    onPreview(raceFromResult(first, entries, run.result, run.ms, refused));
  }
  const run = await scope.run(raceEngineOf(engine, spec), spec, progressFrom(total - seeds, seeds));
  return run && { race: raceFromResult(settings, entries, run.result, run.ms, refused) };
}
