/**
 * Nash-MD's mixture weight `mix` (m): the opponent is π^μ ∝ π_t^(1−m)·μ^m, m = η_t·β by default.
 * The EGPO authors' code mixes with ηβ/2 (nash_md) and 2·lr/K (nash_md_pg); a fixed m makes
 * those baselines built-ins (the code mapping itself is in egpoVariants.test.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveEquilibrium } from '../../../src/core/equilibrium';
import { klFromLogs } from '../../../src/core/numeric';
import { buildPreset } from '../../../src/core/presets';
import { SolverRun } from '../../../src/core/run';
import { ParamError, resolveParams } from '../../../src/core/solvers';
import { parseGame } from '../../../src/core/validate';
import { main } from '../../../src/cli/main';
import { TfjsEngine } from '../../../src/engine/tfjs/engine';
import { DEFAULT_EXPERIMENT, type Experiment } from '../../../src/state/fields';
import { decodeExperiment, encodeExperiment } from '../../../src/state/link';
import { ENGINE_GAMES, policyGaps, reference } from '../engine-fixtures';
import { mixMembers } from '../nash-md-mix-fixtures';

const WRPS = parseGame(buildPreset('weighted-rps'));

function finalLog(solver: 'nash-md' | 'nash-md-pg', given: object, steps = 200): number[] {
  const params = resolveParams(solver, 0.1, given);
  const run = new SolverRun(WRPS, solver, params, WRPS.start);
  run.advance(steps);
  return Array.from(run.logPolicy);
}

describe('the mix parameter', () => {
  it('is accepted by nash-md and nash-md-pg only, in [0, 1], and defaults to ηβ (null)', () => {
    expect(resolveParams('nash-md', 0.1).mix).toBeNull();
    expect(resolveParams('nash-md', 0.1, { mix: 0.02 }).mix).toBe(0.02);
    expect(resolveParams('nash-md-pg', 0.1, { mix: 0 }).mix).toBe(0);
    expect(resolveParams('nash-md-pg', 0.1, { mix: 1 }).mix).toBe(1);
    for (const bad of [-0.1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const attempt = () => resolveParams('nash-md', 0.1, { mix: bad });
      expect(attempt).toThrow(ParamError);
      expect(attempt).toThrow(/mixture weight m must be a number in \[0, 1\]/);
    }
    try {
      resolveParams('egpo', 0.1, { mix: 0.1 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ParamError);
      expect((e as ParamError).param).toBe('mix');
    }
    expect(resolveParams('inpo', 0.1).mix).toBeNull();
  });

  it('m = ηβ given explicitly is the default, step for step', () => {
    expect(finalLog('nash-md', { eta: 0.4, mix: 0.04 })).toEqual(finalLog('nash-md', { eta: 0.4 }));
    expect(finalLog('nash-md-pg', { eta: 0.5, mix: 0.05 })).toEqual(
      finalLog('nash-md-pg', { eta: 0.5 }),
    );
  });

  it('another m moves the biased fixed point: halving m quarters the KL floor (WRPS, η 0.4)', () => {
    const params = (mix?: number) =>
      resolveParams('nash-md', 0.1, { eta: 0.4, ...(mix !== undefined ? { mix } : {}) });
    const eq = solveEquilibrium(WRPS, 0.1).logPolicy;
    const floor = (mix?: number): number => {
      const run = new SolverRun(WRPS, 'nash-md', params(mix), WRPS.start);
      run.advance(5000);
      return klFromLogs(eq, run.logPolicy);
    };
    const own = floor();
    const half = floor(0.02);
    // Both settle on a floor: the opponent's pull towards μ biases the fixed point by O(m), so
    // the KL floor scales like m² and the code's m = ηβ/2 sits about 4× lower than Nash-MD's own.
    expect(own).toBeGreaterThan(1e-8);
    expect(half / own).toBeGreaterThan(0.2);
    expect(half / own).toBeLessThan(0.3);
    expect(floor(0.02)).toBe(half);
  });
});

describe('mix on the tfjs engine', () => {
  beforeAll(() => {
    tf.env().set('PROD', true);
  });
  afterAll(() => {
    tf.engine().reset();
  });

  for (const game of ENGINE_GAMES) {
    it(`nash-md and nash-md-pg with and without m on ${game.name}: within 1e-4 of float64`, async () => {
      const spec = mixMembers(game);
      const result = await new TfjsEngine({ backends: ['cpu'] }).run(spec);
      const gaps = policyGaps(result, reference(spec));
      expect(Math.max(...gaps)).toBeLessThan(1e-4);
      expect(tf.memory().numTensors).toBeLessThan(50);
    });
  }

  it('a fixed m changes the iterates on tfjs as it does in float64', async () => {
    const spec = mixMembers(ENGINE_GAMES[1]!);
    const result = await new TfjsEngine({ backends: ['cpu'] }).run(spec);
    const ref = reference(spec);
    // Members 0 and 1 differ only by m: their final policies differ well above float32 noise.
    const last = (r: typeof ref, m: number): number[] => {
      const at = ((r.times.length - 1) * r.B + m) * r.K;
      return Array.from(r.logPolicies.subarray(at, at + r.K), Math.exp);
    };
    const apart = Math.max(...last(ref, 0).map((v, i) => Math.abs(v - last(ref, 1)[i]!)));
    expect(apart).toBeGreaterThan(1e-3);
    const apartTfjs = Math.max(...last(result, 0).map((v, i) => Math.abs(v - last(result, 1)[i]!)));
    expect(Math.abs(apartTfjs - apart)).toBeLessThan(1e-4);
  });
});

describe('mix in the CLI and in links', () => {
  it('--mix runs nash-md on the EGPO game, reported in params; bad values are input errors', async () => {
    const argv = ['run', '--game', 'egpo-grid:2018011309:1', '--solver', 'nash-md'];
    const ok = await main([...argv, '--eta', '0.4', '--mix', '0.02', '--steps', '10']);
    expect(ok.code).toBe(0);
    const doc = JSON.parse(ok.stdout) as { params: Record<string, unknown> };
    expect(doc.params).toMatchObject({ eta: 0.4, mix: 0.02 });
    // Without --mix the JSON is as before: no mix field.
    const plain = await main([...argv, '--eta', '0.4', '--steps', '10']);
    expect(JSON.parse(plain.stdout).params).not.toHaveProperty('mix');
    const game = ['run', '--game', 'egpo-grid:2018011309:1', '--steps', '2'];
    for (const [extra, message] of [
      [['--solver', 'nash-md', '--mix', '2'], 'mixture weight m must be a number in [0, 1]'],
      [['--solver', 'egpo', '--mix', '0.1'], "has no parameter 'mix'"],
    ] as const) {
      const r = await main([...game, ...extra]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
    }
  });

  it('a link carries mix and refuses an m outside [0, 1]', () => {
    const e: Experiment = {
      ...DEFAULT_EXPERIMENT,
      solvers: ['nash-md', 'nash-md-pg'],
      params: { 'nash-md': { eta: 0.4, mix: 0.02 }, 'nash-md-pg': { eta: 0.1, mix: 0.02 } },
    };
    const d = decodeExperiment(encodeExperiment(e));
    if (!d.ok) throw new Error(d.error);
    expect(d.value.params).toEqual(e.params);
    const bad = decodeExperiment(encodeExperiment({ ...e, params: { 'nash-md': { mix: 1.5 } } }));
    expect(bad.ok).toBe(false);
  });
});
