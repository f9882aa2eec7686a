/**
 * The numpy compiler: a checked program becomes the source of two Python functions (its aux
 * initial values and one step) for the standalone script of "Reproduce" (src/experiment/
 * reproduce.ts). It runs the float64 compiler's operations in the same order: scalars are numpy
 * float64 (IEEE semantics: 1/0 is inf, not an exception), vectors numpy arrays, every reduction
 * left to right through the script's helpers (`seqsum`, `lse`, `softmax`, `normalize_log`), and
 * operands are evaluated left to right, so queries are numbered as the app numbers them.
 *
 * The helpers are defined by the script's runtime (PYTHON_RUNTIME); this module only writes calls.
 */
import type { Expr, ParamName, Program, StateName } from '../program';

/** A JS number as a Python float literal that parses back to the same double. */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'math.nan';
  if (x === Infinity) return 'math.inf';
  if (x === -Infinity) return '-math.inf';
  const s = String(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** Each parameter in the script: the step's arguments, t and K (ints there) as float64 (F). */
const PARAM_PYTHON: Readonly<Record<ParamName, string>> = {
  eta: 'eta',
  beta: 'beta',
  t: 'F(t)',
  K: 'F(K)',
};

/** Each state vector in the script: the step's arguments (the log-policy is `x`). */
const STATE_PYTHON: Readonly<Record<StateName, string>> = {
  logpi: 'x',
  pi: 'pi',
  logmu: 'logmu',
  mu: 'mu',
};

function expr(e: Expr): string {
  switch (e.op) {
    case 'const':
      return `F(${pythonFloat(e.value)})`;
    case 'param':
      return PARAM_PYTHON[e.name];
    case 'state':
      return STATE_PYTHON[e.name];
    case 'local':
      return `v${e.index}`;
    case 'aux':
      return `A[${e.index}]`;
    case 'neg':
      return `(-${expr(e.x)})`;
    case 'exp':
    case 'log':
      return `js${e.op}(${expr(e.x)})`;
    case 'sqrt':
    case 'abs':
      return `np.${e.op}(${expr(e.x)})`;
    case 'pow':
      return `powi(${expr(e.x)}, ${e.n})`;
    case 'add':
      return `(${expr(e.a)} + ${expr(e.b)})`;
    case 'sub':
      return `(${expr(e.a)} - ${expr(e.b)})`;
    case 'mul':
      return `(${expr(e.a)} * ${expr(e.b)})`;
    case 'div':
      return `(${expr(e.a)} / ${expr(e.b)})`;
    case 'min':
      return `np.minimum(${expr(e.a)}, ${expr(e.b)})`;
    case 'max':
      return `np.maximum(${expr(e.a)}, ${expr(e.b)})`;
    case 'sum':
      return `F(seqsum(${expr(e.x)}))`;
    case 'logsumexp':
      return `F(lse(${expr(e.x)}))`;
    case 'dot':
      return `F(seqsum(${expr(e.a)} * ${expr(e.b)}))`;
    case 'softmax':
      return `softmax(${expr(e.x)})`;
    case 'normalize':
      return `normalize_log(${expr(e.x)})[0]`;
    case 'query':
      return `query(${expr(e.x)})`;
  }
  // Unreachable for checked programs; keeps the switch exhaustive for the type checker.
  throw new Error(`cannot compile a ${(e as Expr).op} node`);
}

/** A Python string literal (JSON's escapes are Python's too). */
function pyString(s: string): string {
  return JSON.stringify(s);
}

/**
 * `def {name}_init(x, pi, logmu, mu, eta, beta, K)` → (aux list, failure or None) and
 * `def {name}_step(x, pi, A, logmu, mu, t, eta, beta, K, query)` → (next or None, failure or
 * None), failure being (step name, 'NaN' | 'infinite'). `A` is changed in place.
 */
export function numpyFunctions(program: Program, name: string): string {
  const lines: string[] = [];
  lines.push(`def ${name}_init(x, pi, logmu, mu, eta, beta, K):`);
  lines.push(`    t = 0`);
  lines.push(`    A = [None] * ${program.aux.length}`);
  lines.push(`    failure = None`);
  program.aux.forEach((a, i) => {
    lines.push(`    value = ${expr(a.init)}`);
    lines.push(`    bad = nonfinite(value)`);
    lines.push(`    if bad and failure is None:`);
    lines.push(`        failure = (${pyString(`${a.name} (initial value)`)}, bad)`);
    // A failed initial value is not stored: the aux keeps its zero (as the app's buffers do).
    lines.push(`    A[${i}] = ${a.type === 'scalar' ? 'F(0.0)' : 'np.zeros(K)'} if bad else value`);
  });
  lines.push(`    return A, failure`);
  lines.push('');
  lines.push(`def ${name}_step(x, pi, A, logmu, mu, t, eta, beta, K, query):`);
  for (const s of program.statements) {
    const target = s.target === 'local' ? `v${s.index}` : `A[${s.index}]`;
    if (s.hidden) {
      lines.push(`    ${target} = ${expr(s.expr)}`);
      continue;
    }
    lines.push(`    value = ${expr(s.expr)}`);
    lines.push(`    bad = nonfinite(value)`);
    lines.push(`    if bad:`);
    lines.push(`        return None, (${pyString(s.name)}, bad)`);
    lines.push(`    ${target} = value`);
  }
  lines.push(`    return v${program.output}, None`);
  return lines.join('\n');
}
