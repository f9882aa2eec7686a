/** The experiment as a link: the field table's round trips, and refusal of broken, old and hostile links. */
import fc from 'fast-check';
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { buildPreset, PRESETS } from '../../../src/core/presets';
import { SOLVER_IDS, type SolverId } from '../../../src/core/solvers';
import { parseGame } from '../../../src/core/validate';
import {
  DEFAULT_EXPERIMENT,
  experimentToJson,
  FIELDS,
  type Experiment,
} from '../../../src/state/fields';
import { decodeExperiment, encodeExperiment, MAX_LINK_LENGTH } from '../../../src/state/link';

function experiment(over: Partial<Experiment> = {}): Experiment {
  return { ...DEFAULT_EXPERIMENT, ...over };
}

const display = {
  xAxis: 'queries',
  gapMetric: 'exploitability',
  iterate: 'average',
  speed: 20,
} as const;

function decoded(text: string): Experiment {
  const d = decodeExperiment(text);
  if (!d.ok) throw new Error(d.error);
  return d.value;
}

describe('the field table', () => {
  it('has one entry per experiment field, each with a check', () => {
    expect(FIELDS.map((f) => f.key).sort()).toEqual(Object.keys(DEFAULT_EXPERIMENT).sort());
  });

  it('property: any preset, β, solver selection and display survive encode → decode', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PRESETS.map((p) => p.id)),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.subarray([...SOLVER_IDS]),
        fc.constantFrom('iterations', 'queries'),
        fc.integer({ min: 1, max: 5000 }),
        (preset, beta, solvers, xAxis, budget) => {
          const game = parseGame(buildPreset(preset));
          const back = decoded(
            encodeExperiment(
              experiment({
                presetId: preset,
                game,
                beta,
                solvers: solvers as SolverId[],
                budget,
                ...display,
                xAxis,
              }),
            ),
          );
          expect(back.presetId).toBe(preset);
          expect(back.beta).toBe(beta);
          expect(back.solvers).toEqual(solvers);
          expect(back.budget).toBe(budget);
          expect(back.xAxis).toBe(xAxis);
          expect(back.iterate).toBe('average');
          expect(Array.from(back.game.P)).toEqual(Array.from(game.P));
        },
      ),
      { numRuns: 200, seed: 3 },
    );
  });

  it('the engine travels under `engine`, left out when auto so older links read the same', () => {
    const auto = experimentToJson(experiment());
    expect(auto).not.toHaveProperty('engine');
    for (const engine of ['fused', 'tfjs', 'reference'] as const) {
      const json = experimentToJson(experiment({ engine }));
      expect(json.engine).toBe(engine);
      expect(decoded(encodeExperiment(experiment({ engine }))).engine).toBe(engine);
    }
    // A link from before the choice existed, and one with an engine this version does not know.
    expect(decoded(encodeExperiment(experiment())).engine).toBe('auto');
    const unknown = `v1.${LZString.compressToEncodedURIComponent(
      JSON.stringify({ v: 1, ...experimentToJson(experiment()), engine: '<img src=x>' }),
    )}`;
    expect(decoded(unknown).engine).toBe('auto');
  });

  it('an edited game, a moved start and solver parameters travel whole', () => {
    const base = parseGame(buildPreset('weighted-rps'));
    const game = parseGame({
      name: 'Custom',
      actions: ['x', 'y', 'z'],
      preference: [
        [0.5, 0.3, 0.9],
        [0.7, 0.5, 0.2],
        [0.1, 0.8, 0.5],
      ],
      start: [0.5, 0.25, 0.25],
    });
    const back = decoded(
      encodeExperiment(
        experiment({
          presetId: 'custom',
          game,
          beta: 0.05,
          solvers: ['nash-mp', 'mnpo'],
          params: { mnpo: { players: 4, eta: 0.5 }, 'nash-mp': { inner: 20, innerStep: 0.5 } },
          budget: 1000,
        }),
      ),
    );
    expect(back.game.actions).toEqual(['x', 'y', 'z']);
    expect(Array.from(back.game.start)).toEqual([0.5, 0.25, 0.25]);
    expect(back.params).toEqual({
      mnpo: { players: 4, eta: 0.5 },
      'nash-mp': { inner: 20, innerStep: 0.5 },
    });
    const moved = experiment({
      presetId: 'weighted-rps',
      game: { ...base, start: Float64Array.from([0.1, 0.1, 0.8]) },
      solvers: ['egpo'],
    });
    expect(experimentToJson(moved).preset).toBe('weighted-rps');
    expect(Array.from(decoded(encodeExperiment(moved)).game.start)).toEqual([0.1, 0.1, 0.8]);
  });

  it('links made by the previous codec (before the field table) still open, field for field', () => {
    // Made with the v1 encoder of src/state/urlState.ts as it was before the table replaced it.
    const [presetLink, customLink] = [
      'v1.N4IgbiBcCMA0IAcBOBTAzigLlEB3FAlgOYAWmKAJgLRIJojxqYCGS2kA2gAwB0cv-HgA4AuvABGWZlF5cArIwD2AGzAok9TiAB2zNCSoBbBAxCHtCRSDGJWzQ5tDnLUUAmXMAnus0AWeFIyPHIAvvC6+kYmkKAE2trqUABMXPBxCUgAyuTRvKFhIOIArhREWFDQXFXwYAQouK4gAB4Agk0EmiAAjkXqdfTwRMwIALJYSAQAxjgoTe6KBCziBMqLnqZDCACS5EjM5DjMantlpmgIKJTJqbYJypocIJOK2sdl2pMopu5e1vCKF20UEeADNlIoGox8CgTCIQiEgA',
      'v1.N4IgbiBcCMA0IHMCGBbAplUA7VHIgGEBXAZwBcB7FEeJAYzIEsKsSoBtEADxpAE9eALxABdeAAcATmgBmaaVjp527AAwA6AKywNAZh3qAnGLXqA7Ae0aATCY2rDjp85cAOA+42aRYkNLkKShx6uqFh4REGEdGRITExvuRIkmTBWgbWVuqZIgC+8ABGaGRIUBpwICQUADZg8myQnGgI4hSiEsmoDcD5IAVEACYIxVCaqqrwAI5E8oxo3SAA1oxYA1CVqOLVaGvwJJvbDdYTlWg7UGa9JGcDDdCq1gAs8GBzAO6Y3ACCXIwNINNZvNeMhxABZYqSRh0dZoLhbCiMEoFRjVJECeCggCSZHkSFx6yQdUkSGGvBI4huUGOuVyQA',
    ];
    const a = decoded(presetLink);
    expect(a).toMatchObject({
      presetId: 'weighted-rps',
      beta: 0.05,
      solvers: ['nash-mp', 'mnpo'],
      params: { mnpo: { players: 4, eta: 0.5 }, 'nash-mp': { inner: 20, innerStep: 0.5 } },
      budget: 1000,
      queries: { kind: 'exact' },
      seeds: 256,
      ...display,
      panels: ['convergence', 'play'],
      openViews: ['flow', 'sweep'],
    });
    expect(Array.from(a.game.start)).toEqual([0.1, 0.1, 0.8]);
    // And the table writes the same link again.
    expect(encodeExperiment(a)).toBe(presetLink);
    const b = decoded(customLink);
    expect(b).toMatchObject({
      presetId: 'custom',
      solvers: ['egpo'],
      budget: 500,
      queries: { kind: 'sampled', samples: 20, seed: 7 },
      seeds: 1024,
      panels: null,
      openViews: [],
    });
    expect(b.game.actions).toEqual(['x', 'y', 'z']);
    expect(encodeExperiment(b)).toBe(customLink);
  });

  const link = (payload: unknown): string =>
    `v1.${LZString.compressToEncodedURIComponent(JSON.stringify(payload))}`;
  const valid = experimentToJson(experiment({ solvers: ['nash-mp'] }));

  it.each([
    ['not ours', 'hello', /not a Nash Playground experiment/],
    ['old version', 'v0.abc', /older version/],
    ['future version', 'v9.abc', /newer version/],
    ['truncated', encodeExperiment(experiment()).slice(0, 30), /truncated or damaged/],
    ['not JSON', `v1.${LZString.compressToEncodedURIComponent('{oops')}`, /truncated or damaged/],
    ['not an object', link([1, 2]), /holds no experiment/],
    [
      'invalid matrix',
      link({
        ...valid,
        preset: undefined,
        game: {
          name: 'g',
          actions: ['a', 'b'],
          preference: [
            [0.5, 2],
            [-1, 0.5],
          ],
        },
      }),
      /preference\[0\]\[1\]/,
    ],
    ['unknown preset', link({ ...valid, preset: 'nope' }), /unknown preset/],
    ['bad preset arguments', link({ ...valid, preset: 'random:0:1' }), /K must be an integer/],
    ['negative β', link({ ...valid, beta: -1 }), /β must be ≥ 0/],
    ['missing β', link({ ...valid, beta: undefined }), /β is missing/],
    ['unknown solver', link({ ...valid, solvers: ['nash-mp', 'evil'] }), /solver list/],
    ['a negative η', link({ ...valid, params: { egpo: { eta: -1 } } }), /η must be/],
    ['an unknown parameter', link({ ...valid, params: { sppo: { players: 3 } } }), /no parameter/],
    ['players out of range', link({ ...valid, params: { mnpo: { players: 40 } } }), /players/],
    ['bad budget', link({ ...valid, budget: 1e9 }), /budget/],
    [
      'query model of an unknown kind',
      link({ ...valid, queries: { kind: 'oracle' } }),
      /query model is invalid: queries must be 'exact', 'sampled', 'pairs', 'pairs-binary', got 'oracle'/,
    ],
    [
      'samples out of range',
      link({ ...valid, queries: { kind: 'sampled', samples: 20000, seed: 1 } }),
      /query model is invalid: samples must be an integer in \[1, 10000\], got 20000/,
    ],
    [
      'seed out of range',
      link({ ...valid, queries: { kind: 'sampled', samples: 20, seed: 2 ** 32 } }),
      /query model is invalid: seed must be an integer/,
    ],
    [
      'seeds not offered',
      link({ ...valid, queries: { kind: 'sampled', samples: 20, seed: 1 }, seeds: 100 }),
      /seeds per solver are invalid: must be 32, 64, 256, 512, 1024, got 100/,
    ],
  ])('refuses a link: %s', (_label, encoded, message) => {
    const d = decodeExperiment(encoded);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.error).toMatch(message);
  });

  it('opens a link whose η conflicts with its β: the conflict is shown, not refused', () => {
    // Weighted RPS, EGPO η = 5, then β = 1 (ηβ = 5 > 1): such a link was once unopenable.
    const back = decoded(
      encodeExperiment(experiment({ beta: 1, solvers: ['egpo'], params: { egpo: { eta: 5 } } })),
    );
    expect(back.beta).toBe(1);
    expect(back.params).toEqual({ egpo: { eta: 5 } });
  });

  it('the query model and the seeds travel; exact links leave them out', () => {
    const base = experiment({ solvers: ['nash-mp'], params: { 'nash-mp': { inner: 20 } } });
    const sampled = experiment({
      ...base,
      queries: { kind: 'sampled', samples: 20, seed: 4294967295 },
      seeds: 1024,
    });
    expect(experimentToJson(sampled)).toMatchObject({
      queries: { kind: 'sampled', samples: 20, seed: 4294967295 },
      seeds: 1024,
    });
    expect(decoded(encodeExperiment(sampled))).toMatchObject({
      queries: { kind: 'sampled', samples: 20, seed: 4294967295 },
      seeds: 1024,
      params: { 'nash-mp': { inner: 20 } },
    });
    const exact = experimentToJson(experiment({ ...base, seeds: 512 }));
    expect('queries' in exact).toBe(false);
    expect('seeds' in exact).toBe(false);
    expect(decoded(encodeExperiment(base))).toMatchObject({
      queries: { kind: 'exact' },
      seeds: 256,
    });
  });

  it.each([32, 64, 256, 512, 1024])('a sampled link with %i seeds per solver opens', (seeds) => {
    const e = experiment({
      solvers: ['nash-mp'],
      queries: { kind: 'sampled', samples: 20, seed: 0 },
      seeds,
    });
    expect(decoded(encodeExperiment(e))).toMatchObject({ seeds });
  });

  it('display settings fall back quietly; unknown or repeated view names are dropped', () => {
    const back = decoded(
      link({
        ...valid,
        view: { xAxis: 'sideways', gapMetric: 7, speed: 1e9, open: ['fair', 'nope', 'fair'] },
      }),
    );
    expect(back).toMatchObject({
      xAxis: 'iterations',
      gapMetric: 'regGap',
      speed: 10,
      openViews: ['fair'],
    });
  });

  it('refuses a 10 MB link before decompressing it', () => {
    const d = decodeExperiment(`v1.${'A'.repeat(10 * 1024 * 1024)}`);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.error).toMatch(/too long/);
    expect(MAX_LINK_LENGTH).toBe(65536);
  });

  it('keeps markup in a label as text (React renders it escaped; nothing is executed)', () => {
    const back = decoded(
      link({
        ...valid,
        preset: undefined,
        game: {
          name: '<img src=x onerror=alert(1)>',
          actions: ['<script>alert(1)</script>', 'b'],
          preference: [
            [0.5, 0.4],
            [0.6, 0.5],
          ],
        },
      }),
    );
    expect(back.game.actions[0]).toBe('<script>alert(1)</script>');
  });

  it('property: arbitrary strings never throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        expect(() => decodeExperiment(s)).not.toThrow();
        expect(() => decodeExperiment(`v1.${s}`)).not.toThrow();
      }),
      { numRuns: 500, seed: 5 },
    );
  });
});
