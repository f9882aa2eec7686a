/** Median and quartiles over seeds: what a sampled race's charts draw as line and band. */
/** The lower and upper quartiles of a metric over the seeds, per sample. */
export interface Band {
  lower: Float64Array;
  upper: Float64Array;
}

/** Quantile p of sorted values (linear interpolation between order statistics, as d3/R-7). */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const i = Math.floor(h);
  const a = sorted[i]!;
  if (i + 1 >= n) return a;
  const b = sorted[i + 1]!;
  // ∞ − ∞ would be NaN: an infinite neighbour is the quantile.
  return b === a || !Number.isFinite(b) || !Number.isFinite(a)
    ? h === i
      ? a
      : b
    : a + (h - i) * (b - a);
}

/**
 * Median and quartiles over seeds: `value(sample, seed)` for S samples and n seeds.
 */
export function seedQuantiles(
  S: number,
  n: number,
  value: (sample: number, seed: number) => number,
): { median: Float64Array } & Band {
  const median = new Float64Array(S);
  const lower = new Float64Array(S);
  const upper = new Float64Array(S);
  const buf = new Float64Array(n);
  for (let s = 0; s < S; s++) {
    for (let i = 0; i < n; i++) buf[i] = value(s, i);
    buf.sort();
    median[s] = quantileSorted(buf, 0.5);
    lower[s] = quantileSorted(buf, 0.25);
    upper[s] = quantileSorted(buf, 0.75);
  }
  return { median, lower, upper };
}
