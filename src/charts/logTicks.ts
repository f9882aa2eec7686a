/**
 * Labelled ticks for a log axis whose domain is niced to powers of ten: powers of ten when it spans
 * two decades or more (every k-th decade when many), else 1, 2, 5 × 10ᵉ — at least three labels
 * either way (d3's own log ticks label only the powers of ten, so one decade got one label).
 */
export interface Tick {
  value: number;
  label: string;
}

/** Most labels on the axis when it spans many decades. */
const MAX_DECADE_LABELS = 6;

export function logTicks(lo: number, hi: number): Tick[] {
  if (!(lo > 0 && hi > lo)) throw new Error(`a log axis needs 0 < lo < hi, got [${lo}, ${hi}]`);
  const a = Math.floor(Math.log10(lo) + 1e-9);
  const b = Math.ceil(Math.log10(hi) - 1e-9);
  const inside = (v: number): boolean => v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9);
  if (b - a >= 2) {
    const step = Math.ceil((b - a) / MAX_DECADE_LABELS);
    const ticks: Tick[] = [];
    for (let e = b; e >= a; e -= step)
      if (inside(10 ** e)) ticks.unshift({ value: 10 ** e, label: `1e${e}` });
    return ticks;
  }
  const ticks: Tick[] = [];
  for (let e = a; e <= b; e++)
    for (const m of [1, 2, 5]) {
      const value = m * 10 ** e;
      if (inside(value)) ticks.push({ value, label: `${m}e${e}` });
    }
  return ticks;
}
