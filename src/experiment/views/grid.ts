/** Log-spaced parameter grids for sweeps and tuning. */
export function logSpace(lo: number, hi: number, n: number): number[] {
  if (!(lo > 0 && hi > lo) || n < 2) throw new Error(`bad log space [${lo}, ${hi}] × ${n}`);
  const a = Math.log10(lo);
  const step = (Math.log10(hi) - a) / (n - 1);
  return Array.from({ length: n }, (_, i) => 10 ** (a + i * step));
}
