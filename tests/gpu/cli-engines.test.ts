/** `--engine tfjs|fused|auto` give the reference's JSON, saying which engine and backend ran. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';

interface RunJSON {
  engine: string;
  backend: string;
  precision?: string;
  atFloor?: number[];
  steps: number;
  queries: number;
  equilibrium: number[];
  final: { policy: number[]; average: number[]; metrics: Record<string, number> };
  trace: { t: number; queries: number; policy: number[]; klToNE: number }[];
}

async function run(...argv: string[]): Promise<RunJSON> {
  const r = await main(['run', ...argv]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as RunJSON;
}

const ARGS = ['--game', 'weighted-rps', '--solver', 'egpo', '--steps', '500', '--every', '100'];

describe('CLI engines', () => {
  for (const [engine, backends] of [
    ['tfjs', ['wasm']],
    ['fused', ['webgpu']],
    ['auto', ['float64', 'wasm', 'webgpu']],
  ] as const) {
    it(`--engine ${engine}: the same document as --engine reference, within float32 precision`, async () => {
      const ref = await run(...ARGS);
      const out = await run(...ARGS, '--engine', engine);
      expect(backends as readonly string[]).toContain(out.backend);
      if (engine !== 'auto') expect(out.engine).toBe(engine);
      const engineKeys = new Set(['engine', 'backend', 'precision', 'atFloor', 'fallback']);
      const shared = (o: object): string[] =>
        Object.keys(o)
          .filter((k) => !engineKeys.has(k))
          .sort();
      expect(shared(out)).toEqual(shared(ref));
      expect(out.steps).toBe(ref.steps);
      expect(out.queries).toBe(ref.queries);
      expect(out.equilibrium).toEqual(ref.equilibrium);
      expect(out.trace.map((p) => p.t)).toEqual(ref.trace.map((p) => p.t));
      out.final.policy.forEach((v, i) =>
        expect(Math.abs(v - ref.final.policy[i]!)).toBeLessThan(1e-4),
      );
      out.final.average.forEach((v, i) =>
        expect(Math.abs(v - ref.final.average[i]!)).toBeLessThan(1e-4),
      );
      out.trace.forEach((p, s) =>
        p.policy.forEach((v, i) =>
          expect(Math.abs(v - ref.trace[s]!.policy[i]!)).toBeLessThan(1e-4),
        ),
      );
      if (out.precision === 'float32') {
        // EGPO on WRPS converges linearly: by t = 500 KL is below what float32 resolves.
        expect(out.atFloor).toContain(500);
        expect(out.atFloor).not.toContain(0);
      }
    });
  }

  it('a fresh process finds the WebGPU adapter for --engine fused (npm run -s cli)', () => {
    const r = spawnSync('npm', ['run', '-s', 'cli', '--', 'run', ...ARGS, '--engine', 'fused'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as RunJSON;
    expect(out.engine).toBe('fused');
    expect(out.backend).toBe('webgpu');
  });

  it('without a WebGPU adapter, --engine fused is a clear input error (exit 2)', () => {
    const r = spawnSync('npm', ['run', '-s', 'cli', '--', 'run', ...ARGS, '--engine', 'fused'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, VK_ICD_FILENAMES: '/nonexistent/icd.json' },
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    // The Vulkan loader itself may print warnings about the bogus driver path first (native
    // stderr, outside our control); our own output is the one last line.
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(
      /^error: engine 'fused' needs WebGPU, which is unavailable here: .+$/,
    );
    expect(lines.filter((l) => l.startsWith('error:'))).toHaveLength(1);
  });
});
