/**
 * The CLI's query flags: `--queries exact|sampled`, `--samples n`, `--seed s`, and approximate
 * Nash-MP's `--inner m` / `--inner-step α`. Input errors exit 2 with one line `error: …`.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { buildPreset } from '../../../src/core/presets';
import { runReference } from '../../../src/core/run';
import { parseGame } from '../../../src/core/validate';

interface RunJSON {
  params: Record<string, unknown> & { queries: Record<string, unknown> };
  queries: number;
  final: { policy: number[]; average: number[] };
  trace: { t: number; queries: number; policy: number[] }[];
}

async function run(...argv: string[]): Promise<RunJSON> {
  const r = await main(['run', ...argv]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as RunJSON;
}

async function fails(argv: string[], message: RegExp): Promise<void> {
  const r = await main(['run', ...argv]);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^error: [^\n]*\n$/);
  expect(r.stderr).toMatch(message);
}

const ARGS = ['--game', 'weighted-rps', '--solver', 'nash-mp', '--steps', '40', '--every', '10'];

describe('CLI sampled queries', () => {
  it('exact is the default and is reported as {"model":"exact"}', async () => {
    const out = await run(...ARGS);
    expect(out.params.queries).toEqual({ model: 'exact' });
    expect(out.queries).toBe(80);
  });

  it('--queries sampled --samples n --seed s: reported, reproducible, and seed-dependent', async () => {
    const a = await run(...ARGS, '--queries', 'sampled', '--samples', '50', '--seed', '7');
    const b = await run(...ARGS, '--queries', 'sampled', '--samples', '50', '--seed', '7');
    const c = await run(...ARGS, '--queries', 'sampled', '--samples', '50', '--seed', '8');
    expect(a.params.queries).toEqual({ model: 'sampled', samples: 50, seed: 7 });
    expect(b).toEqual(a);
    expect(c.final.policy).not.toEqual(a.final.policy);
    expect(a.queries).toBe(80);
  });

  it('defaults: 100 samples, seed 0', async () => {
    const out = await run(...ARGS, '--queries', 'sampled');
    expect(out.params.queries).toEqual({ model: 'sampled', samples: 100, seed: 0 });
  });

  it('gives the same numbers as the app (the core run) for the same seed', async () => {
    const out = await run(
      ...ARGS,
      '--queries',
      'sampled',
      '--samples',
      '20',
      '--seed',
      '4294967295',
      '--inner',
      '5',
    );
    const ref = runReference({
      game: parseGame(buildPreset('weighted-rps')),
      solver: 'nash-mp',
      beta: 0.1,
      steps: 40,
      every: 10,
      params: { inner: 5 },
      queries: { kind: 'sampled', samples: 20, seed: 4294967295 },
    });
    expect(out.final.policy).toEqual(Array.from(ref.final.policy));
    expect(out.trace.map((p) => p.policy)).toEqual(ref.trace.map((p) => p.policy));
  });

  it('--engine tfjs gives the same numbers for the same seed (float32 precision)', async () => {
    const flags = ['--queries', 'sampled', '--samples', '50', '--seed', '11', '--inner', '10'];
    const ref = await run(...ARGS, ...flags);
    const out = await run(...ARGS, ...flags, '--engine', 'tfjs');
    expect(out.params.queries).toEqual(ref.params.queries);
    out.trace.forEach((p, s) =>
      p.policy.forEach((v, i) => expect(Math.abs(v - ref.trace[s]!.policy[i]!)).toBeLessThan(1e-4)),
    );
  });

  it.each([
    [['--samples', '5'], /--samples needs --queries sampled/],
    [['--seed', '5'], /--seed needs --queries sampled/],
    [['--queries', 'exact', '--seed', '1'], /--seed needs --queries sampled/],
    [
      ['--queries', 'noisy'],
      /--queries must be 'exact', 'sampled', 'pairs', 'pairs-binary', got 'noisy'/,
    ],
    [['--queries', 'sampled', '--samples', '0'], /samples must be an integer in \[1, 10000\]/],
    [['--queries', 'sampled', '--samples', '10001'], /samples must be an integer in \[1, 10000\]/],
    [['--queries', 'sampled', '--samples', '2.5'], /--samples must be an integer/],
    [['--queries', 'sampled', '--seed', '-1'], /seed must be an integer in \[0, 2\^32 − 1\]/],
    [['--queries', 'sampled', '--seed', '4294967296'], /seed must be an integer/],
    [['--queries', 'sampled', '--seed', 'x'], /--seed must be a number/],
  ])('%j is a usage error', async (extra, message) => {
    await fails([...ARGS, ...extra], message);
  });
});

describe('CLI approximate Nash-MP', () => {
  it('--inner m --inner-step α are used and reported', async () => {
    const out = await run(...ARGS, '--inner', '50', '--inner-step', '0.5');
    expect(out.params.inner).toBe(50);
    expect(out.params.innerStep).toBe(0.5);
    const exact = await run(...ARGS);
    expect(exact.params.inner).toBe(0);
    expect(exact.params.innerStep).toBeUndefined();
    out.final.policy.forEach((v, i) =>
      expect(Math.abs(v - exact.final.policy[i]!)).toBeLessThan(1e-6),
    );
  });

  it.each([
    [['--inner', '-1'], /inner must be an integer in \[0, 10000\]/],
    [['--inner', '1.5'], /--inner must be an integer/],
    [['--inner', '3', '--inner-step', '0'], /inner step α must be a finite number in \(0, 100\]/],
  ])('%j is a usage error', async (extra, message) => {
    await fails([...ARGS, ...extra], message);
  });

  it('only nash-mp takes --inner', async () => {
    await fails(
      ['--game', 'rps', '--solver', 'inpo', '--inner', '3'],
      /INPO has no parameter 'inner'/,
    );
  });

  it('list shows --inner and --inner-step for nash-mp', async () => {
    const r = await main(['list']);
    expect(r.stdout).toMatch(/--inner in \[0, 10000\], default 0/);
    expect(r.stdout).toMatch(/--inner-step in \(0, 100\], default 1/);
  });
});
