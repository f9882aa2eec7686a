/**
 * Prints the numbers of docs/replications.md: each paper's checkable claim, recomputed by the
 * float64 reference engine one iteration at a time (about a minute). "stays" is the first t from
 * which the metric is ≤ ε at every iteration to the end of the run; "never" means it is not.
 * tests/unit/lessons/lesson-claims.test.ts and tests/unit/lessons/replications.test.ts assert the same numbers.
 *
 *   npx tsx scripts/replications.ts
 */
import { solveEquilibrium } from '../src/core/equilibrium';
import type { Game } from '../src/core/game';
import { computeMetrics, type Metrics } from '../src/core/metrics';
import { buildPreset } from '../src/core/presets';
import { SolverRun } from '../src/core/run';
import { resolveParams, type SolverId, type SolverParams } from '../src/core/solvers';
import { parseGame } from '../src/core/validate';
import { BUILTIN_LESSONS } from '../src/lessons/builtin';

const game = (spec: string): Game => parseGame(buildPreset(spec));

/** The metric per iteration 0..steps, and when it stays ≤ ε. */
function track(
  g: Game,
  solver: SolverId,
  beta: number,
  given: SolverParams,
  steps: number,
  metric: keyof Metrics,
  iterate: 'last' | 'average' = 'last',
): { stays: (eps: number) => number; at: (t: number) => number } {
  const eq = beta > 0 ? solveEquilibrium(g, beta).logPolicy : null;
  const run = new SolverRun(g, solver, resolveParams(solver, beta, given), g.start);
  const values: number[] = [];
  const read = (): number => {
    const logPi = iterate === 'last' ? run.logPolicy : Array.from(run.average(), Math.log);
    return computeMetrics(g, beta, eq, logPi)[metric];
  };
  values.push(read());
  for (let t = 1; t <= steps; t++) {
    run.advance(1);
    values.push(read());
  }
  return {
    stays(eps) {
      let t = -1;
      for (let s = values.length - 1; s >= 0 && values[s]! <= eps; s--) t = s;
      return t;
    },
    at: (t) => values[t]!,
  };
}

const show = (t: number): string => (t < 0 ? 'never' : t.toLocaleString('en-US'));

console.log(
  '## Nash-MP: KL(π*_β‖π_t) ≤ 1e-6 stays from (β = 0.1, defaults; queries = 2 per iteration)',
);
for (const spec of ['random:10:1', 'random:100:1', 'random:1000:1']) {
  const g = game(spec);
  const row = (['nash-mp', 'egpo'] as const).map(
    (s) => `${s} ${show(track(g, s, 0.1, {}, 200, 'klToNE').stays(1e-6))}`,
  );
  console.log(`${spec}: ${row.join(', ')}`);
}

console.log('\n## EGPO exact tabular experiment (egpo-grid:2018011309:1), regularized gap ≤ 1e-6');
const egpoLesson = BUILTIN_LESSONS.find((l) => l.id === 'egpo-experiment')!.lesson;
for (const slide of egpoLesson.slides) {
  const e = slide.experiment;
  const cells = e.solvers.map((s) => {
    const tr = track(e.game, s, e.beta, e.params[s] ?? {}, e.budget, 'regGap');
    return `${s} ${show(tr.stays(1e-6))} (gap at ${e.budget}: ${tr.at(e.budget).toExponential(2)})`;
  });
  console.log(`β = ${e.beta}, ${e.budget} iterations: ${cells.join('; ')}`);
}

console.log(
  '\n## INPO, theory schedule η_t = 2/(β(t+2)): KL(π*_β‖π_T) against 32C²/(β²(T+1)), C = max(β, 1)',
);
for (const spec of ['rps', 'weighted-rps']) {
  for (const beta of [0.1, 1]) {
    const g = game(spec);
    const eq = solveEquilibrium(g, beta).logPolicy;
    const run = new SolverRun(g, 'inpo', resolveParams('inpo', beta), g.start);
    let worst = 0;
    let maxLogRatio = 0;
    const C = Math.max(beta, 1);
    for (let t = 0; t <= 10_000; t++) {
      if (t > 0) run.advance(1);
      const kl = computeMetrics(g, beta, eq, run.logPolicy).klToNE;
      worst = Math.max(worst, kl / ((32 * C * C) / (beta * beta * (t + 1))));
      run.logPolicy.forEach((v, i) => {
        maxLogRatio = Math.max(maxLogRatio, Math.abs(v - g.logReference[i]!));
      });
    }
    const kl = computeMetrics(g, beta, eq, run.logPolicy).klToNE;
    console.log(
      `${spec} β = ${beta}: KL at T = 10,000 ${kl.toExponential(2)}, bound ${((32 * C * C) / (beta * beta * 10_001)).toExponential(2)}; max KL/bound ${worst.toExponential(2)}; max |log π_t/μ| ${maxLogRatio.toFixed(3)}`,
    );
  }
}

console.log('\n## MNPO (β = 0, defaults: 3 players, η 1): exploitability of the running average');
for (const spec of ['rps', 'weighted-rps']) {
  const g = game(spec);
  const tr = track(g, 'mnpo', 0, {}, 64_000, 'exploitability', 'average');
  const last = track(g, 'mnpo', 0, {}, 64_000, 'exploitability');
  const ts = [1000, 4000, 16_000, 64_000];
  console.log(
    `${spec}: average ${ts.map((t) => `${t}: ${tr.at(t).toExponential(2)}`).join(', ')}; last iterate at 64,000: ${last.at(64_000).toExponential(2)}`,
  );
}
