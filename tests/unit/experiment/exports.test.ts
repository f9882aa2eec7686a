/** The app's exports: the game file round-trips, and the run JSON equals the CLI's `run`. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { buildPreset } from '../../../src/core/presets';
import { parseGame } from '../../../src/core/validate';
import { gameFileText, runDocuments } from '../../../src/experiment/exports';
import { useStore } from '../../../src/state/store';

const dir = mkdtempSync(join(tmpdir(), 'nash-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('exports', () => {
  it('the exported game file parses back to the same game', () => {
    const game = parseGame({
      name: 'Custom',
      actions: ['x', 'y', 'z'],
      preference: [
        [0.5, 0.3, 0.9],
        [0.7, 0.5, 0.2],
        [0.1, 0.8, 0.5],
      ],
      reference: [0.5, 0.25, 0.25],
      start: [0.2, 0.3, 0.5],
    });
    const back = parseGame(JSON.parse(gameFileText(game)));
    expect(back).toEqual(game);
  });

  it('the run JSON of every selected solver equals the CLI output for the same settings', async () => {
    const game = parseGame(buildPreset('weighted-rps'));
    const file = join(dir, 'g.json');
    writeFileSync(file, gameFileText(game));
    const docs = runDocuments({
      game,
      beta: 0.05,
      solvers: ['nash-mp', 'inpo', 'mnpo'],
      params: { mnpo: { players: 4 }, inpo: { schedule: 'constant', eta: 0.2 } },
      budget: 300,
    });
    const cli = await Promise.all([
      main(['run', '--game', file, '--solver', 'nash-mp', '--beta', '0.05', '--steps', '300']),
      main([
        'run',
        '--game',
        file,
        '--solver',
        'inpo',
        '--beta',
        '0.05',
        '--steps',
        '300',
        '--schedule',
        'constant',
        '--eta',
        '0.2',
      ]),
      main([
        'run',
        '--game',
        file,
        '--solver',
        'mnpo',
        '--beta',
        '0.05',
        '--steps',
        '300',
        '--players',
        '4',
      ]),
    ]);
    cli.forEach((r, i) => {
      expect(r.code).toBe(0);
      expect(JSON.parse(JSON.stringify(docs[i]))).toEqual(JSON.parse(r.stdout));
    });
  });
});

describe('import', () => {
  it('takes a valid game file and refuses an invalid one with the CLI message, keeping the game', () => {
    const store = useStore.getState();
    store.importGame(gameFileText(parseGame(buildPreset('rpsls'))), 'rpsls.json');
    expect(useStore.getState()).toMatchObject({ presetId: 'custom', notice: null });
    expect(useStore.getState().game.K).toBe(5);
    const before = useStore.getState().game;
    useStore
      .getState()
      .importGame(
        '{"name":"g","actions":["a","b"],"preference":[[0.5,0.2],[0.2,0.5]]}',
        'bad.json',
      );
    expect(useStore.getState().game).toBe(before);
    expect(useStore.getState().notice).toMatch(
      /^bad\.json was not imported — invalid game: preference\[0\]\[1\] \+ preference\[1\]\[0\]/,
    );
    useStore.getState().importGame('{oops', 'broken.json');
    expect(useStore.getState().notice).toMatch(/game file 'broken\.json' is not valid JSON/);
  });
});
