/** toLatex: the parsed rule as KaTeX renders it beside the editor. */
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { checkFormula, toLatex } from '../../../src/formula';
import { BUILTIN_FORMULAS } from '../../../src/formula/builtins';

function latex(source: string): string {
  const o = checkFormula(source);
  if (!o.ok) throw new Error(o.issues[0]!.message);
  return toLatex(o.program);
}

describe('toLatex', () => {
  it('renders every built-in with KaTeX (strict, no errors)', () => {
    for (const b of BUILTIN_FORMULAS) {
      const tex = latex(b.formula);
      expect(() =>
        katex.renderToString(tex, { throwOnError: true, displayMode: true, strict: 'error' }),
      ).not.toThrow();
    }
  });

  it('writes the rule as mathematics: steps, state updates, the iterate', () => {
    expect(latex('next = logpi + eta * P·pi')).toBe(
      '\\begin{aligned}\n\\log\\pi_{t+1} &= \\log\\pi_{t} + \\eta\\,P\\,\\pi_{t} - \\log Z\n\\end{aligned}',
    );
    const onpo = latex(BUILTIN_FORMULAS.find((b) => b.solver === 'onpo')!.formula);
    expect(onpo).toContain('a_0 &= \\log\\pi_{0}');
    expect(onpo).toContain('a &\\leftarrow \\operatorname{normalize}');
    expect(latex('next = (logpi + 1) / (1 + eta)')).toContain(
      '\\frac{\\log\\pi_{t} + 1}{1 + \\eta}',
    );
    expect(latex('next = logpi - (logmu - 1) + 2 * -logpi')).toContain(
      '\\log\\pi_{t} - \\left(\\log\\mu - 1\\right) + 2 \\cdot -\\log\\pi_{t}',
    );
    expect(latex('x_y = 2.5e-3\nnext = logpi[t-3] + x_y')).toContain(
      '\\mathrm{x\\_y} &= 2.5\\times 10^{-3}',
    );
    expect(latex('next = sqrt(abs(logpi)) + dot(pi, mu) + P(mu)^2')).toContain(
      '\\sqrt{\\left|\\log\\pi_{t}\\right|} + \\left\\langle \\pi_{t}, \\mu\\right\\rangle',
    );
  });

  it('user names cannot become LaTeX commands', () => {
    const tex = latex('frac = logpi\nleft_ = 1\nnext = frac + left_');
    expect(tex).toContain('\\mathrm{frac}');
    expect(tex).toContain('\\mathrm{left\\_}');
    expect(() => katex.renderToString(tex, { throwOnError: true })).not.toThrow();
  });
});
