/**
 * Games from pairwise comparisons: the Beta-posterior estimator on hand-computed numbers, the CSV
 * and JSON-lines readers in both forms, the `counts` block of the game format, and bad files, each
 * refused with its row and field while the current game stays as it was.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PRIOR,
  posteriorMean,
  posteriorPreference,
  summarizeCounts,
  uncomparedPairs,
} from '../../../src/core/counts';
import {
  gameFromComparisons,
  importGameText,
  isComparisonsText,
} from '../../../src/comparisons/import';
import {
  checkComparisonsSize,
  ComparisonsError,
  MAX_COMPARISONS_BYTES,
  readComparisons,
} from '../../../src/comparisons/parse';
import { entry, gameToJSON, type Game } from '../../../src/core/game';
import { GameFileError } from '../../../src/core/gameFile';
import { mulberry32 } from '../../../src/core/random';
import { buildPreset } from '../../../src/core/presets';
import { GameValidationError, parseGame, validateGame } from '../../../src/core/validate';

/** The issues of a file that must be refused. */
function refuse(text: string, source = 'votes.csv'): ComparisonsError {
  try {
    gameFromComparisons(text, source);
  } catch (e) {
    expect(e).toBeInstanceOf(ComparisonsError);
    return e as ComparisonsError;
  }
  throw new Error(`expected ${source} to be refused`);
}

function expectIssue(e: ComparisonsError, path: string, ...fragments: string[]): void {
  const hit = e.issues.find((i) => i.path === path);
  expect(hit, `no issue at ${path}: ${JSON.stringify(e.issues)}`).toBeDefined();
  expect(hit!.message.startsWith(path)).toBe(true);
  for (const f of fragments) expect(hit!.message).toContain(f);
}

describe('the estimator', () => {
  it('is the Beta posterior mean with a tie half to each side (hand-computed)', () => {
    // A beat B 3 times, B beat A once, 2 ties: (3 + 2/2 + a) / (6 + 2a).
    expect(posteriorMean(3, 1, 2, 1)).toBe(5 / 8);
    expect(posteriorMean(3, 1, 2, 0)).toBe(4 / 6);
    expect(posteriorMean(3, 1, 2, 2)).toBe(6 / 10);
    expect(posteriorMean(1, 3, 2, 1)).toBe(3 / 8);
    // Never compared: ½ whatever the prior.
    expect(posteriorMean(0, 0, 0, 1)).toBe(0.5);
    expect(posteriorMean(0, 0, 0, 0)).toBe(0.5);
    // Only ties: ½.
    expect(posteriorMean(0, 0, 5, 1)).toBe(0.5);
  });

  it('builds the hand-computed matrix from votes, flags the never-compared pair', () => {
    const csv = [
      'a,b,winner',
      ...Array.from({ length: 3 }, () => 'A,B,a'),
      'B,A,a', // B beats A, given with B first
      'A,B,tie',
      'B,A,tie',
      'C,A,C', // the winner by label
    ].join('\n');
    const g = gameFromComparisons(csv, 'votes.csv');
    expect(g.actions).toEqual(['A', 'B', 'C']);
    expect(g.name).toBe('votes');
    expect(entry(g, 0, 1)).toBe(5 / 8);
    expect(entry(g, 1, 0)).toBe(3 / 8);
    // A–C is stored as P[A][C] = (0 + 1)/(1 + 2), and P[C][A] is its exact complement.
    expect(entry(g, 0, 2)).toBe(1 / 3);
    expect(entry(g, 2, 0)).toBe(1 - 1 / 3);
    expect(entry(g, 1, 2)).toBe(0.5);
    for (let i = 0; i < 3; i++) expect(entry(g, i, i)).toBe(0.5);
    expect(uncomparedPairs(g.counts!, 3)).toEqual([[1, 2]]);
    expect(g.counts!.prior).toBe(DEFAULT_PRIOR);
    expect(summarizeCounts(g.counts!, 3)).toEqual({
      votes: 7,
      ties: 2,
      comparedPairs: 2,
      pairs: 3,
      uncompared: [[1, 2]],
      minPairVotes: 1,
      maxPairVotes: 6,
    });
    expect(g.description).toContain('1 pair never compared');
  });

  it('takes the prior strength as an option', () => {
    const g = gameFromComparisons('a,b,wins_a,wins_b,ties\nA,B,3,1,2\n', 'c.csv', { prior: 2 });
    expect(entry(g, 0, 1)).toBe(0.6);
    expect(g.counts!.prior).toBe(2);
    expect(() => gameFromComparisons('a,b,winner\nA,B,a', 'c.csv', { prior: -1 })).toThrow(
      /prior.*≥ 0/,
    );
  });

  it('gives the same counts from votes, counts rows and JSON lines', () => {
    const votes = 'a,b,winner\nx,y,a\nx,y,a\ny,x,b\ny,x,a\nx,z,tie\nz,y,b\n';
    const counts = 'a,b,wins_a,wins_b,ties\nx,y,2,0,0\ny,x,1,1\nz,x,0,0,1\nz,y,0,1\n';
    const fixedCounts = counts
      .replace('y,x,1,1\n', 'y,x,1,1,0\n')
      .replace('z,y,0,1\n', 'z,y,0,1,0\n');
    const jsonVotes = votes
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => {
        const [a, b, winner] = l.split(',');
        return JSON.stringify({ a, b, winner });
      })
      .join('\n');
    const jsonCounts = [
      { a: 'x', b: 'y', wins_a: 3, wins_b: 1 },
      { a: 'z', b: 'x', wins_a: 0, wins_b: 0, ties: 1 },
      { a: 'y', b: 'z', wins_a: 1, wins_b: 0, ties: 0 },
    ]
      .map((o) => JSON.stringify(o))
      .join('\r\n');
    expect(() => readComparisons(counts, 'c.csv')).toThrow(/row 3 has 4 fields/);
    const tables = [
      readComparisons(votes, 'v.csv'),
      readComparisons(fixedCounts, 'c.csv'),
      readComparisons(jsonVotes, 'v.jsonl'),
      readComparisons(jsonCounts, 'c.jsonl'),
    ];
    const sorted = (t: (typeof tables)[number]): string => {
      const out: string[] = [];
      t.actions.forEach((a, i) =>
        t.actions.forEach((b, j) =>
          out.push(`${a}>${b}:${t.wins[i * t.K + j]}/${t.ties[i * t.K + j]}`),
        ),
      );
      return out.sort().join(' ');
    };
    for (const t of tables) expect(sorted(t)).toBe(sorted(tables[0]!));
    expect(tables.map((t) => [t.format, t.form])).toEqual([
      ['csv', 'votes'],
      ['csv', 'counts'],
      ['jsonl', 'votes'],
      ['jsonl', 'counts'],
    ]);
  });
});

describe('the CSV reader', () => {
  it('reads quoted fields with commas, quotes and line breaks, CRLF, a BOM, any column order', () => {
    const csv =
      '\ufeffWinner, A ,b\r\n' +
      'a,"Model, large","He said ""hi"""\r\n' +
      '\r\n' +
      'tie,"multi\nline",Model\r\n' +
      ',,\r\n' + // an empty spreadsheet row
      'b,"Model, large",Model\r\n';
    const t = readComparisons(csv, 'q.csv');
    expect(t.actions).toEqual(['Model, large', 'He said "hi"', 'multi\nline', 'Model']);
    expect(t.rows).toBe(3);
    expect(t.wins[0 * 4 + 1]).toBe(1);
    expect(t.ties[2 * 4 + 3]).toBe(1);
    expect(t.wins[3 * 4 + 0]).toBe(1);
  });

  it('names the row of malformed quoting', () => {
    expectIssue(refuse('a,b,winner\nx,y,a\n"x"z,y,a\n'), 'row 3', 'quoted field followed by "z"');
    expectIssue(refuse('a,b,winner\nx,y,a\nx,y"z,a\n'), 'row 3', 'quote inside an unquoted field');
    expectIssue(refuse('a,b,winner\nx,y,a\n"x,y,a\nq,r,a\n'), 'row 3', 'never closed');
  });
});

describe('bad files', () => {
  it('wrong columns', () => {
    const e = refuse('model_a,model_b,winner\nx,y,a\n');
    expectIssue(e, 'row 1 (the header)', 'unknown column "model_a"', 'a,b,winner');
    expectIssue(refuse('a,b\nx,y\n'), 'row 1 (the header)', 'has columns "a", "b"');
    expectIssue(refuse('a,b,wins_a\nx,y,1\n'), 'row 1 (the header)', 'no wins_b column');
    expectIssue(refuse('a,b,winner,ties\nx,y,a,0\n'), 'row 1 (the header)', 'mixes');
    expectIssue(refuse('a,a,winner\nx,y,a\n'), 'row 1 (the header)', 'twice');
    expectIssue(refuse('a,b,winner\nx,y\n'), 'row 2', 'has 2 fields, but the header has 3');
    expectIssue(
      refuse('{"a":"x","b":"y","winner":"a","judge":"j"}\n', 'v.jsonl'),
      'row 1',
      'unknown column "judge"',
    );
  });

  it('a winner that is neither side', () => {
    const e = refuse('a,b,winner\nx,y,a\nx,y,z\n');
    expectIssue(e, 'row 3, winner', 'is "z", neither side', '"x" or "y"');
    expect(e.message).toBe(
      'votes.csv: row 3, winner is "z", neither side; it must be a, b or tie, or one of the two labels ("x" or "y")',
    );
    expectIssue(refuse('a,b,winner\nx,y,\n'), 'row 2, winner', 'is empty');
    expectIssue(
      refuse('{"a":"x","b":"y","winner":1}\n', 'v.jsonl'),
      'row 1, winner',
      'must be a, b or tie, got 1',
    );
  });

  it('a self-comparison', () => {
    expectIssue(
      refuse('a,b,winner\nx,x,a\n'),
      'row 2, b',
      'the same as a; an action cannot be compared with itself',
    );
    expectIssue(refuse('a,b,wins_a,wins_b\n x ,x,1,0\n'), 'row 2, b', 'the same as a');
  });

  it('negative, fractional and non-numeric counts', () => {
    const e = refuse('a,b,wins_a,wins_b,ties\nx,y,-1,2,0\nx,z,2.5,1,0\ny,z,1,many,0\ny,z,1,1,\n');
    expectIssue(e, 'row 2, wins_a', 'is -1; counts cannot be negative');
    expectIssue(e, 'row 3, wins_a', 'is 2.5; counts must be whole numbers');
    expectIssue(e, 'row 4, wins_b', 'is "many"; expected a whole number');
    expectIssue(e, 'row 5, ties', 'is empty');
    expect(e.issues).toHaveLength(4);
    expectIssue(
      refuse('{"a":"x","b":"y","wins_a":-3,"wins_b":1}', 'c.jsonl'),
      'row 1, wins_a',
      'cannot be negative',
    );
  });

  it('labels: empty, too long, and more actions than a game allows', () => {
    expectIssue(refuse('a,b,winner\n ,y,a\n'), 'row 2, a', 'is empty');
    expectIssue(refuse(`a,b,winner\n${'x'.repeat(65)},y,a\n`), 'row 2, a', 'has 65 characters');
    const many = ['a,b,wins_a,wins_b'];
    for (let i = 0; i < 1025; i += 2) many.push(`m${i},m${i + 1},1,0`);
    expectIssue(refuse(many.join('\n')), 'row 514, a', 'a 1025th action', 'at most 1024');
  });

  it('a 50 MB file, refused by its size before it is read', () => {
    const bytes = 50 * 1024 * 1024;
    expect(bytes).toBeGreaterThan(MAX_COMPARISONS_BYTES);
    let error: unknown;
    try {
      checkComparisonsSize(bytes, 'big.csv');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ComparisonsError);
    expect((error as Error).message).toBe(
      'big.csv is 50.0 MB; comparison files are limited to 20.0 MB (aggregate the votes into counts rows a,b,wins_a,wins_b,ties)',
    );
    expect(() => checkComparisonsSize(MAX_COMPARISONS_BYTES, 'ok.csv')).not.toThrow();
  });

  it('binary junk, refused as not text before any row is parsed', () => {
    const rand = mulberry32(3);
    const bytes = Uint8Array.from({ length: 200_000 }, () => Math.floor(rand() * 256));
    const text = new TextDecoder().decode(bytes); // as File.text() and readFileSync(…, 'utf8') do
    const e = refuse(text, 'junk.bin');
    expect(e.issues).toHaveLength(1);
    expect(e.message).toMatch(/^junk\.bin (is not a text file|does not look like text)/);
    // Control characters without a NUL (e.g. a UTF-16 file read as UTF-8 loses its NULs elsewhere).
    const controls = 'a,b,winner\n' + '\u0001\u0002\u0003\u0004x,y,a\n'.repeat(50);
    expect(refuse(controls).message).toContain('does not look like text');
  });

  it('empty files and files without votes', () => {
    expect(refuse('').message).toBe('votes.csv is empty; expected a header row and comparisons');
    expect(refuse('a,b,winner\n\n').message).toBe('votes.csv has a header but no comparisons');
    expect(refuse('\n\n', 'v.jsonl').message).toBe('v.jsonl has no comparisons (no JSON lines)');
  });

  it('JSON lines: invalid JSON, non-objects and mixed forms, each with its row', () => {
    const e = refuse(
      [
        '{"a":"x","b":"y","winner":"a"}',
        '{"a":"x","b":"y",',
        '["x","y","a"]',
        '{"a":"x","b":"y","wins_a":1,"wins_b":0}',
        '{"a":3,"b":"y","winner":"b"}',
      ].join('\n'),
      'v.jsonl',
    );
    expectIssue(e, 'row 2', 'is not valid JSON');
    expectIssue(e, 'row 3', 'must be a JSON object', 'got an array');
    expectIssue(e, 'row 4', 'is a counts row, but earlier rows are votes');
    expectIssue(e, 'row 5, a', 'must be a label (a string), got 3');
  });

  it('stops at 20 issues', () => {
    const rows = ['a,b,winner', ...Array.from({ length: 100 }, () => 'x,x,a')];
    const e = refuse(rows.join('\n'));
    expect(e.issues).toHaveLength(20);
    expect(e.message).toContain('20 problems (reading stops at 20)');
    expect(e.message.split(';\n')).toHaveLength(20);
  });

  it('leave the current game as it was', () => {
    let current: Game = parseGame(buildPreset('rps'));
    const before = current;
    const bad = ['a,b,winner\nx,y,z', 'a,b\n', '\u0000\u0000', 'a,b,wins_a,wins_b\nx,y,-1,0'];
    for (const text of bad) {
      try {
        current = importGameText(text, 'drop.csv');
      } catch (e) {
        expect(e).toBeInstanceOf(ComparisonsError);
      }
    }
    expect(current).toBe(before);
    expect(gameToJSON(current)).toEqual(gameToJSON(parseGame(buildPreset('rps'))));
  });
});

describe('the app import: game files and comparisons files', () => {
  const gameText = JSON.stringify(buildPreset('weighted-rps'));

  it('tells them apart by name and content', () => {
    expect(isComparisonsText(gameText, 'g.json')).toBe(false);
    expect(isComparisonsText(gameText, 'g')).toBe(false);
    expect(isComparisonsText('{"a":"x","b":"y","winner":"a"}\n', 'v.json')).toBe(true);
    expect(isComparisonsText('a,b,winner\n', 'v.txt')).toBe(true);
    expect(isComparisonsText(gameText, 'v.csv')).toBe(true);
    expect(isComparisonsText('{"a":', 'g.json')).toBe(false);
  });

  it('imports either, with the game file errors of the game format', () => {
    expect(importGameText(gameText, 'g.json').name).toBe('Weighted rock–paper–scissors');
    expect(importGameText('a,b,winner\nx,y,a\n', 'v.csv').counts).toBeDefined();
    expect(() => importGameText('{"name": ', 'g.json')).toThrow(GameFileError);
    expect(() => importGameText('{"name": "x"}', 'g.json')).toThrow(GameValidationError);
  });
});

describe('the counts block of the game format', () => {
  const counts = {
    wins: [
      [0, 3, 0],
      [1, 0, 4],
      [2, 0, 0],
    ],
    ties: [
      [0, 2, 0],
      [2, 0, 0],
      [0, 0, 0],
    ],
    prior: 1,
  };

  it('derives P when preference is left out, and round-trips through gameToJSON', () => {
    const g = parseGame({ name: 'c', actions: ['x', 'y', 'z'], counts });
    expect(entry(g, 0, 1)).toBe(5 / 8);
    expect(entry(g, 1, 2)).toBe(5 / 6);
    expect(entry(g, 2, 0)).toBe(3 / 4);
    expect(entry(g, 0, 2)).toBe(1 / 4);
    const json = gameToJSON(g);
    expect(json.counts).toEqual(counts);
    const again = parseGame(JSON.parse(JSON.stringify(json)));
    expect(Array.from(again.P)).toEqual(Array.from(g.P));
    expect(gameToJSON(again)).toEqual(json);
    expect(again.counts!.wins).toEqual(g.counts!.wins);
  });

  it('defaults ties to none and the prior to 1', () => {
    const g = parseGame({
      name: 'c',
      actions: ['x', 'y'],
      counts: {
        wins: [
          [0, 1],
          [0, 0],
        ],
      },
    });
    expect(entry(g, 0, 1)).toBe(2 / 3);
    expect(g.counts!.prior).toBe(1);
    expect(Array.from(g.counts!.ties)).toEqual([0, 0, 0, 0]);
  });

  it('accepts a preference that matches the counts and refuses one that does not', () => {
    const P = Array.from(
      posteriorPreference(
        {
          wins: Float64Array.from(counts.wins.flat()),
          ties: Float64Array.from(counts.ties.flat()),
          prior: 1,
        },
        3,
      ),
    );
    const preference = [P.slice(0, 3), P.slice(3, 6), P.slice(6, 9)];
    expect(validateGame({ name: 'c', actions: ['x', 'y', 'z'], preference, counts }).ok).toBe(true);
    const off = preference.map((r) => [...r]);
    off[0]![1] = 0.6;
    off[1]![0] = 0.4;
    const r = validateGame({ name: 'c', actions: ['x', 'y', 'z'], preference: off, counts });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues[0]!.message).toBe(
        'preference[0][1] is 0.6, but counts give 0.625 (3 wins, 1 losses, 2 ties, prior 1); leave preference out to derive it from counts',
      );
  });

  it('names the field of every bad count', () => {
    const issues = (c: unknown, K = 2): string[] => {
      const r = validateGame({ name: 'c', actions: ['x', 'y', 'z'].slice(0, K), counts: c });
      return r.ok ? [] : r.issues.map((i) => i.message);
    };
    expect(
      issues({
        wins: [
          [0, -1],
          [0, 0],
        ],
      }),
    ).toEqual(['counts.wins[0][1] is -1; counts cannot be negative']);
    expect(
      issues({
        wins: [
          [0, 1.5],
          [0, 0],
        ],
      })[0],
    ).toContain('counts must be whole numbers');
    expect(
      issues({
        wins: [
          [2, 1],
          [0, 0],
        ],
      })[0],
    ).toContain('the diagonal must be 0');
    expect(
      issues({
        wins: [
          [0, 1],
          [0, 0],
        ],
        ties: [
          [0, 1],
          [2, 0],
        ],
      })[0],
    ).toBe('counts.ties[0][1] is 1 but counts.ties[1][0] is 2; ties are symmetric');
    expect(
      issues({
        wins: [
          [0, 1],
          [0, 0],
        ],
        prior: -2,
      })[0],
    ).toContain('counts.prior is -2');
    expect(issues({ wins: [[0, 1]] })[0]).toContain('counts.wins has 1 rows');
    expect(issues({ wins: [[0, 1], [0]] })[0]).toContain('counts.wins[1] has 1 entries');
    expect(
      issues({
        wins: [
          [0, 1],
          [0, 0],
        ],
        extra: 1,
      })[0],
    ).toContain('counts.extra is not a known');
    expect(issues([1, 2])[0]).toContain('counts must be an object');
    const mismatch = validateGame({
      name: 'c',
      actions: ['x', 'y'],
      preference: [
        [0.5, 0.5],
        [0.5, 0.5],
      ],
      counts: {
        wins: [
          [0, 1, 0],
          [0, 0, 0],
          [0, 0, 0],
        ],
      },
    });
    expect(mismatch.ok).toBe(false);
    if (!mismatch.ok)
      expect(mismatch.issues[0]!.message).toBe(
        'counts.wins has 3 rows, but the game has 2 actions',
      );
  });
});

describe('the real data preset', () => {
  it('equals the import of docs/data/world-cup-winners.csv, with its source and date', () => {
    const csv = readFileSync('docs/data/world-cup-winners.csv', 'utf8');
    const fromFile = gameFromComparisons(csv, 'world-cup-winners.csv');
    const preset = parseGame(buildPreset('world-cup-winners'));
    expect(preset.actions).toEqual(fromFile.actions);
    expect(Array.from(preset.counts!.wins)).toEqual(Array.from(fromFile.counts!.wins));
    expect(Array.from(preset.counts!.ties)).toEqual(Array.from(fromFile.counts!.ties));
    expect(Array.from(preset.P)).toEqual(Array.from(fromFile.P));
    expect(summarizeCounts(preset.counts!, preset.K).votes).toBe(956);
    expect(preset.description).toContain('martj42/international_results');
    expect(preset.description).toContain('2026-07-31');
    expect(preset.description).toContain('CC0');
    // A spot check against the source rows: Brazil–Argentina 43 wins, 41 losses, 26 draws.
    const i = preset.actions.indexOf('Brazil');
    const j = preset.actions.indexOf('Argentina');
    expect(entry(preset, i, j)).toBe((43 + 13 + 1) / (110 + 2));
  });
});
