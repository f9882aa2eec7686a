import { buildPreset } from '../src/core/presets';
import { parseGame } from '../src/core/validate';
import { SolverRun } from '../src/core/run';
import { resolveParams, type SolverId } from '../src/core/solvers';
import { computeMetrics } from '../src/core/metrics';
import { solveEquilibrium } from '../src/core/equilibrium';
const run = Number(process.argv[2] ?? 1);
const game = parseGame(buildPreset(`egpo-grid:2018011309:${run}`));
const K = 10;
const configs = [ { beta: 0.1, lr: 0.1, iters: 1000 }, { beta: 0.01, lr: 0.02, iters: 5000 }, { beta: 0.001, lr: 2e-4, iters: 100000 } ];
for (const { beta, lr, iters } of configs) {
  const eq = solveEquilibrium(game, beta).logPolicy;
  const methods: [SolverId, object][] = [
    ['inpo', { schedule: 'constant', eta: (4 * lr) / (K * beta) }],
    ['online-ipo', { eta: (4 * lr) / beta }],
    ['nash-md', { schedule: 'constant', eta: (4 * lr) / (K * beta), mix: (2 * lr) / K }],
    ['nash-md-pg', { eta: lr, mix: (2 * lr) / K }],
    ['egpo', { eta: (4 * lr) / (K * beta) }],
  ];
  for (const [id, given] of methods) {
    const r = new SolverRun(game, id, resolveParams(id, beta, given), game.start);
    let settle = -1; let firstDip = -1; let last = 0; const budget = 100000;
    const g0 = computeMetrics(game, beta, eq, r.logPolicy).regGap;
    for (let t = 0; t <= budget; t++) {
      if (t > 0) r.advance(1);
      const m = computeMetrics(game, beta, eq, r.logPolicy);
      if (m.regGap <= 1e-6) { if (settle < 0) settle = t; if (firstDip < 0) firstDip = t; } else settle = -1;
      last = m.regGap;
      if (t === iters) console.log(`  at authors' iters ${iters}: ${m.regGap.toExponential(3)} kl ${m.klToNE.toExponential(3)}`);
    }
    console.log(`run ${run} β ${beta} ${id} ${JSON.stringify(given)} gap0 ${g0.toExponential(3)} firstDip ${firstDip} settle ${settle} final ${last.toExponential(3)}`);
  }
}
