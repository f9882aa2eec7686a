import { buildPreset } from '../src/core/presets';
import { parseGame } from '../src/core/validate';
import { SolverRun } from '../src/core/run';
import { resolveParams, getSolver, type SolverId } from '../src/core/solvers';
import { klFromLogs } from '../src/core/numeric';
import { solveEquilibrium } from '../src/core/equilibrium';
for (const spec of ['random:10:1', 'random:100:1']) {
  const game = parseGame(buildPreset(spec));
  const eq = solveEquilibrium(game, 0.1).logPolicy;
  for (const id of ['nash-mp', 'egpo'] as SolverId[]) {
    const params = resolveParams(id, 0.1);
    const r = new SolverRun(game, id, params, game.start);
    const kl0 = klFromLogs(eq, r.logPolicy);
    const kls = [kl0];
    for (let t = 1; t <= 2000; t++) { r.advance(1); kls.push(klFromLogs(eq, r.logPolicy)); }
    let settle = -1; for (let t = kls.length - 1; t >= 0 && kls[t]! <= 1e-6; t--) settle = t;
    const bound = (t: number) => getSolver(id).theory!.bound(t, { beta: 0.1, eta: params.eta, kl0 } as never);
    console.log(spec, id, 'eta', params.eta, 'kl0', kl0.toExponential(3), 'settle', settle, 'kl@10', kls[10]!.toExponential(3), 'ratio per step ~', (kls[20]!/kls[10]!)**0.1, 'bound@settle', bound(settle), 'maxRatioToBound', Math.max(...kls.slice(0,80).map((k,t)=>k/(bound(t) ?? NaN))));
  }
}
