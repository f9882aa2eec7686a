/**
 * Derives the `world-cup-winners` preset's counts from the international football results data
 * set (github.com/martj42/international_results, CC0 1.0): every men's full international between
 * two of the eight nations that have won the World Cup, a win for the side that scored more (full
 * time, extra time included, penalty shoot-outs not: a shoot-out stays a draw), a draw a tie.
 *
 *   npx tsx scripts/world-cup-winners.ts path/to/results.csv > docs/data/world-cup-winners.csv
 *
 * Prints counts rows a,b,wins_a,wins_b,ties (the comparisons import format), one per pair, with
 * the date range of the matches counted as a comment on stderr.
 */
import { readFileSync } from 'node:fs';
import { readCsv } from '../src/comparisons/csv';

const WORLD_CUP_WINNERS = [
  'Brazil',
  'Germany',
  'Italy',
  'Argentina',
  'France',
  'Uruguay',
  'England',
  'Spain',
];

const path = process.argv[2];
if (!path) {
  process.stderr.write('usage: npx tsx scripts/world-cup-winners.ts results.csv\n');
  process.exit(2);
}
const index = new Map(WORLD_CUP_WINNERS.map((t, i) => [t, i]));
const K = WORLD_CUP_WINNERS.length;
const wins = Array.from({ length: K }, () => new Array<number>(K).fill(0));
const ties = Array.from({ length: K }, () => new Array<number>(K).fill(0));
let header: string[] | undefined;
let first = '';
let last = '';
let matches = 0;
readCsv(readFileSync(path, 'utf8'), ({ line, fields }) => {
  if (!header) {
    header = fields;
    return true;
  }
  const get = (name: string): string => {
    const k = header!.indexOf(name);
    if (k < 0 || fields[k] === undefined) throw new Error(`line ${line}: no ${name}`);
    return fields[k];
  };
  const home = index.get(get('home_team'));
  const away = index.get(get('away_team'));
  if (home === undefined || away === undefined) return true;
  const hs = Number(get('home_score'));
  const as = Number(get('away_score'));
  if (!Number.isInteger(hs) || !Number.isInteger(as)) return true; // not played (yet)
  const date = get('date');
  if (first === '' || date < first) first = date;
  if (date > last) last = date;
  matches++;
  if (hs > as) wins[home]![away]!++;
  else if (as > hs) wins[away]![home]!++;
  else {
    ties[home]![away]!++;
    ties[away]![home]!++;
  }
  return true;
});
const rows = ['a,b,wins_a,wins_b,ties'];
for (let i = 0; i < K; i++)
  for (let j = i + 1; j < K; j++)
    rows.push(
      `${WORLD_CUP_WINNERS[i]},${WORLD_CUP_WINNERS[j]},${wins[i]![j]},${wins[j]![i]},${ties[i]![j]}`,
    );
process.stdout.write(`${rows.join('\n')}\n`);
process.stderr.write(`${matches} matches from ${first} to ${last}\n`);
