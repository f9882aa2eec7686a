/** Game validation: every rule names its field and index; properties over random games and junk. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { entry, MAX_ACTIONS } from '../../../src/core/game';
import {
  GameValidationError,
  parseGame,
  validateGame,
  type ValidationIssue,
} from '../../../src/core/validate';

type Json = Record<string, unknown>;

const RPS_P = [
  [0.5, 0, 1],
  [1, 0.5, 0],
  [0, 1, 0.5],
];
const RPS_A = [
  [0, -1, 1],
  [1, 0, -1],
  [-1, 1, 0],
];

/** A valid 3-action game; `patch` overrides (undefined deletes the field). */
function game(patch: Json = {}): Json {
  const g: Json = {
    name: 'RPS',
    actions: ['rock', 'paper', 'scissors'],
    preference: RPS_P.map((r) => [...r]),
    ...patch,
  };
  return Object.fromEntries(Object.entries(g).filter(([, v]) => v !== undefined));
}

function payoffGame(payoff: unknown, patch: Json = {}): Json {
  return game({ preference: undefined, payoff, ...patch });
}

function issuesOf(input: unknown): ValidationIssue[] {
  const r = validateGame(input);
  if (r.ok) throw new Error(`expected validation to fail for ${JSON.stringify(input)}`);
  expect(r.issues.length).toBeGreaterThan(0);
  return r.issues;
}

/** Asserts an issue at `path` whose message starts with the path and contains each fragment. */
function expectIssue(input: unknown, path: string, ...fragments: string[]): ValidationIssue {
  const issues = issuesOf(input);
  const hit = issues.find((i) => i.path === path);
  expect(hit, `no issue at ${path}: ${JSON.stringify(issues)}`).toBeDefined();
  expect(hit!.message.startsWith(path)).toBe(true);
  for (const f of fragments) expect(hit!.message).toContain(f);
  return hit!;
}

function ok(input: unknown) {
  const r = validateGame(input);
  if (!r.ok) throw new Error(`expected a valid game: ${JSON.stringify(r.issues)}`);
  return r.game;
}

function square(K: number, v: unknown): unknown[][] {
  return Array.from({ length: K }, () => new Array<unknown>(K).fill(v));
}

describe('validateGame: top level', () => {
  it.each([
    ['null', null],
    ['a number', 3],
    ['a string', 'rps'],
    ['an array', [1, 2]],
    ['undefined', undefined],
    ['a boolean', true],
  ])('refuses %s instead of an object', (_label, input) => {
    const issues = issuesOf(input);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('game');
    expect(issues[0]!.message).toMatch(/^game must be a JSON object/);
  });

  it('names an unknown field (a typo of preference) and lists the known ones', () => {
    const g = game({ preference: undefined, prefrence: RPS_P });
    const issue = expectIssue(g, 'prefrence', 'not a known field', 'preference', 'spelling');
    expect(issue.message).toContain('payoff');
  });

  // Bug: the unknown-field issue uses the raw key as its path, so a key '' gives path ''.
  it('gives an unknown field with an empty name a non-empty path', () => {
    const issues = issuesOf(game({ '': 1 }));
    for (const issue of issues) expect(issue.path).not.toBe('');
  });

  it('refuses a missing name', () => {
    expectIssue(game({ name: undefined }), 'name', 'missing');
  });

  it.each([[''], ['   '], [42], [null]])('refuses the name %j', (name) => {
    expectIssue(game({ name }), 'name', 'non-empty string');
  });

  it('trims the name and defaults the description to empty', () => {
    const g = ok(game({ name: '  RPS  ' }));
    expect(g.name).toBe('RPS');
    expect(g.description).toBe('');
  });

  it('refuses a description that is not a string', () => {
    expectIssue(game({ description: 7 }), 'description', 'must be a string');
    expect(ok(game({ description: 'one line' })).description).toBe('one line');
  });
});

describe('validateGame: the matrix', () => {
  it('needs preference or payoff', () => {
    expectIssue(game({ preference: undefined }), 'preference', 'missing', 'payoff');
  });

  it('refuses preference and payoff together', () => {
    expectIssue(game({ payoff: RPS_A }), 'payoff', 'together with preference');
  });

  it.each([
    ['preference', 'rows', 'the string "rows"'],
    ['preference', 5, '5'],
    ['preference', { 0: [0.5] }, 'an object'],
    ['payoff', null, 'null'],
  ])('refuses %s = %j (not an array)', (field, value, got) => {
    const g = field === 'payoff' ? payoffGame(value) : game({ preference: value });
    expectIssue(g, field, 'must be an array of rows', got);
  });

  it('refuses K < 2', () => {
    expectIssue(game({ preference: [[0.5]], actions: ['a'] }), 'preference', 'has 1 rows');
    expectIssue(game({ preference: [], actions: [] }), 'preference', 'has 0 rows');
  });

  it('refuses K > 1024 (a 1025×1025 array)', () => {
    const K = MAX_ACTIONS + 1;
    const row = new Array<number>(K).fill(0.5);
    const preference = Array.from({ length: K }, () => row);
    const actions = Array.from({ length: K }, (_, i) => `a${i}`);
    expectIssue(game({ preference, actions }), 'preference', 'has 1025 rows', '1024');
  });

  it('refuses a row that is not an array', () => {
    const preference = [[0.5, 0, 1], 'oops', [0, 1, 0.5]];
    expectIssue(game({ preference }), 'preference[1]', 'must be an array');
  });

  it('refuses a non-square row', () => {
    const preference = [
      [0.5, 0, 1],
      [1, 0.5],
      [0, 1, 0.5],
    ];
    expectIssue(game({ preference }), 'preference[1]', 'has 2 entries', 'square', '3×3');
  });

  it.each([
    ['NaN', NaN, 'NaN'],
    ['Infinity', Infinity, 'Infinity'],
    ['-Infinity', -Infinity, '-Infinity'],
    ['a string', '0.5', 'the string "0.5"'],
    ['null', null, 'null'],
    ['a boolean', true, 'boolean'],
    ['an array', [0.5], 'an array'],
  ])('refuses %s as an entry, naming [i][j]', (_label, v, got) => {
    const preference = RPS_P.map((r) => [...r]) as unknown[][];
    preference[2]![1] = v;
    expectIssue(game({ preference }), 'preference[2][1]', 'finite number', got);
    const payoff = RPS_A.map((r) => [...r]) as unknown[][];
    payoff[0]![2] = v;
    expectIssue(payoffGame(payoff), 'payoff[0][2]', 'finite number', got);
  });

  it.each([[-0.1], [1.1], [-1e-12], [1 + 1e-12]])(
    'refuses a preference entry %d outside [0, 1]',
    (v) => {
      const preference = RPS_P.map((r) => [...r]);
      preference[0]![1] = v;
      expectIssue(game({ preference }), 'preference[0][1]', `is ${v}`, '[0, 1]');
    },
  );

  it.each([[-1.5], [1.01]])('refuses a payoff entry %d outside [−1, 1]', (v) => {
    const payoff = RPS_A.map((r) => [...r]);
    payoff[1]![2] = v;
    expectIssue(payoffGame(payoff), 'payoff[1][2]', `is ${v}`, '[−1, 1]');
  });

  it('refuses P[i][j] + P[j][i] ≠ 1 beyond 1e-9, naming both entries', () => {
    const preference = RPS_P.map((r) => [...r]);
    preference[1]![2] = 0.3; // P[2][1] = 1
    expectIssue(game({ preference }), 'preference[1][2]', 'preference[2][1]', '1.3', 'must be 1');
    const p2 = RPS_P.map((r) => [...r]);
    p2[2]![0] = 1e-8; // P[0][2] = 1: sum off by 1e-8 > 1e-9
    expectIssue(game({ preference: p2 }), 'preference[0][2]', 'preference[2][0]');
  });

  it('accepts a complement off by 1e-10 and makes P exactly complementary', () => {
    const preference = [
      [0.5, 0.3, 0.9],
      [0.7 + 1e-10, 0.5, 0.2],
      [0.1 - 1e-10, 0.8, 0.5],
    ];
    const g = ok(game({ preference }));
    for (let i = 0; i < 3; i++) {
      expect(entry(g, i, i)).toBe(0.5);
      for (let j = 0; j < 3; j++) {
        expect(entry(g, i, j) + entry(g, j, i)).toBe(1);
        // The lower triangle is computed from the upper one (1 − (1 − x) need not round to x).
        if (j > i) expect(entry(g, j, i)).toBe(1 - entry(g, i, j));
      }
    }
    // The upper triangle keeps the user's digits.
    expect(entry(g, 0, 1)).toBe(0.3);
    expect(entry(g, 0, 2)).toBe(0.9);
    expect(entry(g, 1, 2)).toBe(0.2);
  });

  it('refuses a preference diagonal ≠ ½ (beyond 1e-9) and accepts it within 1e-10', () => {
    const preference = RPS_P.map((r) => [...r]);
    preference[1]![1] = 0.6;
    expectIssue(game({ preference }), 'preference[1][1]', 'is 0.6', 'diagonal must be 0.5');
    preference[1]![1] = 0.5 + 1e-10;
    expect(entry(ok(game({ preference })), 1, 1)).toBe(0.5);
  });

  it('refuses a payoff that is not skew-symmetric', () => {
    const payoff = RPS_A.map((r) => [...r]);
    payoff[0]![1] = 0.5; // A[1][0] = 1
    expectIssue(payoffGame(payoff), 'payoff[0][1]', 'payoff[1][0]', 'skew-symmetric');
  });

  it('refuses a payoff diagonal ≠ 0', () => {
    const payoff = RPS_A.map((r) => [...r]);
    payoff[2]![2] = 0.5;
    expectIssue(payoffGame(payoff), 'payoff[2][2]', 'is 0.5', 'diagonal must be 0');
  });

  // Bug (cosmetic): payoff messages recompute the value from P = (1 + A)/2 instead of quoting the
  // user's number, so A[2][2] = 0.3 is reported as 0.30000000000000004.
  it("quotes the user's payoff diagonal value in the message", () => {
    const payoff = RPS_A.map((r) => [...r]);
    payoff[2]![2] = 0.3;
    expectIssue(payoffGame(payoff), 'payoff[2][2]', 'is 0.3;');
  });

  it('turns a payoff A into P = (1 + A)/2', () => {
    const payoff = [
      [0, 0.25, -0.6],
      [-0.25, 0, 1],
      [0.6, -1, 0],
    ];
    const g = ok(payoffGame(payoff));
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) expect(entry(g, i, j)).toBeCloseTo((1 + payoff[i]![j]!) / 2, 15);
    expect(entry(g, 0, 1)).toBe(0.625);
    expect(entry(g, 1, 0)).toBe(0.375);
    const rps = ok(payoffGame(RPS_A));
    expect(Array.from(rps.P)).toEqual(RPS_P.flat());
  });
});

describe('validateGame: actions', () => {
  it('refuses missing actions', () => {
    expectIssue(game({ actions: undefined }), 'actions', 'missing');
  });

  it('refuses actions that are not an array', () => {
    expectIssue(game({ actions: 'rock,paper,scissors' }), 'actions', 'must be an array');
  });

  it('refuses the wrong number of labels', () => {
    expectIssue(game({ actions: ['rock', 'paper'] }), 'actions', 'has 2 labels', '3 actions');
  });

  it.each([
    [7, 'must be a string'],
    [null, 'must be a string'],
    ['', 'is empty'],
    ['   ', 'is empty'],
    ['\t\n', 'is empty'],
    ['x'.repeat(65), 'has 65 characters'],
  ])('refuses the label %j', (label, fragment) => {
    expectIssue(game({ actions: ['rock', label, 'scissors'] }), 'actions[1]', fragment);
  });

  it('accepts a label of exactly 64 characters', () => {
    const long = 'y'.repeat(64);
    expect(ok(game({ actions: ['rock', long, 'scissors'] })).actions[1]).toBe(long);
  });

  it('refuses a duplicated label, naming both indices', () => {
    const issue = expectIssue(game({ actions: ['rock', 'paper', 'rock'] }), 'actions[2]');
    expect(issue.message).toContain('actions[0]');
    expect(issue.message).toContain('"rock"');
    expect(issue.message).toContain('distinct');
  });

  // A sparse array (possible from JS callers, not from JSON) slips past the label checks:
  // readActions uses Array.prototype.forEach, which skips holes.
  it('refuses a hole in the labels (sparse array)', () => {
    const actions = ['rock', 'paper', 'scissors'];
    delete actions[1];
    expectIssue(game({ actions }), 'actions[1]');
  });
});

describe.each(['reference', 'start'] as const)('validateGame: %s', (field) => {
  it('refuses the wrong length', () => {
    expectIssue(game({ [field]: [0.5, 0.5] }), field, 'has 2 entries', '3 actions');
  });

  it('refuses a non-array', () => {
    expectIssue(game({ [field]: 'uniform' }), field, 'must be an array');
  });

  it.each([
    [-0.1, 'negative'],
    [0, 'is 0'],
    [NaN, 'finite number'],
    [Infinity, 'finite number'],
    ['0.3', 'finite number'],
  ])('refuses the entry %j', (v, fragment) => {
    expectIssue(game({ [field]: [0.5, v, 0.5] }), `${field}[1]`, fragment);
  });

  it('refuses a sum that is off by more than 1e-9', () => {
    expectIssue(game({ [field]: [0.5, 0.3, 0.3] }), field, 'sums to 1.1', 'sum to 1');
    expectIssue(game({ [field]: [0.5, 0.3, 0.2 + 1e-8] }), field, 'sum to 1');
  });

  it('accepts a sum off by 1e-10 and renormalizes it', () => {
    const given = [0.5, 0.3, 0.2 + 1e-10];
    const g = ok(game({ [field]: given }));
    const v = g[field];
    const total = given.reduce((s, x) => s + x, 0);
    expect(v.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 15);
    for (let i = 0; i < 3; i++) expect(v[i]).toBe(given[i]! / total);
    expect(v[0]).not.toBe(0.5);
  });

  it('keeps the digits of a sum that is 1 up to rounding', () => {
    const g = ok(game({ [field]: [0.6, 0.3, 0.1] }));
    expect(Array.from(g[field])).toEqual([0.6, 0.3, 0.1]);
  });
});

describe('validateGame: defaults and derived fields', () => {
  it('defaults the reference to uniform and the start to the reference', () => {
    const g = ok(game());
    expect(Array.from(g.reference)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(Array.from(g.start)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(g.K).toBe(3);
  });

  it('defaults the start to a given reference (as a copy)', () => {
    const g = ok(game({ reference: [0.5, 0.3, 0.2] }));
    expect(Array.from(g.start)).toEqual([0.5, 0.3, 0.2]);
    expect(g.start).not.toBe(g.reference);
  });

  it('keeps an explicit start', () => {
    const g = ok(game({ reference: [0.5, 0.3, 0.2], start: [0.1, 0.1, 0.8] }));
    expect(Array.from(g.start)).toEqual([0.1, 0.1, 0.8]);
  });

  it('sets logReference = log(reference)', () => {
    const g = ok(game({ reference: [0.5, 0.3, 0.2] }));
    expect(Array.from(g.logReference)).toEqual([0.5, 0.3, 0.2].map(Math.log));
    const u = ok(game());
    for (const x of u.logReference) expect(x).toBe(Math.log(1 / 3));
  });
});

describe('parseGame', () => {
  it('returns the game when valid', () => {
    expect(parseGame(game()).actions).toEqual(['rock', 'paper', 'scissors']);
  });

  it('throws GameValidationError with every issue', () => {
    const bad = game({ name: '', actions: ['a', 'a', 'b'], reference: [1, 0, 0] });
    let caught: unknown;
    try {
      parseGame(bad);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(GameValidationError);
    const err = caught as GameValidationError;
    expect(err.name).toBe('GameValidationError');
    const paths = err.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'actions[1]', 'reference[1]']));
    expect(err.message).toContain(err.issues[0]!.message);
    expect(err.message).toContain(`and ${err.issues.length - 1} more`);
  });

  it('uses the single issue as the message when there is one', () => {
    expect(() => parseGame(game({ name: undefined }))).toThrow(/^name is missing$/);
  });
});

describe('validateGame: large inputs', () => {
  it('caps the issues of a 1024×1024 all-NaN matrix and returns quickly', () => {
    const K = MAX_ACTIONS;
    const preference = square(K, NaN);
    const actions = Array.from({ length: K }, (_, i) => `a${i}`);
    const t0 = performance.now();
    const issues = issuesOf(game({ preference, actions }));
    const ms = performance.now() - t0;
    expect(issues.length).toBeLessThanOrEqual(20);
    expect(issues[0]!.path).toBe('preference[0][0]');
    expect(ms).toBeLessThan(200);
  });

  it('caps the issues when everything is wrong at once', () => {
    const K = 300;
    const junk: Json = { name: 5, actions: new Array<number>(K).fill(1), reference: 'x' };
    for (let i = 0; i < 50; i++) junk[`extra${i}`] = i;
    junk.preference = square(K, 'x');
    expect(issuesOf(junk).length).toBeLessThanOrEqual(20);
  });
});

// ---------- properties ----------

/** A K×K skew-symmetric payoff from arbitrary doubles in [−1, 1], and positive weights. */
const arbGame = fc.integer({ min: 2, max: 8 }).chain((K) =>
  fc.record({
    K: fc.constant(K),
    upper: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), {
      minLength: (K * (K - 1)) / 2,
      maxLength: (K * (K - 1)) / 2,
    }),
    refW: fc.array(fc.double({ min: 1e-3, max: 1e3, noNaN: true }), {
      minLength: K,
      maxLength: K,
    }),
    startW: fc.array(fc.double({ min: 1e-3, max: 1e3, noNaN: true }), {
      minLength: K,
      maxLength: K,
    }),
  }),
);

function skew(K: number, upper: readonly number[]): number[][] {
  const A = square(K, 0) as number[][];
  let n = 0;
  for (let i = 0; i < K; i++)
    for (let j = i + 1; j < K; j++) {
      const a = upper[n++]!;
      A[i]![j] = a;
      A[j]![i] = -a;
    }
  return A;
}

function normalize(w: readonly number[]): number[] {
  const t = w.reduce((s, x) => s + x, 0);
  return w.map((x) => x / t);
}

function labels(K: number): string[] {
  return Array.from({ length: K }, (_, i) => `action ${i}`);
}

describe('validateGame: properties', () => {
  it('(a) accepts any skew-symmetric payoff; P + Pᵀ = 1 and diagonal ½ exactly', () => {
    fc.assert(
      fc.property(arbGame, ({ K, upper, refW, startW }) => {
        const A = skew(K, upper);
        const reference = normalize(refW);
        const start = normalize(startW);
        const g = ok({ name: 'random', actions: labels(K), payoff: A, reference, start });
        expect(g.K).toBe(K);
        for (let i = 0; i < K; i++) {
          expect(entry(g, i, i)).toBe(0.5);
          for (let j = 0; j < K; j++) {
            if (i === j) continue;
            expect(entry(g, i, j) + entry(g, j, i)).toBe(1);
            if (j > i) expect(entry(g, j, i)).toBe(1 - entry(g, i, j));
            expect(entry(g, i, j)).toBeGreaterThanOrEqual(0);
            expect(entry(g, i, j)).toBeLessThanOrEqual(1);
            expect(Math.abs(entry(g, i, j) - (1 + A[i]![j]!) / 2)).toBeLessThanOrEqual(2e-16);
          }
          expect(g.reference[i]).toBeGreaterThan(0);
          expect(g.start[i]).toBeGreaterThan(0);
          expect(Math.abs(g.reference[i]! - reference[i]!)).toBeLessThan(1e-15);
          expect(Math.abs(g.start[i]! - start[i]!)).toBeLessThan(1e-15);
        }
        // The same game given as a preference matrix validates to the same P.
        const h = ok({ name: 'again', actions: labels(K), preference: rowsOf(g.P, K) });
        expect(Array.from(h.P)).toEqual(Array.from(g.P));
      }),
      { numRuns: 200 },
    );
  });

  it('(b) perturbing one off-diagonal entry by more than 1e-6 fails, naming it or its mirror', () => {
    fc.assert(
      fc.property(
        arbGame,
        fc.nat(),
        fc.nat(),
        fc.double({ min: 1.000001e-6, max: 2, noNaN: true }),
        fc.boolean(),
        fc.boolean(),
        ({ K, upper }, ri, rj, size, negative, usePayoff) => {
          const i = ri % K;
          const j = (i + 1 + (rj % (K - 1))) % K; // j ≠ i
          const A = skew(K, upper);
          const M = usePayoff ? A : A.map((row) => row.map((a) => (1 + a) / 2));
          const field = usePayoff ? 'payoff' : 'preference';
          // Fix the mirror so the pair is exact before perturbing.
          if (!usePayoff) M[j]![i] = 1 - M[i]![j]!;
          M[i]![j] = M[i]![j]! + (negative ? -size : size);
          const input = { name: 'p', actions: labels(K), [field]: M };
          const paths = issuesOf(input).map((x) => x.path);
          const named = [`${field}[${i}][${j}]`, `${field}[${j}][${i}]`];
          expect(
            paths.some((p) => named.includes(p)),
            JSON.stringify(paths),
          ).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('(c) never throws on arbitrary values; issues always have a path and a message', () => {
    const check = (input: unknown) => {
      const r = validateGame(input);
      if (r.ok) {
        expect(r.game.K).toBeGreaterThanOrEqual(2);
        return;
      }
      expect(r.issues.length).toBeGreaterThan(0);
      expect(r.issues.length).toBeLessThanOrEqual(20);
      for (const issue of r.issues) {
        expect(typeof issue.path).toBe('string');
        expect(issue.path.length).toBeGreaterThan(0);
        expect(typeof issue.message).toBe('string');
        expect(issue.message.length).toBeGreaterThan(issue.path.length);
        expect(issue.message.startsWith(issue.path)).toBe(true);
      }
    };
    fc.assert(fc.property(fc.jsonValue(), check), { numRuns: 300 });
    fc.assert(
      fc.property(
        fc.anything({ withNullPrototype: true, withBoxedValues: true, withBigInt: true }),
        check,
      ),
      { numRuns: 300 },
    );
    // Near-games: the right field names with junk (or plausible) values, to reach the deep checks.
    const cell = fc.oneof(
      fc.double({ min: -0.5, max: 1.5 }),
      fc.constantFrom(0, 0.5, 1),
      fc.jsonValue(),
    );
    const near = fc.record(
      {
        name: fc.oneof(fc.string(), fc.jsonValue()),
        description: fc.oneof(fc.string(), fc.jsonValue()),
        actions: fc.oneof(fc.array(fc.string(), { maxLength: 5 }), fc.jsonValue()),
        preference: fc.oneof(
          fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 5 }),
          fc.jsonValue(),
        ),
        payoff: fc.array(fc.array(cell, { maxLength: 4 }), { maxLength: 4 }),
        reference: fc.oneof(fc.array(cell, { maxLength: 5 }), fc.jsonValue()),
        start: fc.array(fc.double(), { maxLength: 5 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(near, check), { numRuns: 500 });
  });

  it('(d) NaN, Infinity, a string or null in any entry is named preference[i][j]', () => {
    fc.assert(
      fc.property(
        arbGame,
        fc.nat(),
        fc.nat(),
        fc.constantFrom<unknown>(NaN, Infinity, -Infinity, 'x', '0.5', null),
        ({ K, upper }, ri, rj, bad) => {
          const i = ri % K;
          const j = rj % K;
          const P: unknown[][] = skew(K, upper).map((row) => row.map((a) => (1 + a) / 2));
          P[i]![j] = bad;
          const input = { name: 'd', actions: labels(K), preference: P };
          const hit = issuesOf(input).find((x) => x.path === `preference[${i}][${j}]`);
          expect(hit).toBeDefined();
          expect(hit!.message).toContain('finite number');
        },
      ),
      { numRuns: 200 },
    );
  });
});

function rowsOf(P: Float64Array, K: number): number[][] {
  return Array.from({ length: K }, (_, i) => Array.from(P.subarray(i * K, (i + 1) * K)));
}
