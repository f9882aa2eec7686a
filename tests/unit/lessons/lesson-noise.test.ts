/**
 * The "Noise" lesson's numbers (src/lessons/builtin.ts), recomputed as the page races them: the
 * float64 reference engine, 32 seeds, medians over seeds (experimentRace → traceMetric).
 */
import { describe, expect, it } from 'vitest';
import { traceMetric, type TraceMetric } from '../../../src/experiment/averages';
import type { Race } from '../../../src/experiment/race';
import { builtinLesson, EGPO_GAME } from '../../../src/lessons/builtin';
import { experimentRace } from '../fixtures';

/** Noisy races of 20,000 iterations × 32 seeds on a busy CI machine. */
const NOISY_RACE_MS = 600_000;

const lesson = builtinLesson('noise')!.lesson;

function medians(race: Race, metric: TraceMetric) {
  const trace = race.traces[0]!;
  const values = traceMetric(race, trace, metric, 'last').values;
  const times = Array.from(trace.times);
  return {
    end: values[values.length - 1]!,
    from: (t0: number) => values.filter((_, s) => times[s]! >= t0),
    settles(eps: number): number {
      let t = -1;
      for (let s = values.length - 1; s >= 0 && values[s]! <= eps; s--) t = times[s]!;
      return t;
    },
  };
}

describe('Noise', () => {
  const pairs = lesson.slides[0]!.experiment;
  const weighted = lesson.slides[1]!.experiment;

  it('races EGPO on the EGPO game at β = 0.01, η 0.08, 20,000 iterations, 32 seeds, 100 samples', () => {
    for (const e of [pairs, weighted]) {
      expect([e.presetId, e.beta, e.budget, e.seeds, e.solvers]).toEqual([
        EGPO_GAME,
        0.01,
        20_000,
        32,
        ['egpo'],
      ]);
      expect(e.params.egpo).toEqual({ eta: 0.08 });
    }
    expect(pairs.queries).toEqual({ kind: 'pairs', samples: 100, seed: 0 });
    expect(weighted.queries).toEqual({ kind: 'sampled', samples: 100, seed: 0 });
  });

  it(
    'pairs: the median gap stays in [0.007, 0.030] after 2,000 and ends at 0.021 (KL 0.009); exact converges from 7,552',
    () => {
      const race = experimentRace(pairs);
      const gap = medians(race, 'regGap');
      const after = gap.from(2000);
      expect(Math.min(...after)).toBeGreaterThan(7e-3);
      expect(Math.max(...after)).toBeLessThan(3.0e-2);
      expect(gap.end.toFixed(3)).toBe('0.021');
      expect(medians(race, 'klToNE').end.toFixed(3)).toBe('0.009');
      const exactRace = experimentRace(pairs, { queries: { kind: 'exact' } });
      const exact = medians(exactRace, 'regGap');
      expect(exact.settles(1e-6)).toBe(7552);
      expect(medians(exactRace, 'klToNE').end).toBeLessThan(1e-13);
    },
    NOISY_RACE_MS,
  );

  it(
    'importance weighting: the median gap ends at 0.74 (KL 12); pairs-binary at 0.053 (KL 0.034)',
    () => {
      const race = experimentRace(weighted);
      expect(medians(race, 'regGap').end.toFixed(2)).toBe('0.74');
      expect(medians(race, 'klToNE').end.toFixed(0)).toBe('12');
      const binary = experimentRace(pairs, {
        queries: { kind: 'pairs-binary', samples: 100, seed: 0 },
      });
      expect(medians(binary, 'regGap').end.toFixed(3)).toBe('0.053');
      expect(medians(binary, 'klToNE').end.toFixed(3)).toBe('0.034');
      // μ's smallest probability, the weight 1/π that starts the blow-up.
      expect(Math.min(...weighted.game.reference).toFixed(3)).toBe('0.019');
    },
    NOISY_RACE_MS,
  );
});
