/** The app-facing shape of a custom solver, and the gate for links, lessons and the autosave. */
import { describe, expect, it } from 'vitest';
import {
  CUSTOM_COLORS,
  customMember,
  CustomSolverError,
  MAX_CUSTOM_SOLVERS,
  newCustomSolver,
  parseCustomSolver,
  parseCustomSolvers,
  validateFormula,
  type CustomSolverSpec,
} from '../../../src/formula';
import { ReferenceEngine } from '../../../src/engine/reference';
import { RPS } from '../fixtures';

const good: CustomSolverSpec = {
  id: 'c1',
  name: 'My MMD',
  formula: 'next = (logpi + eta * beta * logmu + eta * P·pi) / (1 + eta * beta)',
  eta: 0.4,
  color: '#332288',
};

describe('custom solver specs', () => {
  it('round-trip through JSON (a link, the autosave) unchanged', () => {
    expect(parseCustomSolver(JSON.parse(JSON.stringify(good)))).toEqual(good);
    expect(parseCustomSolvers([good, { ...good, id: 'c2' }])).toHaveLength(2);
  });

  it('new ones get a free id, a name and a colour of their own', () => {
    const a = newCustomSolver([]);
    const b = newCustomSolver([a]);
    expect([a.id, b.id]).toEqual(['c1', 'c2']);
    expect(a.color).toBe(CUSTOM_COLORS[0]);
    expect(b.color).toBe(CUSTOM_COLORS[1]);
    expect(parseCustomSolver(b)).toEqual(b);
  });

  const bad: [string, unknown, RegExp][] = [
    ['not an object', 'next = logpi', /must be an object/],
    ['an array', [good], /must be an object/],
    ['a hostile id', { ...good, id: '__proto__' }, /id must be/],
    ['a script in the name', { ...good, name: 'x\u0000' }, /name must be/],
    ['an empty name', { ...good, name: '   ' }, /name must be/],
    ['a long name', { ...good, name: 'x'.repeat(41) }, /name must be/],
    ['η = 0', { ...good, eta: 0 }, /η must be/],
    ['η as text', { ...good, eta: '0.1' }, /η must be/],
    ['a CSS colour', { ...good, color: 'red;background:url(x)' }, /colour must be/],
    [
      'a bad formula',
      { ...good, formula: 'next = constructor' },
      /c1: formula 1:8: unknown name 'constructor'/,
    ],
    [
      'a formula that is not text',
      { ...good, formula: { toString: 'x' } },
      /a formula must be text/,
    ],
    ['a 10 KB formula', { ...good, formula: 'x'.repeat(10_240) }, /at most 2000/],
    [
      '</script>',
      { ...good, formula: '</script><script>alert(1)</script>' },
      /formula 1:1: unexpected '<'/,
    ],
  ];
  for (const [what, value, message] of bad) {
    it(`rejects ${what}`, () => {
      expect(() => parseCustomSolver(value)).toThrow(CustomSolverError);
      expect(() => parseCustomSolver(value)).toThrow(message);
    });
  }

  it('rejects lists that are too long or share an id', () => {
    expect(() =>
      parseCustomSolvers(
        Array.from({ length: MAX_CUSTOM_SOLVERS + 1 }, (_, i) => ({ ...good, id: `c${i}` })),
      ),
    ).toThrow(/at most 8/);
    expect(() => parseCustomSolvers([good, good])).toThrow(/share the id 'c1'/);
    expect(() => parseCustomSolvers({})).toThrow(/must be a list/);
  });

  it('validateFormula gives one line and a caret form', () => {
    expect(validateFormula(good.formula)).toBeNull();
    const v = validateFormula('next = logpi +\u0007 1');
    expect(v!.line).toMatch(/^formula 1:15: unexpected control character U\+0007 \(expected /);
    expect(v!.caret.split('\n')).toHaveLength(3);
  });

  it('customMember runs like its registry twin', () => {
    const member = customMember(good, 0.1, RPS.start);
    expect(member).toMatchObject({
      solver: 'custom',
      formula: good.formula,
      params: { eta: 0.4, beta: 0.1 },
    });
    const spec = { game: RPS, steps: 50, every: 50 };
    const a = new ReferenceEngine().runSync({ ...spec, members: [member] });
    const b = new ReferenceEngine().runSync({
      ...spec,
      members: [{ solver: 'mmd', params: { ...member.params }, start: RPS.start }],
    });
    a.logPolicies.forEach((v, i) => expect(Math.abs(v - b.logPolicies[i]!)).toBeLessThan(1e-12));
  });
});
