/** The formula language: grammar, checker, positioned errors, limits, hostile input. */
import { readFileSync } from 'node:fs';
import peggy from 'peggy';
import { describe, expect, it } from 'vitest';
import { ReferenceEngine } from '../../../src/engine/reference';
import {
  checkFormula,
  FORMULA_LIMITS,
  FormulaError,
  formatIssue,
  type FormulaIssue,
} from '../../../src/formula';
import { BUILTIN_FORMULAS } from '../../../src/formula/builtins';
import type { Expr, Program } from '../../../src/formula/program';
import { compileFormula, resolveCustomParams } from '../../../src/formula/solver';
import { RPS } from '../fixtures';

function program(source: string): Program {
  const o = checkFormula(source);
  if (!o.ok) throw new Error(o.issues.map((i) => formatIssue(source, i)).join('\n'));
  return o.program;
}

function issue(source: string): FormulaIssue {
  const o = checkFormula(source);
  if (o.ok) throw new Error(`expected an error for ${JSON.stringify(source.slice(0, 80))}`);
  return o.issues[0]!;
}

/** The output's expression tree, as a compact string (op names, leaves). */
function shape(e: Expr): string {
  switch (e.op) {
    case 'const':
      return String(e.value);
    case 'param':
    case 'state':
      return e.name;
    case 'local':
    case 'aux':
      return `${e.op}${e.index}`;
    case 'pow':
      return `(${shape(e.x)}^${e.n})`;
    default:
      if ('a' in e) return `${e.op}(${shape(e.a)}, ${shape(e.b)})`;
      return `${e.op}(${shape(e.x)})`;
  }
}

const outputShape = (source: string): string => {
  const p = program(source);
  return shape(p.statements.find((s) => s.target === 'local' && s.index === p.output)!.expr);
};

describe('the grammar', () => {
  it('checks every built-in written as a formula', () => {
    for (const b of BUILTIN_FORMULAS) {
      const p = program(b.formula);
      expect(p.queries).toBe(b.solver === 'egpo' || b.solver === 'nash-mp' ? 2 : 1);
    }
  });

  it('binds P· tighter than any operator and keeps the usual precedence', () => {
    expect(outputShape('next = eta * P·pi / 2')).toBe('div(mul(eta, query(pi)), 2)');
    expect(outputShape('next = P*pi*2')).toBe('mul(query(pi), 2)');
    expect(outputShape('next = logpi - 1 - 2')).toBe('sub(sub(logpi, 1), 2)');
    expect(outputShape('next = -logpi^2')).toBe('neg((logpi^2))');
    expect(outputShape('next = 2 * logpi + 3 * logmu')).toBe('add(mul(2, logpi), mul(3, logmu))');
    expect(outputShape('next = P(softmax(logmu))')).toBe('query(softmax(logmu))');
  });

  it('takes ; and line breaks as separators, comments, Greek names and math symbols', () => {
    const p = program(
      [
        '# Nash-MD, written loosely',
        'm = η × β;  mix = softmax((1 − m) * logpi +',
        '  m * logmu)   # continues after an operator',
        '',
        'next = (1 - m) * logpi + m * logmu + η · P·mix;',
      ].join('\n'),
    );
    expect(p.locals.map((l) => l.name)).toEqual(['m', 'mix', 'next']);
    expect(p.locals.map((l) => l.type)).toEqual(['scalar', 'policy', 'vector']);
    expect(outputShape('next = log(π) + log(μ)')).toBe('add(log(pi), log(mu))');
    expect(outputShape('next = logpi + 1.5e-3 + .5')).toBe('add(add(logpi, 0.0015), 0.5)');
  });

  it('look-backs become hidden state shifted after the step', () => {
    const p = program('next = logpi + 0.5 * (logpi[t-2] - pi[t - 1])');
    expect(p.lag).toBe(2);
    expect(p.aux.map((a) => [a.name, a.hidden])).toEqual([
      ['logpi[t-1]', true],
      ['logpi[t-2]', true],
    ]);
    expect(p.statements.map((s) => s.name)).toEqual(['next', 'logpi[t-2]', 'logpi[t-1]']);
  });

  it('the custom-solvers guide shows every built-in formula as the tests run it', () => {
    const readme = readFileSync('docs/custom-solvers.md', 'utf8');
    for (const b of BUILTIN_FORMULAS) expect(readme, b.solver).toContain(b.formula);
  });

  it('the generated parser is up to date with grammar.peggy (npm run formula:grammar)', () => {
    const grammar = readFileSync('src/formula/grammar.peggy', 'utf8');
    const source = peggy.generate(grammar, {
      output: 'source',
      format: 'es',
      grammarSource: 'src/formula/grammar.peggy',
    });
    expect(readFileSync('src/formula/parser.generated.js', 'utf8')).toBe(source);
  });
});

describe('positioned errors', () => {
  const cases: [source: string, line: number, column: number, message: RegExp][] = [
    ['next = foo + 1', 1, 8, /unknown name 'foo'/],
    ['next = logpj', 1, 8, /did you mean 'logpi'/],
    ['a = eta P·pi', 1, 9, /unexpected 'P' \(expected an operator/],
    ['next = P·logpi', 1, 10, /needs a policy .* wrap it in softmax/],
    ['next = P·eta', 1, 10, /needs a policy .*not a number/],
    ['next = eta', 1, 8, /must be a vector/],
    ['half = logpi', 1, 13, /never assigns 'next'/],
    ['', 1, 1, /never assigns 'next'/],
    ['x = 1\nx = 2\nnext = logpi', 2, 1, /'x' is already defined at 1:1/],
    [
      'aux a = logpi\na = logpi\na = logmu\nnext = a',
      3,
      1,
      /already updated in this step \(at 2:1\)/,
    ],
    ['aux a = P·pi\nnext = a', 1, 9, /initial value cannot query/],
    ['aux a = 1\na = logpi\nnext = logpi', 2, 5, /holds a number but this is a vector/],
    ['eta = 1\nnext = logpi', 1, 1, /built-in name/],
    ['next = softmax(pi, 2)', 1, 8, /softmax takes 1 argument, got 2/],
    ['next = sum(eta) + logpi', 1, 12, /sum needs a vector/],
    ['next = frobnicate(pi)', 1, 8, /unknown function 'frobnicate'/],
    ['next = eta(pi)', 1, 8, /'eta' is not a function/],
    ['next = P', 1, 8, /P is the preference matrix/],
    ['next = softmax', 1, 8, /'softmax' is a function/],
    ['next = mu[t-1]', 1, 8, /only logpi\[t-k\] and pi\[t-k\] look back/],
    ['next = logpi[t-17]', 1, 16, /k in logpi\[t-k\] must be 1 … 16/],
    ['next = logpi^17', 1, 14, /exponents are whole numbers 0 … 16/],
    ['next = logpi + 1e31', 1, 16, /numbers must be 0 or between 1e-30 and 1e30/],
    ['next = logpi + 1e999', 1, 16, /numbers must be 0/],
    ['next = (logpi + 1', 1, 8, /'\(' is never closed/],
    ['next = logpi + 1)', 1, 17, /'\)' has no matching opening bracket/],
    ['next = logpi[t-1)', 1, 17, /cannot close the '\[' opened at 1:13/],
    ['next = logpi +', 1, 15, /unexpected end of the formula/],
    ['next = logpi\n+ 1', 2, 1, /unexpected '\+'/],
  ];
  for (const [source, line, column, message] of cases) {
    it(`${JSON.stringify(source)} → ${line}:${column} ${message.source}`, () => {
      const i = issue(source);
      expect(i.message).toMatch(message);
      expect([i.line, i.column]).toEqual([line, column]);
    });
  }

  it('a cascade stays quiet: a failed definition does not make its uses unknown', () => {
    const o = checkFormula('half = foo + 1\nnext = half + logpi\nx = bar');
    expect(o.ok).toBe(false);
    if (!o.ok)
      expect(o.issues.map((i) => i.message)).toEqual(["unknown name 'foo'", "unknown name 'bar'"]);
  });

  it('formatIssue points a caret at the problem', () => {
    const source = 'm = eta * beta\nnext = logpi + frob * m';
    expect(formatIssue(source, issue(source))).toBe(
      ["2:16: unknown name 'frob'", '  next = logpi + frob * m', '                 ^^^^'].join(
        '\n',
      ),
    );
  });
});

describe('hostile formulas get a positioned error and nothing runs', () => {
  const deep = `next = ${'('.repeat(990)}logpi${')'.repeat(990)}`;
  const hostile: [name: string, source: string, column?: number][] = [
    ['unbalanced', 'next = ((logpi)', 8],
    ['unknown names', 'next = window.alert(1)', 14],
    ['10 KB long', `next = logpi${' + logpi'.repeat(1280)}`, 2001],
    ['1,000-deep nesting', deep, 40],
    [
      '1,000-deep nesting past the length limit',
      `next = ${'('.repeat(1000)}pi${')'.repeat(1000)}`,
      2001,
    ],
    ['350 nested calls', `next = ${'exp('.repeat(350)}logpi${')'.repeat(350)}`, 139],
    ['1,000 signs', `next = ${'-'.repeat(1000)}logpi`],
    ['a 1,000-term chain', `next = logpi${' + 1'.repeat(400)}`],
    ['constructor', 'next = constructor', 8],
    ['__proto__', 'next = __proto__', 8],
    ['__proto__ assigned', '__proto__ = logpi\nnext = __proto__.polluted', 17],
    ['toString as a function', 'next = toString(pi)', 8],
    ['hasOwnProperty', 'next = logpi + hasOwnProperty', 16],
    ['</script>', '</script><script>alert(1)</script>', 1],
    ['a property access', 'next = pi.constructor', 10],
    ['a string', 'next = "logpi"', 8],
    ['eval', 'next = eval("1")', 13],
    ['Function', 'next = Function(logpi)', 8],
    ['a template literal', 'next = `${logpi}`', 8],
    ['a NUL character', 'next = logpi\u0000', 13],
    ['a line separator', 'next = logpi\u2028+ 1', 13],
    [
      'too many statements',
      Array.from({ length: 40 }, (_, i) => `a${i} = ${i}`).join('\n') + '\nnext = logpi',
    ],
    ['too many queries', `next = logpi${' + P·pi'.repeat(9)}`],
  ];
  for (const [name, source, column] of hostile) {
    it(name, () => {
      const o = checkFormula(source);
      expect(o.ok).toBe(false);
      if (o.ok) return;
      const i = o.issues[0]!;
      expect(i.start).toBeGreaterThanOrEqual(0);
      expect(i.end).toBeLessThanOrEqual(source.length);
      if (column !== undefined) expect(i.column).toBe(column);
      // The caret message is printable: no control characters reach a terminal.
      // eslint-disable-next-line no-control-regex
      expect(formatIssue(source, i)).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
      expect(() => compileFormula(source)).toThrow(FormulaError);
      // A batch with it is refused before any member runs.
      const engine = new ReferenceEngine();
      expect(() =>
        engine.runSync({
          game: RPS,
          members: [
            {
              solver: 'custom',
              formula: source,
              params: resolveCustomParams(0.1),
              start: RPS.start,
            },
          ],
          steps: 10,
          every: 10,
        }),
      ).toThrow(FormulaError);
    });
  }

  it('leaves Object.prototype alone', () => {
    checkFormula('__proto__ = logpi\nconstructor = pi\nnext = logpi');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('the limits are what the guide says', () => {
    expect(FORMULA_LIMITS).toMatchObject({
      length: 2000,
      nesting: 32,
      depth: 64,
      queries: 8,
      lag: 16,
    });
    // A long but reasonable formula is fine.
    const long = `next = logpi${' + 0.001 * P·pi'.repeat(8)}\n${'# '.repeat(700)}`;
    expect(long.length).toBeLessThanOrEqual(2000);
    expect(checkFormula(long).ok).toBe(true);
  });

  it('a member without a formula, or a registry member with one, is refused', () => {
    const engine = new ReferenceEngine();
    const run = (m: object) => () =>
      engine.runSync({
        game: RPS,
        members: [{ params: resolveCustomParams(0.1), start: RPS.start, ...m } as never],
        steps: 1,
        every: 1,
      });
    expect(run({ solver: 'custom' })).toThrow(/needs a formula/);
    expect(run({ solver: 'inpo', formula: 'next = logpi' })).toThrow(/only 'custom' members/);
  });
});
