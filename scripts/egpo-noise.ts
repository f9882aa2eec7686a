/**
 * EGPO's noisy tabular experiment, theirs and ours (docs/replications.md, "EGPO's noisy tabular
 * experiment"): on the authors' ten games of seed 2018011309, β = 0.01, lr = 2e-4 (η = 0.008),
 * 100 samples per step, the final regularized gaps of
 *
 * - their `extragradient_sample` and `online_ipo_1_sample` (float64 transliteration,
 *   tests/unit/egpo-noise.ts), seeds 1..S;
 * - `egpo` and `inpo` here with `--queries pairs`, `pairs-binary` and `sampled`, seeds 1..S;
 *
 * printed per game and as medians over games × seeds.
 *
 *   npx tsx scripts/egpo-noise.ts [--steps 100000] [--seeds 3] [--first-seed 1] [--lr 2e-4]
 *     [--runs theirs-egpo,pairs-egpo,…] [--raw]   (--raw: also every gap, [game][seed], as JSON)
 *
 * Each run is <source>-<method>: source theirs, pairs, pairs-binary or sampled; method egpo
 * (theirs: extragradient_sample) or ipo (theirs: online_ipo_1_sample; here inpo, constant step).
 */
import {
  authorsRun,
  EGPO_NOISE,
  egpoGridGames,
  finalGap,
  median,
  ourRun,
  type AuthorsMethod,
} from '../tests/unit/egpo-noise';
import type { NoisyKind } from '../src/core/sampling';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const steps = Number(flag('steps', String(EGPO_NOISE.steps)));
const seeds = Number(flag('seeds', '3'));
const firstSeed = Number(flag('first-seed', '1'));
const raw = process.argv.includes('--raw');
const lr = Number(flag('lr', String(EGPO_NOISE.lr)));
const runs = flag(
  'runs',
  'theirs-egpo,pairs-egpo,theirs-ipo,pairs-ipo,pairs-binary-egpo,pairs-binary-ipo,sampled-egpo,sampled-ipo',
).split(',');
const games = egpoGridGames();
const config = { ...EGPO_NOISE, lr };

const AUTHORS: Record<string, AuthorsMethod> = {
  egpo: 'extragradient_sample',
  ipo: 'online_ipo_1_sample',
};
const fmt = (x: number): string => x.toExponential(2);
console.log(
  `EGPO noisy tabular experiment: ${games.length} games, seeds ${firstSeed}..${firstSeed + seeds - 1}, ${steps} steps, β ${config.beta}, lr ${lr} (η ${(4 * lr) / (10 * config.beta)}), ${config.samples} samples per step (per half step for EGPO)`,
);
console.log(['run', 'median', 'q25', 'q75', ...games.map((_, g) => `game ${g}`)].join(' | '));
for (const name of runs) {
  const method = name.slice(name.lastIndexOf('-') + 1);
  const source = name.slice(0, name.lastIndexOf('-'));
  const solver = method === 'egpo' ? 'egpo' : 'inpo';
  const gaps = games.map((game) =>
    Array.from({ length: seeds }, (_, s) =>
      finalGap(
        game,
        source === 'theirs'
          ? authorsRun(game, AUTHORS[method]!, firstSeed + s, steps, config)
          : ourRun(
              game,
              solver,
              { kind: source as NoisyKind, samples: config.samples, seed: firstSeed + s },
              steps,
              config,
            ),
      ),
    ),
  );
  const all = gaps.flat().sort((a, b) => a - b);
  const q = (p: number): number => all[Math.min(all.length - 1, Math.floor(p * all.length))]!;
  const label = source === 'theirs' ? `theirs ${AUTHORS[method]}` : `${solver} --queries ${source}`;
  if (raw) console.log(JSON.stringify({ run: label, gaps }));
  console.log(
    [label, fmt(median(all)), fmt(q(0.25)), fmt(q(0.75)), ...gaps.map((g) => fmt(median(g)))].join(
      ' | ',
    ),
  );
}
