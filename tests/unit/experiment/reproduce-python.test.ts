/**
 * "Reproduce": the generated standalone Python (numpy only) runs the race the app runs and prints
 * the same numbers. Every script here is executed with python3 and compared with the app's float64
 * race (referenceRace) to 1e-12 — final policy, final metrics, hitting times — for all fourteen
 * built-in solvers, variants of their parameters, custom formulas (the formula compiler's numpy
 * target), β = 0 (the LP equilibrium), and the noisy query models sampled, pairs and pairs-binary
 * (the counter-based RNG and the estimators ported; one query's estimate has the app's bits).
 * CI installs python3-numpy (.ci/run).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { parseGame } from '../../../src/core/validate';
import { buildPreset } from '../../../src/core/presets';
import { estimatePairs, estimateWinRates } from '../../../src/core/sampling/estimator';
import { SOLVER_IDS } from '../../../src/core/solvers';
import { hitOf } from '../../../src/experiment/hits';
import {
  cliCommands,
  pythonScript,
  reproInput,
  runArguments,
} from '../../../src/experiment/reproduce';
import { PYTHON_RUNTIME } from '../../../src/experiment/pythonRuntime';
import type { Race, RaceSettings } from '../../../src/experiment/race';
import type { CustomSolverSpec } from '../../../src/formula';
import { referenceRace, RPS } from '../fixtures';

const dir = mkdtempSync(join(tmpdir(), 'nash-repro-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface PyMetrics {
  exploitability: number | null;
  regGap: number | null;
  klToNE: number | null;
}
interface PyHit {
  t: number;
  queries: number;
}
interface PySolver {
  key: string;
  queries: number;
  final: { policy: number[]; metrics: PyMetrics };
  hit: Record<'klToNE' | 'exploitability' | 'regGap', PyHit | null> & { epsilon: number };
  stopped?: { t: number; step: string; value: string };
}

let scripts = 0;
function runPython(script: string): { solvers: PySolver[] } {
  const file = join(dir, `race${scripts++}.py`);
  writeFileSync(file, script);
  const out = execFileSync('python3', [file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return JSON.parse(out) as { solvers: PySolver[] };
}

const TOL = 1e-12;
const METRICS = ['klToNE', 'exploitability', 'regGap'] as const;

/** Every solver of the race against the script's output, to 1e-12. */
function expectSameRace(race: Race, py: { solvers: PySolver[] }, epsilon = 1e-6): void {
  expect(py.solvers.map((s) => s.key)).toEqual(race.traces.map((t) => t.key));
  const K = race.K;
  for (const trace of race.traces) {
    const s = py.solvers.find((p) => p.key === trace.key)!;
    const last = trace.times.length - 1;
    const policy = Array.from(trace.policies.subarray(last * K, (last + 1) * K));
    s.final.policy.forEach((p, i) =>
      expect(Math.abs(p - policy[i]!), `${trace.key} π[${i}]`).toBeLessThanOrEqual(TOL),
    );
    for (const m of METRICS) {
      const app = trace[m][last]!;
      const got = s.final.metrics[m];
      if (!Number.isFinite(app)) expect(got, `${trace.key} ${m}`).toBeNull();
      else
        expect(Math.abs(got! - app), `${trace.key} ${m}: ${got} vs ${app}`).toBeLessThanOrEqual(
          TOL * Math.max(1, Math.abs(app)),
        );
      const hit = hitOf(trace, trace[m], epsilon);
      expect(s.hit[m], `${trace.key} hit of ${m}`).toEqual(
        hit ? { t: hit.t, queries: hit.queries } : null,
      );
    }
    expect(s.stopped ?? null, trace.key).toEqual(trace.stopped ?? null);
  }
}

const GAME = parseGame(buildPreset('random:4:3'));

const FORMULAS: CustomSolverSpec[] = [
  {
    id: 'c1',
    name: 'Optimistic with history',
    formula: [
      'aux a = logpi',
      'm = eta * beta',
      'g = P·pi',
      'a = normalize((1 - m) * a + m * logmu + eta * g)',
      'next = (1 - m) * a + m * logmu + eta * g + 0.01 * logpi[t-2]',
    ].join('\n'),
    eta: 0.3,
    color: '#332288',
  },
  {
    id: 'c2',
    name: 'Everything',
    formula: [
      'aux s = 1',
      'h = 2 / (beta * (t + 2))',
      'mix = softmax((1 - h * beta) * logpi + h * beta * logmu)',
      'w = P·mix - beta * (logpi - logmu)',
      'v = dot(pi, w) + 0 * logsumexp(abs(logpi)) + min(0, sqrt(K)) * sum(mu)^2',
      'next = logpi + h * pi * (w - v) + max(0, -exp(-K)) * log(mu) / s',
      's = s + 1',
    ].join('\n'),
    eta: 0.1,
    color: '#88CCEE',
  },
  {
    id: 'c3',
    name: 'Blows up',
    formula: 'next = logpi + eta * P·pi / (t - 5)',
    eta: 0.5,
    color: '#44AA99',
  },
];

function settings(over: Partial<RaceSettings>): RaceSettings {
  return { game: GAME, beta: 0.1, solvers: [...SOLVER_IDS], params: {}, budget: 200, ...over };
}

describe('the generated Python reproduces the race', () => {
  it('every registry solver and three formulas at β = 0.1, to 1e-12', () => {
    const s = settings({ custom: FORMULAS });
    const race = referenceRace(s);
    expect(race.traces).toHaveLength(SOLVER_IDS.length + FORMULAS.length);
    const script = pythonScript(reproInput(s));
    // numpy only: no project code, nothing else.
    const imports = script.split('\n').filter((l) => /^(import|from) /.test(l));
    expect(imports).toEqual(['import json', 'import math', 'import struct', 'import numpy as np']);
    const py = runPython(script);
    expectSameRace(race, py);
    // The third formula divides by zero at t = 5: both stop there, at the same step.
    expect(py.solvers.find((p) => p.key === 'c3')!.stopped).toEqual({
      t: 5,
      step: 'next',
      value: 'infinite',
    });
    // Some solver hits ε = 1e-6 within the budget, so hitting times are really compared.
    expect(py.solvers.some((p) => p.hit.klToNE !== null)).toBe(true);
  }, 120_000);

  it('β = 0 (the LP equilibrium) and parameter variants: inner steps, refresh, players, schedules, mix', () => {
    const s = settings({
      game: RPS,
      beta: 0,
      params: {
        'nash-mp': { inner: 3, innerStep: 0.8 },
        egpo: { refresh: 40 },
        mnpo: { players: 4, weights: [3, 2, 1] },
        mpo: { refresh: 25, magnet: 0.3 },
      },
      custom: [FORMULAS[0]!],
    });
    const race = referenceRace(s);
    expect(Object.keys(race.refused)).toEqual([]);
    expectSameRace(race, runPython(pythonScript(reproInput(s))));

    const theory = settings({
      beta: 0.5,
      solvers: ['inpo', 'nash-md', 'nash-mp', 'egpo'],
      params: { 'nash-mp': { eta: 1.5, refresh: 30 }, inpo: { schedule: 'theory' } },
    });
    expectSameRace(referenceRace(theory), runPython(pythonScript(reproInput(theory, 1e-3))), 1e-3);

    // A fixed mixture weight m (the EGPO code's baselines) instead of η_t·β.
    const mixed = settings({
      solvers: ['nash-md', 'nash-md-pg'],
      params: { 'nash-md': { mix: 0.3 }, 'nash-md-pg': { mix: 0.05 } },
    });
    expectSameRace(referenceRace(mixed), runPython(pythonScript(reproInput(mixed))));
  }, 120_000);

  it('sampled queries: the same uniforms, samples and estimates as the app (seed 0 of the race)', () => {
    const s = settings({
      solvers: ['nash-mp', 'replicator', 'rm-plus', 'online-ipo', 'mnpo'],
      queries: { kind: 'sampled', samples: 12, seed: 4_000_000_000 },
      seeds: 1,
      budget: 60,
      custom: [FORMULAS[1]!],
    });
    const race = referenceRace(s);
    const script = pythonScript(reproInput(s, 0.5));
    expect(script).toContain('this runs seed 4000000000');
    expectSameRace(race, runPython(script), 0.5);
  }, 120_000);

  it('the pairs estimates themselves: the same bits as estimatePairs and estimateWinRates', () => {
    const cases = [
      { K: 3, pi: [0.2, 0.5, 0.3], samples: 7, seed: 3, query: 0 },
      { K: 5, pi: [0, 0.4, 0, 0.35, 0.25], samples: 200, seed: 4_294_967_295, query: 17 },
      {
        K: 64,
        pi: Array.from({ length: 64 }, (_, i) => (i % 5 === 0 ? 0 : 1 / (i + 3))),
        samples: 150,
        seed: 99,
        query: 12_345,
      },
    ];
    const games = cases.map(({ K }) => parseGame(buildPreset(`random:${K}:5`)));
    const expected = cases.map((c, i) =>
      (['pairs', 'pairs-binary', 'sampled'] as const).map((kind) =>
        Array.from(
          kind === 'sampled'
            ? estimateWinRates(
                games[i]!.P,
                c.pi,
                c.K,
                c.samples,
                c.seed,
                c.query,
                new Float64Array(c.K),
              )
            : estimatePairs(
                games[i]!.P,
                c.pi,
                c.K,
                c.samples,
                c.seed,
                c.query,
                kind === 'pairs-binary',
                new Float64Array(c.K),
              ),
        ),
      ),
    );
    const calls = cases.map((c, i) => {
      const P = `np.array(${JSON.stringify(Array.from(games[i]!.P))}).reshape(${c.K}, ${c.K})`;
      const pi = `np.array(${JSON.stringify(c.pi)}, dtype=np.float64)`;
      const args = `${c.samples}, ${c.seed}, ${c.query}`;
      return `[list(map(float, f)) for f in (estimate_pairs(${P}, ${pi}, ${args}, False), estimate_pairs(${P}, ${pi}, ${args}, True), estimate_win_rates(${P}, ${pi}, ${args}))]`;
    });
    const file = join(dir, `estimates${scripts++}.py`);
    writeFileSync(file, `${PYTHON_RUNTIME}\nprint(json.dumps([${calls.join(', ')}]))\n`);
    const got = JSON.parse(execFileSync('python3', [file], { encoding: 'utf8' })) as number[][][];
    // Bit for bit (Python's repr and JSON.parse both round-trip doubles exactly).
    expect(got).toEqual(expected);
  });

  // The EGPO authors' noise: y, y′ uniform (integer draws), an opponent y″ ~ π, exact entries or
  // Bernoulli verdicts; the estimate sums in the app's order, so it agrees to 1e-12.
  for (const kind of ['pairs', 'pairs-binary'] as const) {
    it(`${kind} queries: the same draws and estimates as the app, built-in solvers and a formula`, () => {
      const s = settings({
        game: parseGame(buildPreset('random:5:7')),
        solvers: ['nash-mp', 'egpo', 'inpo', 'replicator', 'mnpo'],
        queries: { kind, samples: 15, seed: 3_000_000_017 },
        seeds: 1,
        budget: 150,
        custom: [FORMULAS[0]!, FORMULAS[1]!],
      });
      const race = referenceRace(s);
      const script = pythonScript(reproInput(s, 0.5));
      expect(script).toContain(`Noisy queries (${kind}): this runs seed 3000000017`);
      const py = runPython(script);
      expectSameRace(race, py, 0.5);
      // Noise really moved the race: the policies differ from the exact race's.
      const exact = referenceRace({ ...s, queries: { kind: 'exact' } });
      const K = race.K;
      const last = (t: Race['traces'][number]): number[] =>
        Array.from(t.policies.subarray((t.times.length - 1) * K, t.times.length * K));
      expect(last(race.traces[0]!)).not.toEqual(last(exact.traces[0]!));
      expect(py.solvers.map((p) => p.queries)).toEqual(
        race.traces.map((t) => 150 * t.queriesPerStep),
      );
    }, 120_000);
  }
});

describe('the CLI commands of a race', () => {
  it('run each solver with every parameter explicit and give the same final numbers', async () => {
    const s = settings({
      solvers: ['mnpo', 'nash-mp', 'inpo'],
      params: { mnpo: { players: 3, weights: [2, 1] }, 'nash-mp': { inner: 2 } },
      custom: [FORMULAS[0]!],
      budget: 30,
    });
    const input = reproInput(s);
    const text = cliCommands(input);
    expect(text).toContain(`cat > game.json <<'EOF'`);
    expect(text).toContain('--solver custom --formula');
    expect(text).toContain('--weights 0.6666666666666666,0.3333333333333333');
    const race = referenceRace(s);
    const gameFile = join(dir, 'game.json');
    writeFileSync(gameFile, text.split(`<<'EOF'\n`)[1]!.split('\nEOF')[0]!);
    for (const [j, entry] of input.entries.entries()) {
      const { code, stdout, stderr } = await main(['run', ...runArguments(input, entry, gameFile)]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const doc = JSON.parse(stdout) as { final: { policy: number[]; metrics: PyMetrics } };
      const trace = race.traces[j]!;
      const last = trace.times.length - 1;
      doc.final.policy.forEach((p, i) =>
        expect(Math.abs(p - trace.policies[last * race.K + i]!)).toBeLessThanOrEqual(TOL),
      );
      expect(Math.abs(doc.final.metrics.klToNE! - trace.klToNE[last]!)).toBeLessThanOrEqual(TOL);
    }
  });

  it('`run --emit python` prints the script of that run, which prints the run’s numbers', async () => {
    const args = ['run', '--game', 'rps', '--solver', 'egpo', '--beta', '0.2', '--steps', '80'];
    const json = JSON.parse((await main(args)).stdout) as {
      final: { policy: number[]; metrics: PyMetrics };
    };
    const emitted = await main([...args, '--emit', 'python']);
    expect(emitted.code).toBe(0);
    expect(emitted.stdout.startsWith('#!/usr/bin/env python3')).toBe(true);
    const py = runPython(emitted.stdout).solvers[0]!;
    py.final.policy.forEach((p, i) =>
      expect(Math.abs(p - json.final.policy[i]!)).toBeLessThanOrEqual(TOL),
    );
    for (const m of METRICS)
      expect(Math.abs(py.final.metrics[m]! - json.final.metrics[m]!)).toBeLessThanOrEqual(TOL);
    const bad = await main([...args, '--emit', 'r']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--emit must be 'python'/);
  }, 60_000);

  it('`run --queries pairs|pairs-binary --emit python`: the script prints the noisy run’s numbers', async () => {
    for (const [kind, solver] of [
      ['pairs', 'nash-mp'],
      ['pairs-binary', 'inpo'],
      ['pairs', 'custom'],
    ] as const) {
      const args = [
        'run',
        '--game',
        'random:4:11',
        '--solver',
        solver,
        ...(solver === 'custom' ? ['--formula', FORMULAS[0]!.formula, '--eta', '0.3'] : []),
        '--beta',
        '0.1',
        '--steps',
        '120',
        '--queries',
        kind,
        '--samples',
        '20',
        '--seed',
        '3',
      ];
      const run = await main(args);
      expect(run.stderr).toBe('');
      const json = JSON.parse(run.stdout) as {
        final: { policy: number[]; metrics: PyMetrics };
      };
      const emitted = await main([...args, '--emit', 'python']);
      expect(emitted.code).toBe(0);
      expect(emitted.stdout).toContain(`Noisy queries (${kind}): this runs seed 3`);
      const py = runPython(emitted.stdout).solvers[0]!;
      py.final.policy.forEach((p, i) =>
        expect(
          Math.abs(p - json.final.policy[i]!),
          `${kind} ${solver} π[${i}]`,
        ).toBeLessThanOrEqual(TOL),
      );
      for (const m of METRICS)
        expect(
          Math.abs(py.final.metrics[m]! - json.final.metrics[m]!),
          `${kind} ${solver} ${m}`,
        ).toBeLessThanOrEqual(TOL);
    }
  }, 60_000);

  it('the commands of a noisy race pass its query model (--queries pairs, samples, seed)', () => {
    for (const kind of ['pairs', 'pairs-binary'] as const) {
      const s = settings({
        solvers: ['egpo'],
        queries: { kind, samples: 20, seed: 3 },
        seeds: 1,
        budget: 30,
      });
      const text = cliCommands(reproInput(s));
      expect(text).toContain(`--queries ${kind} --samples 20 --seed 3`);
      expect(text).toContain(`# Noisy queries (${kind}): each command runs seed 3`);
    }
  });
});
