/** The URL state table: round trips, and refusal of broken, old and hostile links. */
import fc from 'fast-check';
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { buildPreset, PRESETS } from '../../src/core/presets';
import { SOLVER_IDS, type SolverId } from '../../src/core/solvers';
import { parseGame } from '../../src/core/validate';
import {
  decodeState,
  encodeState,
  MAX_HASH_LENGTH,
  shareableState,
  type SharedState,
} from '../../src/state/urlState';

const view: SharedState['view'] = {
  xAxis: 'queries',
  gapMetric: 'exploitability',
  gapIterate: 'average',
  speed: 20,
};

describe('URL state', () => {
  it('property: any preset, β, solver selection and view survive encode → decode', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PRESETS.map((p) => p.id)),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.subarray([...SOLVER_IDS]),
        fc.constantFrom('iterations', 'queries'),
        fc.integer({ min: 1, max: 5000 }),
        (preset, beta, solvers, xAxis, budget) => {
          const game = parseGame(buildPreset(preset));
          const shared = shareableState({
            presetId: preset,
            game,
            beta,
            selected: solvers as SolverId[],
            params: {},
            budget,
            view: { ...view, xAxis },
          });
          const decoded = decodeState(encodeState(shared));
          expect(decoded.ok).toBe(true);
          if (!decoded.ok) return;
          expect(decoded.state.presetId).toBe(preset);
          expect(decoded.state.beta).toBe(beta);
          expect(decoded.state.solvers).toEqual(solvers);
          expect(decoded.state.budget).toBe(budget);
          expect(decoded.state.view.xAxis).toBe(xAxis);
          expect(Array.from(decoded.state.game.P)).toEqual(Array.from(game.P));
        },
      ),
      { numRuns: 200, seed: 3 },
    );
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
    const shared = shareableState({
      presetId: 'custom',
      game,
      beta: 0.05,
      selected: ['nash-mp', 'mnpo'],
      params: { mnpo: { players: 4, eta: 0.5 }, 'nash-mp': { inner: 20, innerStep: 0.5 } },
      budget: 1000,
      view,
    });
    const decoded = decodeState(encodeState(shared));
    expect(decoded.ok && decoded.state.game.actions).toEqual(['x', 'y', 'z']);
    expect(decoded.ok && Array.from(decoded.state.game.start)).toEqual([0.5, 0.25, 0.25]);
    expect(decoded.ok && decoded.state.params).toEqual({
      mnpo: { players: 4, eta: 0.5 },
      'nash-mp': { inner: 20, innerStep: 0.5 },
    });
    const moved = shareableState({
      presetId: 'weighted-rps',
      game: { ...base, start: Float64Array.from([0.1, 0.1, 0.8]) },
      beta: 0.1,
      selected: ['egpo'],
      params: {},
      budget: 2000,
      view,
    });
    expect(moved.preset).toBe('weighted-rps');
    const back = decodeState(encodeState(moved));
    expect(back.ok && Array.from(back.state.game.start)).toEqual([0.1, 0.1, 0.8]);
  });

  const link = (payload: unknown): string =>
    `v1.${LZString.compressToEncodedURIComponent(JSON.stringify(payload))}`;
  const valid = shareableState({
    presetId: 'rps',
    game: parseGame(buildPreset('rps')),
    beta: 0.1,
    selected: ['nash-mp'],
    params: {},
    budget: 2000,
    view,
  });

  it.each([
    ['not ours', 'hello', /not a Nash Playground experiment/],
    ['old version', 'v0.abc', /older version/],
    ['future version', 'v9.abc', /newer version/],
    ['truncated', encodeState(valid).slice(0, 30), /truncated or damaged/],
    ['not JSON', `v1.${LZString.compressToEncodedURIComponent('{oops')}`, /truncated or damaged/],
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
    ['negative β', link({ ...valid, beta: -1 }), /β must be ≥ 0/],
    ['unknown solver', link({ ...valid, solvers: ['nash-mp', 'evil'] }), /solver list/],
    ['bad parameters', link({ ...valid, params: { egpo: { eta: 50 } } }), /ηβ ≤ 1/],
    ['bad budget', link({ ...valid, budget: 1e9 }), /budget/],
    [
      'query model of an unknown kind',
      link({ ...valid, queries: { kind: 'oracle' } }),
      /query model is invalid: queries must be 'exact' or 'sampled'/,
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
      /seeds per solver are invalid: must be 256, 512, 1024, got 100/,
    ],
  ])('refuses a link: %s', (_label, encoded, message) => {
    const decoded = decodeState(encoded);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.error).toMatch(message);
  });

  it('the query model and the seeds travel; links without them decode as exact, 256 seeds', () => {
    const game = parseGame(buildPreset('rps'));
    const base = {
      presetId: 'rps',
      game,
      beta: 0.1,
      selected: ['nash-mp'] as SolverId[],
      params: { 'nash-mp': { inner: 20 } },
      budget: 500,
      view,
    };
    const sampled = shareableState({
      ...base,
      queries: { kind: 'sampled', samples: 20, seed: 4294967295 },
      seeds: 1024,
    });
    expect(sampled.queries).toEqual({ kind: 'sampled', samples: 20, seed: 4294967295 });
    expect(sampled.seeds).toBe(1024);
    const decoded = decodeState(encodeState(sampled));
    expect(decoded.ok).toBe(true);
    if (decoded.ok) {
      expect(decoded.state.queries).toEqual({ kind: 'sampled', samples: 20, seed: 4294967295 });
      expect(decoded.state.seeds).toBe(1024);
      expect(decoded.state.params).toEqual({ 'nash-mp': { inner: 20 } });
    }
    // Exact queries add nothing to the link (old links and new exact links are the same).
    const exact = shareableState({ ...base, queries: { kind: 'exact' }, seeds: 512 });
    expect('queries' in exact).toBe(false);
    expect('seeds' in exact).toBe(false);
    expect(encodeState(exact)).toBe(encodeState(shareableState(base)));
    const old = decodeState(encodeState(shareableState(base)));
    expect(old.ok && old.state.queries).toEqual({ kind: 'exact' });
    expect(old.ok && old.state.seeds).toBe(256);
  });

  it('open views travel; unknown or repeated view names are dropped', () => {
    const game = parseGame(buildPreset('rps'));
    const state = shareableState({
      presetId: 'rps',
      game,
      beta: 0.1,
      selected: ['nash-mp'],
      params: {},
      budget: 500,
      view: { ...view, open: ['flow', 'sweep'] },
    });
    const decoded = decodeState(encodeState(state));
    expect(decoded.ok && decoded.state.view.open).toEqual(['flow', 'sweep']);
    const odd = decodeState(
      encodeState({ ...state, view: { ...view, open: ['fair', 'nope', 'fair'] as never } }),
    );
    expect(odd.ok && odd.state.view.open).toEqual(['fair']);
  });

  it('refuses a 10 MB hash at once', () => {
    const t0 = performance.now();
    const decoded = decodeState(`v1.${'A'.repeat(10 * 1024 * 1024)}`);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.error).toMatch(/too long/);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(MAX_HASH_LENGTH).toBe(65536);
  });

  it('keeps markup in a label as text (React renders it escaped; nothing is executed)', () => {
    const decoded = decodeState(
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
    expect(decoded.ok && decoded.state.game.actions[0]).toBe('<script>alert(1)</script>');
  });

  it('property: arbitrary strings never throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        expect(() => decodeState(s)).not.toThrow();
        expect(() => decodeState(`v1.${s}`)).not.toThrow();
      }),
      { numRuns: 500, seed: 5 },
    );
  });
});
