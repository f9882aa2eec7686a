/**
 * The colours of the charts under colour-vision deficiency: solver line styles (colour + dash)
 * and the action fills of "Policy over time". Protanopia and deuteranopia are simulated with
 * Machado et al. (2009) at full severity (culori's filters) and distances measured in CIEDE2000.
 */
import {
  differenceCiede2000,
  filterDeficiencyDeuter,
  filterDeficiencyProt,
  parse,
  wcagContrast,
  type Color,
} from 'culori';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTION_COLORS } from '../../../src/charts/actionColors';
import { SOLVERS } from '../../../src/core/solvers';
import { CUSTOM_COLORS, CUSTOM_DASH, newCustomSolver } from '../../../src/formula/custom';
import {
  DASHES,
  DARK_CHART_BACKGROUND,
  lightColorOf,
  SOLVER_PALETTE,
  SOLVER_PALETTE_DARK,
  themedColor,
} from '../../../src/core/solvers/palette';

const deltaE = differenceCiede2000();
const VISIONS: [string, (c: Color) => Color][] = [
  ['normal', (c) => c],
  ['protanopia', filterDeficiencyProt(1)],
  ['deuteranopia', filterDeficiencyDeuter(1)],
];

/** The smallest CIEDE2000 distance between a and b over the visions given. */
function distance(a: string, b: string, visions = VISIONS): { value: number; vision: string } {
  let best = { value: Infinity, vision: '' };
  for (const [vision, simulate] of visions) {
    const value = deltaE(simulate(parse(a)!), simulate(parse(b)!));
    if (value < best.value) best = { value, vision };
  }
  return best;
}

const pairs = <T>(items: readonly T[]): [T, T][] =>
  items.flatMap((a, i) => items.slice(i + 1).map((b): [T, T] => [a, b]));

describe('CVD simulation', () => {
  it('matches the Machado matrices on primaries: red and green collapse, blue stays', () => {
    // Protanopia maps pure red to a dark olive and green and red become close; blue keeps its hue.
    expect(distance('#ff0000', '#00ff00', [VISIONS[0]!]).value).toBeGreaterThan(80);
    expect(distance('#d62728', '#2ca02c', [VISIONS[1]!]).value).toBeLessThan(
      distance('#d62728', '#2ca02c', [VISIONS[0]!]).value / 2,
    );
    expect(distance('#0000ff', '#ffff00').value).toBeGreaterThan(50);
  });
});

describe('solver line styles', () => {
  it('sixteen slots, each colour + dash pair unique, every colour visible on white', () => {
    expect(SOLVER_PALETTE).toHaveLength(16);
    const keys = SOLVER_PALETTE.map((s) => `${s.color.toLowerCase()}|${s.dash}`);
    expect(new Set(keys).size).toBe(16);
    expect(new Set(SOLVER_PALETTE.map((s) => s.color.toLowerCase())).size).toBe(16);
    for (const s of SOLVER_PALETTE)
      expect(wcagContrast(s.color, '#ffffff'), s.color).toBeGreaterThanOrEqual(2.5);
  });

  it('any two colours differ in normal vision (CIEDE2000 ≥ 14) and are never alike under CVD (≥ 8)', () => {
    for (const [a, b] of pairs(SOLVER_PALETTE)) {
      const label = `${a.color} vs ${b.color}`;
      expect(distance(a.color, b.color, [VISIONS[0]!]).value, label).toBeGreaterThanOrEqual(14);
      expect(distance(a.color, b.color).value, label).toBeGreaterThanOrEqual(8);
    }
  });

  it('two colours with the same dash differ under protanopia and deuteranopia too (≥ 12)', () => {
    for (const [a, b] of pairs(SOLVER_PALETTE)) {
      if (a.dash !== b.dash) continue;
      const d = distance(a.color, b.color);
      expect(d.value, `${a.color} vs ${b.color} (${d.vision})`).toBeGreaterThanOrEqual(12);
    }
  });

  it('every registered solver uses its own slot of the palette', () => {
    const slot = (s: { color: string; dash: string }): number =>
      SOLVER_PALETTE.findIndex(
        (p) => p.color.toLowerCase() === s.color.toLowerCase() && p.dash === s.dash,
      );
    const slots = SOLVERS.map((s) => slot(s));
    SOLVERS.forEach((s, i) =>
      expect(slots[i], `${s.id} takes a palette slot`).toBeGreaterThanOrEqual(0),
    );
    expect(new Set(slots).size).toBe(SOLVERS.length);
  });
});

describe('solver line styles on the dark theme', () => {
  const dark = SOLVER_PALETTE.map((s, i) => ({ color: SOLVER_PALETTE_DARK[i]!, dash: s.dash }));

  it('sixteen colours, unique, each visible on the dark plot background (contrast ≥ 3)', () => {
    expect(dark).toHaveLength(16);
    expect(new Set(dark.map((s) => s.color.toLowerCase())).size).toBe(16);
    for (const s of dark)
      expect(wcagContrast(s.color, DARK_CHART_BACKGROUND), s.color).toBeGreaterThanOrEqual(3);
  });

  it('the same distances as the light palette: ≥ 14 normal, ≥ 8 under CVD, ≥ 12 with the same dash', () => {
    for (const [a, b] of pairs(dark)) {
      const label = `${a.color} vs ${b.color}`;
      expect(distance(a.color, b.color, [VISIONS[0]!]).value, label).toBeGreaterThanOrEqual(14);
      const d = distance(a.color, b.color);
      expect(d.value, `${label} (${d.vision})`).toBeGreaterThanOrEqual(a.dash === b.dash ? 12 : 8);
    }
  });

  it('two colours with the same dash are as far apart in normal vision as in the light palette (≥ 18)', () => {
    // MMD and Replicator, both dashed, were two near-whites (#F4E4D8 and #FFDCFF) at 19.7.
    const light = pairs(SOLVER_PALETTE).filter(([a, b]) => a.dash === b.dash);
    const lightMin = Math.min(
      ...light.map(([a, b]) => distance(a.color, b.color, [VISIONS[0]!]).value),
    );
    expect(lightMin).toBeGreaterThanOrEqual(18);
    for (const [a, b] of pairs(dark))
      if (a.dash === b.dash)
        expect(
          distance(a.color, b.color, [VISIONS[0]!]).value,
          `${a.color} vs ${b.color}`,
        ).toBeGreaterThanOrEqual(18);
  });

  it('MMD and Replicator differ by lightness too on the dark theme (not two near-whites)', () => {
    const mmd = themedColor(SOLVERS.find((s) => s.id === 'mmd')!.color, 'dark');
    const replicator = themedColor(SOLVERS.find((s) => s.id === 'replicator')!.color, 'dark');
    expect(
      Math.abs(
        wcagContrast(mmd, DARK_CHART_BACKGROUND) - wcagContrast(replicator, DARK_CHART_BACKGROUND),
      ),
    ).toBeGreaterThan(5);
  });

  it('maps every solver to its slot and back; exports get the light colours again', () => {
    for (const s of SOLVERS) {
      const slot = SOLVER_PALETTE.findIndex((p) => p.color === s.color && p.dash === s.dash);
      expect(themedColor(s.color, 'dark')).toBe(SOLVER_PALETTE_DARK[slot]);
      expect(themedColor(s.color, 'light')).toBe(s.color);
      expect(lightColorOf(themedColor(s.color, 'dark'))).toBe(s.color);
    }
  });

  it("is the background style.css gives the dark theme's charts", () => {
    const css = readFileSync('src/ui/style.css', 'utf8');
    const darkBlock = css.slice(css.indexOf("[data-theme='dark']"));
    expect(darkBlock).toMatch(new RegExp(`--chart-bg:\\s*${DARK_CHART_BACKGROUND}`, 'i'));
  });
});

describe('action fills (policy over time)', () => {
  it('twelve colours, pairwise distinct in every vision (≥ 15), neighbours most (≥ 17)', () => {
    expect(ACTION_COLORS).toHaveLength(12);
    for (const [a, b] of pairs(ACTION_COLORS)) {
      const d = distance(a, b);
      expect(d.value, `${a} vs ${b} (${d.vision})`).toBeGreaterThanOrEqual(15);
    }
    for (let i = 0; i + 1 < ACTION_COLORS.length; i++) {
      const d = distance(ACTION_COLORS[i]!, ACTION_COLORS[i + 1]!);
      expect(d.value, `actions ${i}, ${i + 1} (${d.vision})`).toBeGreaterThanOrEqual(17);
    }
  });
});

describe('a new custom solver', () => {
  const slots = [...SOLVER_PALETTE.map((s) => s.color), ...SOLVER_PALETTE_DARK];

  it('draws with a dash no built-in solver uses', () => {
    for (const s of SOLVER_PALETTE) expect(s.dash).not.toBe(CUSTOM_DASH);
    expect(Object.values(DASHES)).not.toContain(CUSTOM_DASH);
  });

  it('the first four default colours differ from every solver slot in both themes', () => {
    for (const c of CUSTOM_COLORS.slice(0, 4))
      for (const slot of slots) {
        const label = `${c} vs ${slot}`;
        expect(distance(c, slot, [VISIONS[0]!]).value, label).toBeGreaterThanOrEqual(14);
        expect(distance(c, slot).value, label).toBeGreaterThanOrEqual(8);
      }
  });

  it('its default colours differ from each other and read on both plot backgrounds', () => {
    for (const [a, b] of pairs(CUSTOM_COLORS)) {
      expect(distance(a, b, [VISIONS[0]!]).value, `${a} vs ${b}`).toBeGreaterThanOrEqual(14);
      expect(distance(a, b).value, `${a} vs ${b}`).toBeGreaterThanOrEqual(8);
    }
    for (const c of CUSTOM_COLORS) {
      expect(wcagContrast(c, '#ffffff'), c).toBeGreaterThanOrEqual(2.5);
      expect(wcagContrast(c, DARK_CHART_BACKGROUND), c).toBeGreaterThanOrEqual(3);
    }
  });

  it('the first custom solver differs from every built-in solver (MPO included)', () => {
    const first = newCustomSolver([]);
    for (const s of SOLVERS) {
      expect(distance(first.color, s.color, [VISIONS[0]!]).value, s.id).toBeGreaterThanOrEqual(14);
      expect(CUSTOM_DASH).not.toBe(s.dash);
    }
  });
});
