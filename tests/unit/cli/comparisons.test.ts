/**
 * `npm run -s cli -- game --from-comparisons votes.csv [--prior a]`: the game JSON with its counts
 * block, accepted by validate and --game; bad files exit 2 with one `error: …` line.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';

let dir = '';
let n = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nash-cli-comparisons-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function file(content: string | Uint8Array, ext = '.csv'): string {
  const path = join(dir, `votes-${n++}${ext}`);
  writeFileSync(path, content);
  return path;
}

const VOTES = 'a,b,winner\nA,B,a\nA,B,a\nA,B,b\nB,C,tie\nC,A,C\nD,A,a\n';

describe('game --from-comparisons', () => {
  it('prints the game JSON with a counts block and warns about never-compared pairs', async () => {
    const path = file(VOTES);
    const r = await main(['game', '--from-comparisons', path]);
    expect(r.code).toBe(0);
    const game = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(game.actions).toEqual(['A', 'B', 'C', 'D']);
    expect(game.counts).toEqual({
      wins: [
        [0, 2, 0, 0],
        [1, 0, 0, 0],
        [1, 0, 0, 0],
        [1, 0, 0, 0],
      ],
      ties: [
        [0, 0, 0, 0],
        [0, 0, 1, 0],
        [0, 1, 0, 0],
        [0, 0, 0, 0],
      ],
      prior: 1,
    });
    expect((game.preference as number[][])[0]![1]).toBe(3 / 5);
    expect(r.stderr).toBe('warning: 2 pairs were never compared; P = ½ there: B – D, C – D\n');
  });

  it('takes --prior, --name and --pretty; validate, equilibrium and run accept the output', async () => {
    const r = await main([
      'game',
      '--from-comparisons',
      file(VOTES),
      '--prior',
      '2',
      '--name',
      'My votes',
      '--pretty',
      'true',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\n  "name": "My votes"');
    const game = JSON.parse(r.stdout) as { counts: { prior: number }; preference: number[][] };
    expect(game.counts.prior).toBe(2);
    expect(game.preference[0]![1]).toBe((2 + 2) / (3 + 4));
    const saved = file(r.stdout, '.json');
    expect(await main(['validate', '--game', saved])).toEqual({
      code: 0,
      stdout: 'ok\n',
      stderr: '',
    });
    const eq = await main(['equilibrium', '--game', saved, '--beta', '0.1']);
    expect(eq.code).toBe(0);
    const run = await main(['run', '--game', saved, '--solver', 'nash-mp', '--steps', '5']);
    expect(run.code).toBe(0);
  });

  it('reads JSON lines', async () => {
    const path = file(
      '{"a":"x","b":"y","wins_a":3,"wins_b":1,"ties":2}\n{"a":"y","b":"z","wins_a":1,"wins_b":1}\n',
      '.jsonl',
    );
    const r = await main(['game', '--from-comparisons', path]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).preference[0][1]).toBe(5 / 8);
  });

  it.each([
    ['a,b,winner\nx,y,q\n', /row 2, winner is "q", neither side/],
    ['a,b,winner\nx,x,a\n', /row 2, b is "x", the same as a/],
    ['who,whom\nx,y\n', /row 1 \(the header\) has columns "who", "whom"/],
    ['a,b,wins_a,wins_b\nx,y,-2,1\n', /row 2, wins_a is -2; counts cannot be negative/],
  ])('exits 2 with the row and field: %j', async (content, message) => {
    const r = await main(['game', '--from-comparisons', file(content)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: .*votes-\d+\.csv: /);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a 50 MB file by its size and binary junk as not text', async () => {
    const big = file('');
    truncateSync(big, 50 * 1024 * 1024); // sparse: nothing is written, and nothing should be read
    const r = await main(['game', '--from-comparisons', big]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is 50.0 MB; comparison files are limited to 20.0 MB');
    const junk = file(
      Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256),
      '.bin',
    );
    const j = await main(['game', '--from-comparisons', junk]);
    expect(j.code).toBe(2);
    expect(j.stderr).toMatch(/is not a text file|does not look like text/);
  });

  it('refuses bad flags and missing files', async () => {
    const path = file(VOTES);
    for (const [argv, message] of [
      [['game'], '--from-comparisons is required'],
      [['game', '--from-comparisons', path, '--prior', '-1'], '--prior must be a number ≥ 0'],
      [['game', '--from-comparisons', path, '--prior', 'x'], '--prior must be a number'],
      [['game', '--from-comparisons', path, '--name', ' '], '--name must not be empty'],
      [['game', '--from-comparisons', join(dir, 'nope.csv')], 'no such file'],
      [['game', '--from-comparisons', path, '--beta', '1'], 'unknown option --beta'],
    ] as const) {
      const r = await main([...argv]);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
    }
  });

  it('runs through npm run -s cli', () => {
    const r = spawnSync(
      'npm',
      ['run', '-s', 'cli', '--', 'game', '--from-comparisons', file(VOTES)],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).counts.prior).toBe(1);
    expect(r.stderr).toContain('warning: 2 pairs were never compared');
    const bad = spawnSync(
      'npm',
      ['run', '-s', 'cli', '--', 'game', '--from-comparisons', file('a,b\n')],
      {
        encoding: 'utf8',
      },
    );
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
  });
});
