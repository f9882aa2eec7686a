/**
 * The views run from src/experiment, without React: each registered view is computed here on the
 * float64 reference engine through the same interface the page hands in.
 */
import { describe, expect, it } from 'vitest';
import { ReferenceEngine } from '../../../src/engine/reference';
import { flowView } from '../../../src/experiment/views/flowField';
import { VIEWS } from '../../../src/experiment/views/registry';
import { fairView } from '../../../src/experiment/views/tune';
import { VIEW_IDS, type EngineScope, type ViewContext } from '../../../src/experiment/views/types';
import { WRPS } from '../fixtures';

function referenceScope(): EngineScope & { specs: number } {
  const engine = new ReferenceEngine();
  const scope = {
    specs: 0,
    signal: new AbortController().signal,
    cancelled: false,
    async run(_engine: string, spec: Parameters<ReferenceEngine['run']>[0]) {
      scope.specs++;
      return { result: await engine.run(spec), ms: 0 };
    },
  };
  return scope;
}

const context = (changes: Partial<ViewContext> = {}): ViewContext => ({
  game: WRPS,
  beta: 0.1,
  solvers: ['nash-mp', 'inpo'],
  params: {},
  budget: 300,
  custom: [],
  open: [...VIEW_IDS],
  basinEpsilon: 1e-6,
  epsilon: 1e-6,
  ...changes,
});

const view = <V extends (typeof VIEW_IDS)[number]>(id: V) => VIEWS.find((v) => v.id === id)!;

describe('the view registry', () => {
  it('registers every view a link can open, once', () => {
    expect(VIEWS.map((v) => v.id).sort()).toEqual([...VIEW_IDS].sort());
  });

  it('a view is on only while open and applicable', () => {
    expect(view('flow').isOn(context())).toBe(true);
    expect(view('flow').isOn(context({ open: [] }))).toBe(false);
    expect(view('flow').isOn(context({ solvers: [] }))).toBe(false);
    expect(view('bootstrap').isOn(context())).toBe(false); // WRPS has no vote counts
  });

  it('the sweep follows neither the race’s β nor η, the basins follow both', () => {
    const a = context();
    const b = { ...a, beta: 0.3, params: { inpo: { eta: 0.5 } } };
    const same = (id: 'sweep' | 'basins', c: ViewContext): boolean =>
      view(id)
        .dependsOn(a)
        .every((x, i) => Object.is(x, view(id).dependsOn(c)[i]));
    expect(same('sweep', b)).toBe(true);
    expect(same('basins', b)).toBe(false);
    expect(same('sweep', { ...a, params: { inpo: { refresh: 9 } } })).toBe(false);
  });

  it('computes the flow field of each contestant, labelled', async () => {
    const out = await flowView.compute(context(), { scope: referenceScope(), workers: 1 });
    expect(out!.data.map((f) => [f.key, f.name])).toEqual([
      ['nash-mp', 'Nash-MP'],
      ['inpo', 'INPO'],
    ]);
    // π₁ − π₀ sums to zero at every lattice point.
    const f = out!.data[0]!;
    for (let p = 0; p < f.lattice.count; p += 97)
      expect(f.delta[3 * p]! + f.delta[3 * p + 1]! + f.delta[3 * p + 2]!).toBeCloseTo(0, 12);
  });

  it('the fair race races with the parameters it tuned with (refresh, magnet kept)', async () => {
    const ctx = context({
      solvers: ['inpo', 'mpo'],
      params: { inpo: { refresh: 50, eta: 0.3 }, mpo: { magnet: 0.3, refresh: 40 } },
      budget: 200,
    });
    const out = await fairView.compute(ctx, { scope: referenceScope(), workers: 1 });
    const { defaults, tunedRace } = out!.data;
    for (const race of [defaults, tunedRace]) {
      const inpo = race.traces.find((t) => t.key === 'inpo')!;
      const mpo = race.traces.find((t) => t.key === 'mpo')!;
      expect(inpo.params.refresh).toBe(50);
      expect(mpo.params.magnet).toBe(0.3);
      expect(mpo.params.refresh).toBe(40);
    }
    // The user's η is what tuning replaces: the defaults race runs the registry's step.
    expect(defaults.traces.find((t) => t.key === 'inpo')!.params.eta).not.toBe(0.3);
  });
});
