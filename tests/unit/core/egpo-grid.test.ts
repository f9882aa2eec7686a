/**
 * The `egpo-grid:SEED:RUN` preset against the games PyTorch itself drew. The fixture
 * (tests/fixtures/egpo-grid-2018011309.json) is the output of the EGPO authors' code
 * (zhourunlong/EGPO, simulations/grid_search.py, `run(2018011309)`: `set_random_seed`,
 * `TabularPolicy(10, 10).random_init()`, `gen_preference_matrix(10, 10, "random")`) run with
 * PyTorch on an x86 CPU, every float32 value written exactly as a float64.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPreset, EGPO_GRID_SEED, egpoGridGames, PresetError } from '../../../src/core/presets';
import { fma32, Mt19937, torchNormal, torchRand } from '../../../src/core/torchRandom';
import { parseGame } from '../../../src/core/validate';

interface Fixture {
  seed: number;
  games: { theta_ref: number[]; P: number[][] }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/egpo-grid-2018011309.json', import.meta.url), 'utf8'),
) as Fixture;

function maxAbsDiff(a: readonly number[], b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  return Math.max(...a.map((x, i) => Math.abs(x - b[i]!)));
}

describe("PyTorch's CPU generator", () => {
  it('mt19937 seeded by init_genrand gives the reference sequence (seed 5489: 3499211612, …)', () => {
    const engine = new Mt19937(5489);
    expect([engine.next(), engine.next(), engine.next()]).toEqual([
      3499211612, 581869302, 3890346734,
    ]);
    // The 10000th output of the standard mt19937 (C++ [rand.predef]).
    const e = new Mt19937(5489);
    let last = 0;
    for (let i = 0; i < 10000; i++) last = e.next();
    expect(last).toBe(4123659995);
  });

  it('torch.rand is (u32 & 0xFFFFFF)·2⁻²⁴: float32 values in [0, 1)', () => {
    const values = torchRand(new Mt19937(1), 1000);
    for (const v of values) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
      expect(Math.fround(v)).toBe(v);
      expect(Number.isInteger(v * 2 ** 24)).toBe(true);
    }
  });

  it('normal_ draws n uniforms, plus 16 more when n is not a multiple of 16', () => {
    const a = new Mt19937(7);
    torchNormal(a, 100);
    const b = new Mt19937(7);
    torchRand(b, 116);
    expect(a.next()).toBe(b.next());
    const c = new Mt19937(7);
    torchNormal(c, 32);
    const d = new Mt19937(7);
    torchRand(d, 32);
    expect(c.next()).toBe(d.next());
    expect(() => torchNormal(new Mt19937(7), 10)).toThrow(RangeError);
  });

  it('fma32 rounds a·b + c once (a double-rounding case)', () => {
    // 1 + 2⁻²⁴ + 2⁻⁶⁰: float64 rounds to the float32 midpoint 1 + 2⁻²⁴, fround then to 1;
    // the exact sum is above the midpoint, so the fused result is 1 + 2⁻²³.
    expect(fma32(2 ** -30, 2 ** -30, 1 + 2 ** -24)).toBe(1 + 2 ** -23);
    expect(fma32(3, 5, 0.5)).toBe(15.5);
  });
});

describe('egpo-grid preset', () => {
  const games = egpoGridGames(fixture.seed);

  it("reproduces PyTorch's θ_ref and P of all ten games of seed 2018011309 (to 1e-12)", () => {
    expect(fixture.seed).toBe(EGPO_GRID_SEED);
    expect(fixture.games).toHaveLength(10);
    fixture.games.forEach((expected, run) => {
      expect(maxAbsDiff(games[run]!.thetaRef, expected.theta_ref)).toBeLessThanOrEqual(1e-12);
      expect(maxAbsDiff(games[run]!.P.flat(), expected.P.flat())).toBeLessThanOrEqual(1e-12);
    });
  });

  it('builds a valid game with μ = π₀ = softmax(θ_ref), for every run', () => {
    fixture.games.forEach((expected, run) => {
      const game = parseGame(buildPreset(`egpo-grid:${fixture.seed}:${run}`));
      expect(game.K).toBe(10);
      const top = Math.max(...expected.theta_ref);
      const w = expected.theta_ref.map((x) => Math.exp(x - top));
      const total = w.reduce((s, x) => s + x, 0);
      const mu = w.map((x) => x / total);
      expect(maxAbsDiff(Array.from(game.reference), mu)).toBeLessThan(1e-15);
      expect(maxAbsDiff(Array.from(game.start), mu)).toBeLessThan(1e-15);
    });
  });

  it('defaults to the authors’ seed and run 0, and refuses a run outside 0–9', () => {
    expect(buildPreset('egpo-grid').preference).toEqual(games[0]!.P);
    expect(buildPreset('egpo-grid:2018011309').preference).toEqual(games[0]!.P);
    expect(() => buildPreset('egpo-grid:2018011309:10')).toThrow(PresetError);
    expect(() => buildPreset('egpo-grid:-1:0')).toThrow(PresetError);
    expect(() => buildPreset('egpo-grid:1.5:0')).toThrow(PresetError);
  });

  it('another seed gives other games', () => {
    expect(egpoGridGames(42)[0]!.P).not.toEqual(games[0]!.P);
  });
});
