/**
 * A checked rule as LaTeX (KaTeX subset) for display beside the editor. Built from the syntax
 * tree, so the user's structure and names show; user names only ever contain [A-Za-z0-9_] and
 * are set in \mathrm with '_' escaped, so nothing the user types becomes a LaTeX command.
 */
import { OUTPUT } from './check';
import type { Program } from './program';
import type { SyntaxExpr } from './syntax';

const ADD = 1;
const MUL = 2;
const NEG = 3;
const POW = 4;
const ATOM = 5;

const FUNCTION_TEX = new Map<string, string>([
  ['exp', '\\exp'],
  ['log', '\\log'],
  ['min', '\\min'],
  ['max', '\\max'],
  ['sum', '\\operatorname{sum}'],
  ['logsumexp', '\\operatorname{logsumexp}'],
  ['softmax', '\\operatorname{softmax}'],
  ['normalize', '\\operatorname{normalize}'],
]);

interface Rendered {
  tex: string;
  prec: number;
}

/** Names at iteration `at`: 't' inside a step, '0' in an initial value. */
function nameTex(name: string, at: 't' | '0', lag = 0): string {
  const sub = lag > 0 ? `t-${lag}` : at;
  switch (name) {
    case 'logpi':
      return `\\log\\pi_{${sub}}`;
    case 'pi':
      return `\\pi_{${sub}}`;
    case 'logmu':
      return '\\log\\mu';
    case 'mu':
      return '\\mu';
    case 'eta':
      return '\\eta';
    case 'beta':
      return '\\beta';
    case 't':
    case 'K':
      return name;
    default:
      return userName(name);
  }
}

function userName(name: string): string {
  if (/^[A-Za-z]$/.test(name)) return name;
  return `\\mathrm{${name.replace(/_/g, '\\_')}}`;
}

function numberTex(text: string): string {
  const m = /^([^eE]*)[eE]([+-]?)(\d+)$/.exec(text);
  if (!m) return text;
  const mantissa = m[1]!;
  const power = `10^{${m[2] === '-' ? '-' : ''}${m[3]!.replace(/^0+(?=\d)/, '')}}`;
  return mantissa === '1' ? power : `${mantissa}\\times ${power}`;
}

function wrap(r: Rendered, min: number): string {
  return r.prec < min ? `\\left(${r.tex}\\right)` : r.tex;
}

function render(e: SyntaxExpr, at: 't' | '0'): Rendered {
  switch (e.kind) {
    case 'number':
      return {
        tex: numberTex(e.text),
        prec: e.text.includes('e') || e.text.includes('E') ? MUL : ATOM,
      };
    case 'name':
      return { tex: nameTex(e.name, at), prec: ATOM };
    case 'index':
      return { tex: nameTex(e.name, at, e.lag), prec: ATOM };
    case 'query':
      return { tex: `P\\,${wrap(render(e.arg, at), ATOM)}`, prec: MUL };
    case 'neg':
      return { tex: `-${wrap(render(e.operand, at), NEG)}`, prec: NEG };
    case 'power':
      return { tex: `${wrap(render(e.base, at), ATOM)}^{${e.exponent}}`, prec: POW };
    case 'binary':
      return renderBinary(e, at);
    case 'call':
      return renderCall(e, at);
  }
}

function renderBinary(e: Extract<SyntaxExpr, { kind: 'binary' }>, at: 't' | '0'): Rendered {
  const l = render(e.left, at);
  const r = render(e.right, at);
  switch (e.op) {
    case '+':
      return { tex: `${wrap(l, ADD)} + ${wrap(r, ADD)}`, prec: ADD };
    case '-':
      return { tex: `${wrap(l, ADD)} - ${wrap(r, MUL)}`, prec: ADD };
    case '/':
      return { tex: `\\frac{${l.tex}}{${r.tex}}`, prec: ATOM };
    case '*': {
      const right = wrap(r, MUL);
      // Juxtapose (η β log μ) unless a digit or a sign would run into the left factor.
      const sep = /^[0-9.-]/.test(right) ? ' \\cdot ' : '\\,';
      return { tex: `${wrap(l, MUL)}${sep}${right}`, prec: MUL };
    }
  }
}

function renderCall(e: Extract<SyntaxExpr, { kind: 'call' }>, at: 't' | '0'): Rendered {
  const args = e.args.map((a) => render(a, at).tex);
  switch (e.callee) {
    case 'P':
      return { tex: `P\\,\\left(${args[0]}\\right)`, prec: MUL };
    case 'sqrt':
      return { tex: `\\sqrt{${args[0]}}`, prec: ATOM };
    case 'abs':
      return { tex: `\\left|${args[0]}\\right|`, prec: ATOM };
    case 'dot':
      return { tex: `\\left\\langle ${args[0]}, ${args[1]}\\right\\rangle`, prec: ATOM };
    default: {
      const fn = FUNCTION_TEX.get(e.callee) ?? userName(e.callee);
      return { tex: `${fn}\\left(${args.join(', ')}\\right)`, prec: ATOM };
    }
  }
}

/**
 * The rule as an `aligned` block: aux initial values (at t = 0), step values (=), state
 * updates (←), and the iterate, log π_{t+1} = next − log Z.
 */
export function toLatex(program: Program): string {
  const auxNames = new Set(program.aux.filter((a) => !a.hidden).map((a) => a.name));
  const lines = program.syntax.map((s) => {
    if (s.kind === 'aux') return `${userName(s.name)}_0 &= ${render(s.value, '0').tex}`;
    const value = render(s.value, 't').tex;
    if (s.name === OUTPUT) return `\\log\\pi_{t+1} &= ${value} - \\log Z`;
    return `${userName(s.name)} &${auxNames.has(s.name) ? '\\leftarrow' : '='} ${value}`;
  });
  return `\\begin{aligned}\n${lines.join(' \\\\\n')}\n\\end{aligned}`;
}
