/** Custom solvers in the batched views (sweep, tuning, flow field, basins) and the worker pool. */
import { describe, expect, it } from 'vitest';
import { resolveParams, type MemberSolver } from '../../../src/core/solvers';
import type { ClientResult, EngineClient } from '../../../src/engine/client';
import { EnginePool, MIN_SHARDED_WORK } from '../../../src/engine/pool';
import { ReferenceEngine } from '../../../src/engine/reference';
import type { BatchMember, BatchSpec } from '../../../src/engine/types';
import { BUILTIN_FORMULAS } from '../../../src/formula/builtins';
import { resolveCustomParams } from '../../../src/formula/solver';
import { basinsFrom, basinsSpec } from '../../../src/experiment/views/basins';
import { flowFieldsFrom, flowFieldSpec } from '../../../src/experiment/views/flowField';
import { simplexLattice } from '../../../src/experiment/views/lattice';
import type { SolverSetting } from '../../../src/experiment/views/runs';
import type { CustomSubject } from '../../../src/experiment/views/subject';
import { sweepAxes, sweepFrom, sweepPlan } from '../../../src/experiment/views/sweep';
import { tunedFrom, tunedParams, tunePlan } from '../../../src/experiment/views/tune';
import { RPS } from '../views-fixtures';

const engine = new ReferenceEngine();
const NASH_MP = BUILTIN_FORMULAS.find((b) => b.solver === 'nash-mp')!.formula;
const custom: CustomSubject = { solver: 'custom', formula: NASH_MP, id: 'my-mp' };

describe('custom solvers in the views (float64 reference)', () => {
  it('a sweep map of the formula equals the registry solver’s, cell by cell', () => {
    const axes = { etas: sweepAxes(4).etas, betas: sweepAxes(4).betas };
    const plan = sweepPlan(RPS, ['nash-mp', custom], {}, 60, 1e-6, axes);
    // 4 × 4 log-spaced cells and the β = 0 row of 4.
    expect(plan.spec.members.filter((m) => m.solver === 'custom')).toHaveLength(20);
    const [registry, formula] = sweepFrom(plan, engine.runSync(plan.spec));
    expect(formula!.solver).toEqual(custom);
    expect(Array.from(formula!.hits)).toEqual(Array.from(registry!.hits));
    formula!.finalKL.forEach((v, c) =>
      expect(Math.abs(v - registry!.finalKL[c]!)).toBeLessThan(1e-12),
    );
  });

  it('Tune η finds the same step for the formula, keyed by the custom solver’s id', () => {
    const plan = tunePlan(RPS, 0.1, ['nash-mp', custom], { 'my-mp': { eta: 1 } }, 100, 1e-6, 12);
    const [registry, formula] = tunedFrom(plan, engine.runSync(plan.spec));
    expect(formula!.eta).toBe(registry!.eta);
    expect(formula!.hit).toBe(registry!.hit);
    const params = tunedParams([registry!, formula!], { 'my-mp': { eta: 1 } });
    expect(params['my-mp']).toEqual({ eta: formula!.eta });
    expect(params['nash-mp']).toEqual({ eta: registry!.eta });
  });

  it('flow field and basins: the formula moves every lattice point as the registry solver does', () => {
    const lattice = simplexLattice(10);
    const params = resolveParams('nash-mp', 0.1);
    const settings: SolverSetting<MemberSolver>[] = [
      { solver: 'nash-mp', params },
      { solver: 'custom', params: resolveCustomParams(0.1, { eta: 2 }), formula: NASH_MP },
    ];
    const [a, b] = flowFieldsFrom(
      settings,
      lattice,
      engine.runSync(flowFieldSpec(RPS, settings, lattice)),
    );
    b!.delta.forEach((d, i) => expect(Math.abs(d - a!.delta[i]!)).toBeLessThan(1e-12));
    const spec = basinsSpec(RPS, settings, 80, 1e-6, lattice);
    const [ha, hb] = basinsFrom(settings, lattice, engine.runSync(spec), 1e-6);
    expect(hb!.solver).toBe('custom');
    expect(Array.from(hb!.hits)).toEqual(Array.from(ha!.hits));
  });
});

describe('the worker pool with custom members', () => {
  it('merges failures of every shard with batch member indices', async () => {
    const fake = (): EngineClient =>
      ({
        run: async (_engine: string, spec: BatchSpec) => (await engine.run(spec)) as ClientResult,
        terminate() {},
      }) as unknown as EngineClient;
    const pool = new EnginePool([fake(), fake()]);
    const bad = 'g = P·pi\nbad = log(4 - t)\nnext = logpi + eta * g * bad';
    const members: BatchMember[] = Array.from({ length: 8 }, (_, b) =>
      b % 3 === 2
        ? { solver: 'custom', formula: bad, params: resolveCustomParams(0.1), start: RPS.start }
        : { solver: 'inpo', params: resolveParams('inpo', 0.1), start: RPS.start },
    );
    const steps = Math.ceil(MIN_SHARDED_WORK / (8 * 9)) + 1;
    const merged = await pool.run('reference', {
      game: RPS,
      members,
      steps,
      every: steps,
      metrics: false,
    });
    expect(merged.failures).toEqual(
      [2, 5].map((member) => ({ member, t: 4, step: 'bad', value: 'infinite' })),
    );
  });
});
