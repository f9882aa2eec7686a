import { buildPreset } from '../src/core/presets';
import { parseGame } from '../src/core/validate';
import { SolverRun } from '../src/core/run';
import { resolveParams, type SolverId } from '../src/core/solvers';
import { computeMetrics } from '../src/core/metrics';
import { solveEquilibrium } from '../src/core/equilibrium';
const K = 10; const beta = Number(process.argv[2]); const lr = Number(process.argv[3]); const iters = Number(process.argv[4]);
for (let run = 0; run < 10; run++) {
  const game = parseGame(buildPreset(`egpo-grid:2018011309:${run}`));
  const eq = solveEquilibrium(game, beta).logPolicy;
  const out: string[] = [];
  const methods: [string, SolverId, object][] = [
    ['nash-md code', 'nash-md', { schedule: 'constant', eta: (4 * lr) / (K * beta), mix: (2 * lr) / K }],
    ['nash-md own', 'nash-md', { schedule: 'constant', eta: (4 * lr) / (K * beta) }],
    ['nash-md-pg code', 'nash-md-pg', { eta: lr, mix: (2 * lr) / K }],
  ];
  for (const [name, id, given] of methods) {
    const r = new SolverRun(game, id, resolveParams(id, beta, given), game.start);
    let dip = -1; let min = Infinity; let g = 0;
    const win: number[] = [];
    let wdip = -1;
    for (let t = 0; t <= iters; t++) {
      if (t > 0) r.advance(1);
      g = computeMetrics(game, beta, eq, r.logPolicy).regGap;
      min = Math.min(min, g);
      if (g < 1e-6 && dip < 0) dip = t;
      win.push(g); if (win.length > 10) win.shift();
      if (win.length === 10 && wdip < 0 && win.reduce((a, b) => a + b) / 10 < 1e-6) wdip = t;
    }
    out.push(`${name}: dip ${dip} wdip ${wdip} min ${min.toExponential(2)} final ${g.toExponential(2)}`);
  }
  console.log(`run ${run} | ${out.join(' | ')}`);
}
