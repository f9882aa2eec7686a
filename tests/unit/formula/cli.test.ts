/** `npm run -s cli -- run --solver custom --formula "…"` (or --formula-file). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { BUILTIN_FORMULAS } from '../../../src/formula/builtins';

type Doc = {
  solver: string;
  params: Record<string, unknown>;
  engine: string;
  queries: number;
  stopped?: { t: number; step: string; value: string };
  trace: { t: number; queries: number; policy: number[]; klToNE: number }[];
};

async function run(...argv: string[]): Promise<Doc> {
  const r = await main(['run', '--game', 'weighted-rps', ...argv]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Doc;
}

async function inputError(argv: string[], ...parts: string[]): Promise<string> {
  const r = await main(['run', '--game', 'rps', ...argv]);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  for (const p of parts) expect(r.stderr).toContain(p);
  return r.stderr;
}

const dir = mkdtempSync(join(tmpdir(), 'nash-formula-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CLI: custom solvers', () => {
  const egpo = BUILTIN_FORMULAS.find((b) => b.solver === 'egpo')!.formula;

  it('--formula reproduces the registry solver and records the formula in params', async () => {
    const flags = ['--beta', '0.1', '--eta', '0.8', '--steps', '60', '--every', '20'];
    const custom = await run('--solver', 'custom', '--formula', egpo, ...flags);
    const registry = await run('--solver', 'egpo', ...flags);
    expect(custom.solver).toBe('custom');
    expect(custom.params.formula).toBe(egpo);
    expect(custom.params.eta).toBe(0.8);
    expect(custom.engine).toBe('reference');
    expect(custom.queries).toBe(registry.queries); // two queries per step, from the AST
    expect(custom.trace.map((p) => p.queries)).toEqual(registry.trace.map((p) => p.queries));
    custom.trace.forEach((p, s) =>
      p.policy.forEach((v, i) =>
        expect(Math.abs(v - registry.trace[s]!.policy[i]!)).toBeLessThan(1e-12),
      ),
    );
    expect(custom.stopped).toBeUndefined();
  });

  it('--formula-file reads the rule from a file', async () => {
    const file = join(dir, 'egpo.txt');
    writeFileSync(file, `# EGPO\n${egpo}\n`);
    const doc = await run('--solver', 'custom', '--formula-file', file, '--steps', '10');
    expect(doc.params.formula).toBe(`# EGPO\n${egpo}\n`);
  });

  it('sampled queries and the tfjs engine', async () => {
    const flags = ['--solver', 'custom', '--formula', egpo, '--steps', '20', '--every', '20'];
    const sampled = ['--queries', 'sampled', '--samples', '200', '--seed', '4'];
    const ref = await run(...flags, ...sampled);
    expect(ref.params.queries).toEqual({ model: 'sampled', samples: 200, seed: 4 });
    const tfjs = await run(...flags, '--engine', 'tfjs');
    const exact = await run(...flags);
    expect(tfjs.engine).toBe('tfjs');
    tfjs.trace.forEach((p, s) =>
      p.policy.forEach((v, i) =>
        expect(Math.abs(v - exact.trace[s]!.policy[i]!)).toBeLessThan(1e-4),
      ),
    );
    expect(ref.trace.at(-1)!.policy).not.toEqual(exact.trace.at(-1)!.policy);
  });

  it('a rule that produces NaN: the document says where it stopped', async () => {
    const doc = await run(
      '--solver',
      'custom',
      '--formula',
      'g = P·pi\nbad = sqrt(3 - t) \nnext = logpi + eta * g * bad',
      '--steps',
      '10',
      '--every',
      '1',
    );
    expect(doc.stopped).toEqual({ t: 4, step: 'bad', value: 'NaN' });
    expect(doc.trace.at(-1)!.policy).toEqual(doc.trace[4]!.policy);
    expect(doc.trace.every((p) => p.policy.every(Number.isFinite))).toBe(true);
  });

  it('input errors exit 2 with one positioned line', async () => {
    await inputError(
      ['--solver', 'custom', '--formula', 'next = logpi + foo'],
      "formula 1:16: unknown name 'foo'",
    );
    await inputError(
      ['--solver', 'custom', '--formula', 'half = (logpi\nnext = half'],
      "formula 1:8: '(' is never closed",
    );
    await inputError(['--solver', 'custom'], '--formula', '--formula-file');
    await inputError(
      ['--solver', 'custom', '--formula', 'next = logpi', '--formula-file', 'x'],
      'not both',
    );
    await inputError(
      ['--solver', 'sppo', '--formula', 'next = logpi'],
      '--formula needs --solver custom',
    );
    await inputError(['--solver', 'custom', '--formula-file', join(dir, 'missing.txt')], 'ENOENT');
    await inputError(
      ['--solver', 'custom', '--formula', 'next = logpi', '--players', '3'],
      "custom has no parameter 'players'",
    );
    await inputError(
      ['--solver', 'custom', '--formula', 'next = logpi', '--eta', '0'],
      'η must be',
    );
    await inputError(
      ['--solver', 'custom', '--formula', `next = logpi${' + 1'.repeat(3000)}`],
      'at most 2000',
    );
  });

  it('help mentions custom solvers', async () => {
    const r = await main(['help']);
    expect(r.stdout).toContain('--solver custom');
    expect(r.stdout).toContain('--formula-file');
  });
});
