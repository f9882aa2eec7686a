/**
 * Real pairwise results: every men's full international football match between two of the eight
 * nations that have won the World Cup, from the international football results data set by Mart
 * Jürisoo (github.com/martj42/international_results, CC0 1.0 public domain dedication), commit
 * 65d212aac5deec5157071dcf6e9b05fce0223c84 of 2026-07-31: 956 matches from 1902-07-20 to 2026-07-19.
 * A win is the full-time result, extra time included; a penalty shoot-out leaves a draw, and a draw
 * is a tie. Home advantage is ignored. Derived by scripts/world-cup-winners.ts, whose output is
 * docs/data/world-cup-winners.csv; a test checks these rows against that file.
 */

export const WORLD_CUP_WINNERS_SOURCE = {
  dataset:
    "martj42/international_results: men's full international football results, by Mart Jürisoo",
  url: 'https://github.com/martj42/international_results',
  commit: '65d212aac5deec5157071dcf6e9b05fce0223c84',
  date: '2026-07-31',
  licence: 'CC0 1.0',
  matches: 956,
  from: '1902-07-20',
  to: '2026-07-19',
} as const;

/** [a, b, wins of a, wins of b, draws], one row per pair. */
export const WORLD_CUP_WINNERS_RESULTS: readonly (readonly [
  string,
  string,
  number,
  number,
  number,
])[] = [
  ['Brazil', 'Germany', 13, 5, 5],
  ['Brazil', 'Italy', 8, 5, 3],
  ['Brazil', 'Argentina', 43, 41, 26],
  ['Brazil', 'France', 7, 6, 4],
  ['Brazil', 'Uruguay', 37, 21, 21],
  ['Brazil', 'England', 12, 4, 11],
  ['Brazil', 'Spain', 5, 2, 3],
  ['Germany', 'Italy', 10, 15, 14],
  ['Germany', 'Argentina', 7, 10, 6],
  ['Germany', 'France', 11, 16, 8],
  ['Germany', 'Uruguay', 8, 1, 2],
  ['Germany', 'England', 13, 14, 8],
  ['Germany', 'Spain', 9, 9, 9],
  ['Italy', 'Argentina', 6, 5, 5],
  ['Italy', 'France', 19, 13, 10],
  ['Italy', 'Uruguay', 3, 4, 4],
  ['Italy', 'England', 11, 10, 11],
  ['Italy', 'Spain', 11, 14, 16],
  ['Argentina', 'France', 6, 3, 4],
  ['Argentina', 'Uruguay', 85, 54, 44],
  ['Argentina', 'England', 4, 6, 6],
  ['Argentina', 'Spain', 6, 7, 2],
  ['France', 'Uruguay', 3, 3, 4],
  ['France', 'England', 11, 18, 6],
  ['France', 'Spain', 13, 19, 7],
  ['Uruguay', 'England', 5, 3, 4],
  ['Uruguay', 'Spain', 0, 6, 5],
  ['England', 'Spain', 13, 11, 4],
];
