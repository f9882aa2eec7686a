/**
 * The GPU-scale views' workloads in Node with WebGPU (Dawn via the npm package `webgpu`): the
 * 64 × 64 flow field of all eleven solvers, the 32 × 32 (η, β) sweep × 2,000 iterations of the
 * four seed-paper solvers on RPS, and the basins of 4,186 starts × six solvers. On a machine with
 * a real GPU this is the issue's "report the same in Node with WebGPU there"; it also checks the
 * fused numbers against float64 at sampled points. Prints JSON.
 *
 *   npx tsx scripts/views-bench-node.ts            (here: SwiftShader)
 *   VK_ICD_FILENAMES=…/nvidia_icd.json node bench.mjs   (a bundle of this file, on a GPU machine)
 */
import * as tf from '@tensorflow/tfjs-core';
import { buildPreset } from '../src/core/presets';
import { resolveParams, SOLVER_IDS } from '../src/core/solvers';
import { parseGame } from '../src/core/validate';
import { adapterInfo, useBackend } from '../src/engine/backends';
import { installNodeWebGPU } from '../src/engine/node';
import { AutoEngine, FusedEngine, ReferenceEngine, TfjsEngine } from '../src/engine/index';
import type { BatchResult, BatchSpec, Engine } from '../src/engine/types';
import { basinsFrom, basinsSpec } from '../src/experiment/views/basins';
import { flowFieldsFrom, flowFieldSpec } from '../src/experiment/views/flowField';
import { simplexLattice } from '../src/experiment/views/lattice';
import { sweepFrom, sweepPlan } from '../src/experiment/views/sweep';

tf.env().set('PROD', true);
const reason = await installNodeWebGPU();
const gpu = reason === null && (await useBackend('webgpu'));
const adapter = gpu ? await adapterInfo() : null;
if (!gpu && process.env.REQUIRE_GPU) {
  process.stdout.write(`${JSON.stringify({ webgpu: false, reason })}\n`);
  process.exit(3);
}

const game = parseGame(buildPreset('rps'));
const lattice = simplexLattice();
const allSolvers = SOLVER_IDS.map((solver) => ({ solver, params: resolveParams(solver, 0.1) }));
const six = allSolvers.slice(0, 6);
const field = flowFieldSpec(game, allSolvers, lattice);
const plan = sweepPlan(game, ['nash-mp', 'egpo', 'inpo', 'mnpo'], {}, 2000, 1e-6);
const basins = basinsSpec(game, six, 2000, 1e-6, lattice);
// Issue 7 on the same machine: 256 seeds per solver with sampled queries (n = 20).
const wrps = parseGame(buildPreset('weighted-rps'));
const sampled: BatchSpec = {
  game: wrps,
  members: six.flatMap(({ solver, params }) =>
    Array.from({ length: 256 }, (_, seed) => ({
      solver,
      params,
      start: wrps.start,
      queries: { kind: 'sampled' as const, samples: 20, seed },
    })),
  ),
  steps: 2000,
  every: 100,
  metrics: false,
};
const workloads: [string, BatchSpec][] = [
  [`flow field 4,186 points × ${SOLVER_IDS.length} solvers`, field],
  ['sweep 32×32 × 2,000 iterations × 4 solvers', plan.spec],
  ['basins 4,186 starts × 6 solvers × ≤ 2,000 iterations', basins],
  ['sampled n = 20: 6 solvers × 256 seeds × 2,000 iterations', sampled],
];

const reference = new ReferenceEngine();
const engines: [string, Engine][] = [['reference', reference]];
if (gpu) {
  engines.push(['tfjs-webgpu', new TfjsEngine({ backends: ['webgpu'] })]);
  engines.push(['fused', new FusedEngine()]);
  engines.push(['auto', new AutoEngine([new ReferenceEngine(), new FusedEngine()])]);
}

const rows = [];
const results = new Map<string, BatchResult>();
for (const [name, spec] of workloads) {
  for (const [label, engine] of engines) {
    // Per-op tfjs cannot stop members nor read back queries on webgpu; over 2,000 steps it only
    // measures dispatch overhead.
    if (label === 'tfjs-webgpu' && spec.steps > 1) continue;
    try {
      let t0 = performance.now();
      let result = await engine.run(spec);
      const firstMs = performance.now() - t0;
      let best = firstMs;
      for (let k = 0; k < 3 && firstMs < 5_000; k++) {
        t0 = performance.now();
        result = await engine.run(spec);
        best = Math.min(best, performance.now() - t0);
      }
      results.set(`${label}:${name}`, result);
      rows.push({
        workload: name,
        engine: label,
        ran: result.engine,
        backend: result.backend,
        members: spec.members.length,
        firstMs: Math.round(firstMs),
        bestMs: Math.round(best),
      });
      process.stderr.write(`${label} ${name}: ${Math.round(best)} ms\n`);
    } catch (e) {
      rows.push({ workload: name, engine: label, error: (e as Error).message });
    }
  }
}

/** The fused engine's view numbers against float64 at every 97th point / 7th cell. */
function agreement() {
  const ref = (name: string) => results.get(`reference:${name}`);
  const fused = (name: string) => results.get(`fused:${name}`);
  const out: Record<string, number> = {};
  const [fieldName, sweepName, basinName] = workloads.map((w) => w[0]);
  if (fused(fieldName!) && ref(fieldName!)) {
    const a = flowFieldsFrom(allSolvers, lattice, fused(fieldName!)!);
    const b = flowFieldsFrom(allSolvers, lattice, ref(fieldName!)!);
    let gap = 0;
    a.forEach((f, s) => {
      for (let p = 0; p < lattice.count; p += 97)
        for (let i = 0; i < 3; i++)
          gap = Math.max(gap, Math.abs(f.delta[3 * p + i]! - b[s]!.delta[3 * p + i]!));
    });
    out.fieldMaxGap = gap;
  }
  if (fused(sweepName!) && ref(sweepName!)) {
    const a = sweepFrom(plan, fused(sweepName!)!);
    const b = sweepFrom(plan, ref(sweepName!)!);
    let klGap = 0;
    let hitGap = 0;
    a.forEach((m, s) => {
      for (let c = 0; c < m.hits.length; c += 7) {
        if (b[s]!.hits[c] === -2) continue;
        if (b[s]!.finalKL[c]! <= 1e-3)
          klGap = Math.max(klGap, Math.abs(m.finalKL[c]! - b[s]!.finalKL[c]!));
        if (b[s]!.hits[c]! >= 0) hitGap = Math.max(hitGap, Math.abs(m.hits[c]! - b[s]!.hits[c]!));
      }
    });
    out.sweepMaxKLGap = klGap;
    out.sweepMaxHitGap = hitGap;
  }
  if (fused(basinName!) && ref(basinName!)) {
    const a = basinsFrom(six, lattice, fused(basinName!)!, 1e-6);
    const b = basinsFrom(six, lattice, ref(basinName!)!, 1e-6);
    let hitGap = 0;
    a.forEach((m, s) =>
      m.hits.forEach((h, p) => {
        const e = b[s]!.hits[p]!;
        if (e >= 0) hitGap = Math.max(hitGap, Math.abs(h - e));
      }),
    );
    out.basinsMaxHitGap = hitGap;
  }
  const sampledName = workloads[3]![0];
  const a = fused(sampledName);
  const b = ref(sampledName);
  if (a && b) {
    // Same seed, float32 vs float64: the share of runs whose final policy is within 1e-4.
    const last = a.times.length - 1;
    let close = 0;
    for (let m = 0; m < a.B; m++) {
      let gap = 0;
      for (let i = 0; i < a.K; i++) {
        const at = (last * a.B + m) * a.K + i;
        gap = Math.max(gap, Math.abs(Math.exp(a.logPolicies[at]!) - Math.exp(b.logPolicies[at]!)));
      }
      if (gap < 1e-4) close++;
    }
    out.sampledRunsWithin1e4 = close / a.B;
  }
  return out;
}

process.stdout.write(
  `${JSON.stringify({ adapter, webgpu: gpu, reason, node: process.version, rows, agreement: agreement() }, null, 1)}\n`,
);
process.exit(0);
