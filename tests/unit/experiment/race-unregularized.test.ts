/** A race with a refreshed solver and mpo: each trace carries its own target and refresh period. */
import { describe, expect, it } from 'vitest';
import { solveEquilibrium } from '../../../src/core/equilibrium';
import { buildPreset } from '../../../src/core/presets';
import { parseGame } from '../../../src/core/validate';
import { averageMetricsOf } from '../../../src/experiment/averages';
import { type RaceSettings } from '../../../src/experiment/race';
import { referenceRace } from '../fixtures';

const game = parseGame(buildPreset('rps-dud'));

function race(solvers: RaceSettings['solvers']) {
  const settings: RaceSettings = {
    game,
    beta: 0.1,
    solvers,
    params: { inpo: { eta: 1, refresh: 100 } },
    budget: 300,
  };
  return referenceRace(settings, 0);
}

describe('races on the unregularized game', () => {
  it('refreshed INPO and mpo are measured against π*₀; the race keeps π*_β', () => {
    const r = race(['inpo', 'mpo']);
    const eq0 = solveEquilibrium(game, 0).policy;
    for (const trace of r.traces) {
      expect(trace.targetBeta).toBe(0);
      expect(trace.refresh).toBe(100);
      expect(Array.from(trace.target)).toEqual(Array.from(eq0));
    }
    // No member targets π*_0.1, so the race solves it: the dud keeps mass there.
    expect(Array.from(r.equilibrium)).toEqual(Array.from(solveEquilibrium(game, 0.1).policy));
    expect(r.equilibrium[3]!).toBeGreaterThan(0.01);
  });

  it('a plain member supplies π*_β; the running average of a refreshed one is gauged at β = 0', () => {
    const r = race(['mpo', 'sppo', 'inpo']);
    expect(r.traces.map((t) => [t.solver, t.targetBeta, t.refresh])).toEqual([
      ['mpo', 0, 100],
      ['sppo', 0.1, 0],
      ['inpo', 0, 100],
    ]);
    expect(Array.from(r.equilibrium)).toEqual(Array.from(solveEquilibrium(game, 0.1).policy));
    const avg = averageMetricsOf(r, r.traces[2]!).values;
    const last = avg.regGap.length - 1;
    expect(avg.regGap[last]).toBe(2 * avg.exploitability[last]!);
    expect(avg.klToNE[last]).toBeGreaterThan(0);
  });
});
