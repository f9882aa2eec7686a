/**
 * fast-check generators of valid formulas whose values stay bounded (policies, win rates and
 * normalized logs combined with small weights), so float32 engines can agree with float64.
 */
import fc from 'fast-check';

const weight = fc.constantFrom('0.1', '0.25', '0.5', '1', '2', 'eta', 'beta', '0.5 * eta');

/** Vectors in [0, 1]-ish: policies, win rates and bounded combinations of them. */
function bounded(depth: number, steps = true): fc.Arbitrary<string> {
  // Before the step values exist (in the query), only state may be read.
  const leaf = fc.constantFrom(
    ...['pi', 'mu', 'P·pi', 'P·mu', 'pi[t-1]', 'softmax(a)'],
    ...(steps ? ['g'] : []),
  );
  if (depth <= 0) return leaf;
  const sub = bounded(depth - 1, steps);
  const log = logLike(depth - 1, steps);
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    fc.tuple(sub, sub).map(([x, y]) => `0.5 * (${x} + ${y})`),
    fc.tuple(sub, sub).map(([x, y]) => `${x} * ${y}`),
    fc.tuple(sub, sub).map(([x, y]) => `abs(${x} - ${y})`),
    fc.tuple(sub, sub, fc.constantFrom('min', 'max')).map(([x, y, f]) => `${f}(${x}, ${y})`),
    sub.map((x) => `sqrt(${x})`),
    sub.map((x) => `(${x})^2`),
    sub.map((x) => `exp(-(${x}))`),
    log.map((l) => `softmax(${l})`),
    log.map((l) => `P·softmax(${l})`),
    fc.tuple(sub, sub).map(([x, y]) => `${x} * dot(${y}, pi)`),
    fc.tuple(sub, sub).map(([x, y]) => `${x} / (1 + sum(${y}))`),
  );
}

/** Log-policy-like vectors: normalized logs and their small perturbations. */
function logLike(depth: number, steps = true): fc.Arbitrary<string> {
  const leaf = fc.constantFrom(
    ...['logpi', 'logmu', 'a', 'logpi[t-1]', 'logpi[t-2]'],
    ...(steps ? ['h'] : []),
  );
  if (depth <= 0) return leaf;
  const sub = logLike(depth - 1, steps);
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    fc
      .tuple(sub, weight, bounded(depth - 1, steps))
      .map(([l, w, b]) => `normalize(${l} + ${w} * ${b})`),
    fc.tuple(sub, sub).map(([x, y]) => `0.5 * ${x} + 0.5 * ${y}`),
    sub.map((x) => `${x} - logsumexp(${x})`),
    sub.map((x) => `log(softmax(${x}))`),
  );
}

/**
 * A whole rule: an aux iterate, a query, a step value, and the update of the iterate; `depth`
 * bounds the nesting of the generated parts (a GPU compiles each rule into its own kernel).
 */
export function formulaOfDepth(depth: number): fc.Arbitrary<string> {
  return fc
    .record({
      query: bounded(Math.min(1, depth), false),
      half: logLike(depth),
      aux: fc.tuple(weight, bounded(Math.min(1, depth))),
      step: bounded(depth),
      pull: fc.constantFrom('0', '0.1', 'beta'),
      scalar: fc.constantFrom(
        's = eta',
        's = sum(pi) * eta',
        's = eta / (1 + beta)',
        's = eta * dot(pi, mu) * K / 3',
      ),
    })
    .map(({ query, half, aux, step, pull, scalar }) =>
      [
        'aux a = logpi',
        `g = P·(${query.startsWith('P·') ? `softmax(log(${query}))` : `softmax(log(${query} + 0.01))`})`,
        scalar,
        'h = normalize(logpi)',
        `half = ${half}`,
        `a = normalize(0.5 * a + 0.5 * logpi + 0.1 * ${aux[0]} * ${aux[1]})`,
        `next = (1 - ${pull} * s) * half + ${pull} * s * logmu + s * (${step})`,
      ].join('\n'),
    );
}

export const formulaArbitrary = formulaOfDepth(2);
