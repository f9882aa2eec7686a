/**
 * Big games (issue 25): exact races above FULL_RESOLUTION_MAX_K actions keep about RACE_POINTS
 * samples, whose metrics equal the full-resolution race's at the kept iterations; they are drawn in
 * two rounds (their first tenth, then the whole race); the β = 0 LP is solved up to
 * RACE_NASH_MAX_K (every game since the certified subgame LP); matVec's blocked loop is bit-identical to the plain one; equilibria of big
 * games are cached by content.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  DIRECT_NEWTON_MIN_K,
  directNewton,
  EQUILIBRIUM_TOLERANCE,
  gameFingerprint,
  solveByContinuation,
  solveEquilibrium,
} from '../../../src/core/equilibrium';
import { MAX_ACTIONS, type Game } from '../../../src/core/game';
import { staysWithinFrom } from '../../../src/core/hitting';
import { matVec } from '../../../src/core/numeric';
import { buildPreset } from '../../../src/core/presets';
import { parseGame } from '../../../src/core/validate';
import { ReferenceEngine } from '../../../src/engine/reference';
import type { BatchSpec } from '../../../src/engine/types';
import {
  FULL_RESOLUTION_MAX_K,
  KL_HIT_EPSILON,
  RACE_NASH_MAX_K,
  RACE_POINTS,
  raceEntries,
  raceFromResult,
  raceSpec,
  raceStride,
  type Race,
  type RaceSettings,
} from '../../../src/experiment/race';

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
    cancelScope: () => {},
    chooseRaceEngine: () => 'reference',
  };
});

const { computeRace, previewSpec } = await import('../../../src/ui/raceRunner');

const big = parseGame(buildPreset('random:80:1'));

function settings(over: Partial<RaceSettings> = {}): RaceSettings {
  return { game: big, beta: 0.1, solvers: ['nash-mp', 'inpo'], params: {}, budget: 1000, ...over };
}

describe('thinned exact races on big games', () => {
  it('keeps every iteration up to FULL_RESOLUTION_MAX_K actions, about RACE_POINTS beyond', () => {
    expect(raceStride(6, FULL_RESOLUTION_MAX_K, 2000, false)).toBe(1);
    expect(raceStride(6, FULL_RESOLUTION_MAX_K + 1, 2000, false)).toBe(2000 / RACE_POINTS);
    expect(raceStride(6, 1024, 2000, false)).toBe(4);
    expect(raceStride(6, 1024, 300, false)).toBe(1);
    expect(raceSpec(settings()).every).toBe(2);
  });

  it('has the full race’s metrics and policies at the iterations it keeps', () => {
    const s = settings();
    const { entries } = raceEntries(s);
    const spec = raceSpec(s, entries);
    const thin = raceFromResult(s, entries, new ReferenceEngine().runSync(spec), 1);
    const full = raceFromResult(
      s,
      entries,
      new ReferenceEngine().runSync({ ...spec, every: 1 }),
      1,
    );
    expect(thin.every).toBe(2);
    // Both solvers come within ε in the budget: the hitting times compared below are real ones.
    expect(thin.traces.every((t) => t.klHitTime! > 0)).toBe(true);
    expect(thin.traces[0]!.times.length).toBe(501);
    for (const [j, trace] of thin.traces.entries()) {
      const whole = full.traces[j]!;
      trace.times.forEach((t, s) => {
        expect(whole.times[t]).toBe(t);
        expect(trace.klToNE[s]).toBe(whole.klToNE[t]);
        expect(trace.exploitability[s]).toBe(whole.exploitability[t]);
        expect(trace.regGap[s]).toBe(whole.regGap[t]);
      });
      // The exact KL hitting time (checked by the engine every step) is the full trace's.
      expect(trace.klHitTime).toBe(staysWithinFrom(whole.klToNE, KL_HIT_EPSILON));
      expect(Array.from(trace.policies.subarray(-big.K))).toEqual(
        Array.from(whole.policies.subarray(-big.K)),
      );
    }
  });

  it('solves the β = 0 LP up to RACE_NASH_MAX_K = 1,024 actions (every game), none above', () => {
    expect(RACE_NASH_MAX_K).toBe(MAX_ACTIONS);
    expect(raceSpec(settings()).nash).toBe(true);
    const largest = { ...big, K: MAX_ACTIONS } as Game;
    expect(raceSpec(settings({ game: largest, solvers: [] })).nash).toBe(true);
    const huge = { ...big, K: RACE_NASH_MAX_K + 1 } as Game;
    expect(raceSpec(settings({ game: huge, solvers: [] })).nash).toBe(false);
  });
});

describe('big races in two rounds', () => {
  it('draws the first tenth, then gives exactly the one-round race; progress rises to 1', async () => {
    const s = settings({ budget: 400 });
    const { entries } = raceEntries(s);
    const spec = raceSpec(s, entries);
    expect(previewSpec(s, spec)!.steps).toBe(40);
    // The first look leaves the β = 0 LP to the whole race.
    expect(spec.nash).toBe(true);
    expect(previewSpec(s, spec)!.nash).toBe(false);
    expect(previewSpec(settings({ game: parseGame(buildPreset('rps')) }), spec)).toBeNull();
    const previews: Race[] = [];
    const fractions: number[] = [];
    const outcome = await computeRace(
      s,
      (done, total) => fractions.push(done / total),
      (race) => previews.push(race),
    );
    const race = outcome && 'race' in outcome ? outcome.race : null;
    const oneRound = raceFromResult(s, entries, new ReferenceEngine().runSync(spec), 1);
    expect(previews).toHaveLength(1);
    expect(previews[0]!.budget).toBe(40);
    expect(previews[0]!.nash.every(Number.isNaN)).toBe(true);
    expect(race!.nash.every(Number.isFinite)).toBe(true);
    expect(race!.budget).toBe(400);
    for (const [j, trace] of race!.traces.entries()) {
      expect(Array.from(trace.klToNE)).toEqual(Array.from(oneRound.traces[j]!.klToNE));
      // The preview is the race's first iterations.
      const first = previews[0]!.traces[j]!;
      expect(Array.from(first.klToNE)).toEqual(Array.from(trace.klToNE.subarray(0, 41)));
    }
    expect(fractions.at(-1)).toBeCloseTo(1, 12);
    for (let i = 1; i < fractions.length; i++)
      expect(fractions[i]!).toBeGreaterThanOrEqual(fractions[i - 1]! - 1e-12);
  });
});

describe('matVec', () => {
  it('is bit-identical to the plain row-by-row loop', () => {
    for (const K of [1, 3, 4, 7, 64, 129]) {
      const M = Float64Array.from({ length: K * K }, (_, i) => Math.sin(i * 12.9898) * 0.5 + 0.5);
      const v = Float64Array.from({ length: K }, (_, i) => Math.cos(i * 78.233) / K);
      const plain = new Float64Array(K);
      for (let i = 0; i < K; i++) {
        let s = 0;
        for (let j = 0; j < K; j++) s += M[i * K + j]! * v[j]!;
        plain[i] = s;
      }
      expect(Array.from(matVec(M, v, K, new Float64Array(K)))).toEqual(Array.from(plain));
    }
  });
});

describe('equilibria of big games', () => {
  it('are cached by content: a copy of the game (as a worker receives it) is not solved again', () => {
    const copy = parseGame(buildPreset('random:80:1'));
    expect(copy).not.toBe(big);
    expect(gameFingerprint(copy)).toBe(gameFingerprint(big));
    expect(gameFingerprint(parseGame(buildPreset('random:80:2')))).not.toBe(gameFingerprint(big));
    expect(solveEquilibrium(copy, 0.1)).toBe(solveEquilibrium(big, 0.1));
    // Small games are cached per object only.
    const rps = parseGame(buildPreset('rps'));
    expect(solveEquilibrium(parseGame(buildPreset('rps')), 0.1)).not.toBe(
      solveEquilibrium(rps, 0.1),
    );
  });
});

describe('π*_β of big games: Newton at β directly', () => {
  const game = parseGame(buildPreset(`random:${DIRECT_NEWTON_MIN_K}:3`));

  it('agrees with the continuation from β = 1 to rounding', () => {
    for (const beta of [0.5, 1, 2]) {
      const direct = directNewton(game, beta)!;
      const continued = solveByContinuation(game, beta);
      for (let i = 0; i < game.K; i++) expect(direct[i]).toBeCloseTo(continued[i]!, 12);
      const eq = solveEquilibrium(game, beta);
      expect(eq.regGap).toBeLessThan(EQUILIBRIUM_TOLERANCE);
      expect(Array.from(eq.logPolicy)).toEqual(Array.from(direct));
    }
  });

  it('leaves small β (a slow contraction) to the continuation', () => {
    // 126 steps at β = 0.1 are more than 2K/3 = 85: four Newton steps cost less.
    expect(directNewton(game, 0.1)).toBeNull();
    expect(solveEquilibrium(game, 0.01).regGap).toBeLessThan(EQUILIBRIUM_TOLERANCE);
  });
});
