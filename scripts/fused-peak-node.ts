/**
 * The fused kernels against the GPU's float32 peak, in Node with WebGPU (Dawn via the npm
 * package `webgpu`): K = 1024 by default, B = 16, 256 and 4096 members, for the tiled path (what
 * the engine runs at this K) and the one-kernel path (one thread per member). A step is K²·B
 * multiply-adds per query, i.e. 2·K²·B float32 operations; the fraction of peak is that rate
 * over the peak given. Also checks a few members against the float64 reference. Prints JSON.
 *
 *   npx tsx scripts/fused-peak-node.ts --peak-tflops 67 --out docs/fused-peak-h200.json
 *   npx tsx scripts/fused-peak-node.ts --K 256 --B 16,64 --target 0.5   (SwiftShader here)
 *
 * Options: --K (1024), --B (16,256,4096), --solver inpo|nash-mp|… (inpo), --paths tiled,kernel,
 * --target seconds per row (1), --peak-tflops (the adapter's float32 peak; H100/H200 SXM: 67),
 * --out file, REQUIRE_GPU=1 to exit 3 without an adapter.
 */
import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { benchSpec, measure } from '../src/bench/workloads';
import { getSolver, type SolverId } from '../src/core/solvers';
import { adapterInfo, useBackend } from '../src/engine/backends';
import { FusedEngine } from '../src/engine/fused/engine';
import { timeGemm } from '../src/engine/fused/tiled';
import { installNodeWebGPU } from '../src/engine/node';
import { ReferenceEngine } from '../src/engine/reference';

const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const K = Number(flag('K') ?? 1024);
const sizes = (flag('B') ?? '16,256,4096').split(',').map(Number);
const solver = (flag('solver') ?? 'inpo') as SolverId;
const paths = (flag('paths') ?? 'tiled,kernel').split(',') as ('tiled' | 'kernel')[];
const targetSeconds = Number(flag('target') ?? 1);
const peakTflops = flag('peak-tflops') === undefined ? null : Number(flag('peak-tflops'));
const out = flag('out');
const checks: [string, number][] = [
  ['K', K],
  ['target', targetSeconds],
  ...sizes.map((b): [string, number] => ['B', b]),
];
for (const [name, v] of checks)
  if (!(Number.isFinite(v) && v > 0)) throw new Error(`--${name} must be a positive number`);
if (peakTflops !== null && !(peakTflops > 0)) throw new Error('--peak-tflops must be positive');

tf.env().set('PROD', true);
const reason = await installNodeWebGPU();
const gpu = reason === null && (await useBackend('webgpu'));
const adapter = gpu ? await adapterInfo() : null;
if (!gpu) {
  process.stdout.write(`${JSON.stringify({ webgpu: false, reason })}\n`);
  process.exit(process.env.REQUIRE_GPU ? 3 : 0);
}

const queries = getSolver(solver).queriesPerStep;
const engines = {
  tiled: new FusedEngine({ tiledMinK: 1 }),
  kernel: new FusedEngine({ tiledMinK: Infinity }),
};
const device = (tf.backend() as unknown as { device: GPUDevice }).device;
const rows = [];
for (const B of sizes) {
  // The queries alone (one tiled P·X per query): where the tiled path's time goes.
  const gemmMs = await timeGemm(
    device,
    K,
    B,
    Math.max(1, Math.min(50, Math.round(2 ** 30 / (K * K * B)))),
  );
  const gemmTflops = (2 * K * K * B) / (gemmMs / 1000) / 1e12;
  rows.push({
    path: 'gemm alone',
    K,
    B,
    msPerQuery: gemmMs,
    tflops: gemmTflops,
    fractionOfPeak: peakTflops === null ? null : gemmTflops / peakTflops,
  });
  process.stderr.write(
    `gemm K=${K} B=${B}: ${gemmMs.toFixed(3)} ms, ${gemmTflops.toFixed(3)} TFLOP/s\n`,
  );
  for (const path of paths) {
    const engine = engines[path];
    // The one-kernel path at K = 1024 is slow: cap its steps so a row stays within minutes.
    const row = await measure((spec) => engine.run(spec), solver, { K, B }, targetSeconds, 20_000);
    const macPerSec = row.policyStepsPerSec * K * K * queries;
    rows.push({
      path,
      solver,
      K,
      B,
      T: row.T,
      seconds: row.seconds,
      policyStepsPerSec: row.policyStepsPerSec,
      tflops: (2 * macPerSec) / 1e12,
      fractionOfPeak: peakTflops === null ? null : (2 * macPerSec) / (peakTflops * 1e12),
      workPerDispatch: path === 'kernel' ? engine.workPerDispatch : null,
    });
    process.stderr.write(
      `${path} K=${K} B=${B}: ${row.policyStepsPerSec.toExponential(2)} policy-steps/s, ${((2 * macPerSec) / 1e12).toFixed(3)} TFLOP/s\n`,
    );
  }
}

/** max |Δπ| of the first members after a few steps, each path against float64. */
async function agreement(): Promise<Record<string, number>> {
  const spec = benchSpec(solver, K, Math.min(4, Math.max(...sizes)), 20);
  const ref = new ReferenceEngine().runSync(spec);
  const gaps: Record<string, number> = {};
  for (const path of paths) {
    const r = await engines[path].run(spec);
    let gap = 0;
    for (let i = 0; i < ref.logPolicies.length; i++)
      gap = Math.max(gap, Math.abs(Math.exp(r.logPolicies[i]!) - Math.exp(ref.logPolicies[i]!)));
    gaps[path] = gap;
  }
  return gaps;
}

const report = {
  adapter,
  webgpu: true,
  node: process.version,
  peakTflops,
  note: 'fractionOfPeak = 2·K²·B·(queries per step)·steps/s ÷ peak; one multiply-add = 2 flops',
  rows,
  maxGapVsFloat64: await agreement(),
};
const text = `${JSON.stringify(report, null, 1)}\n`;
if (out) writeFileSync(out, text);
process.stdout.write(text);
process.exit(0);
