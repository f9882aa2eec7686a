/**
 * The solvers' line styles: sixteen colour + dash pairs, room for every registered solver and a
 * few more. Four dash patterns, four colours each; any two colours differ clearly in normal
 * vision, and two colours that share a dash also differ under protanopia and deuteranopia (the
 * dash tells the others apart). tests/unit/core/palette.test.ts simulates both (Machado et al. 2009)
 * and measures CIEDE2000 distances. A new solver takes a slot no other solver uses.
 */
export interface LineStyle {
  color: string;
  /** SVG stroke-dasharray, '' for solid. */
  dash: string;
}

export const DASHES = { solid: '', dashed: '7 3', dotted: '2 2', dashDot: '8 3 2 3' } as const;

export const SOLVER_PALETTE: readonly LineStyle[] = [
  // Solid: the four seed-paper methods (Okabe–Ito blue, vermillion, bluish green, reddish purple).
  { color: '#0072B2', dash: DASHES.solid },
  { color: '#D55E00', dash: DASHES.solid },
  { color: '#009E73', dash: DASHES.solid },
  { color: '#CC79A7', dash: DASHES.solid },
  { color: '#000000', dash: DASHES.dashed },
  { color: '#770055', dash: DASHES.dashed },
  { color: '#BB9955', dash: DASHES.dashed },
  { color: '#777744', dash: DASHES.dashed },
  { color: '#116666', dash: DASHES.dotted },
  { color: '#776655', dash: DASHES.dotted },
  { color: '#AA9999', dash: DASHES.dotted },
  { color: '#991133', dash: DASHES.dotted },
  { color: '#8899FF', dash: DASHES.dashDot },
  { color: '#224411', dash: DASHES.dashDot },
  { color: '#223399', dash: DASHES.dashDot },
  { color: '#EE6677', dash: DASHES.dashDot },
];

/** The dark theme's plot background (style.css `--chart-bg` under `[data-theme='dark']`). */
export const DARK_CHART_BACKGROUND = '#16181d';

/**
 * The dark theme's colour of each slot, same order and dashes as SOLVER_PALETTE. Slots that read
 * on DARK_CHART_BACKGROUND (WCAG contrast ≥ 3) keep their colour; the six dark ones (black, deep
 * purple, dark teal, crimson, dark green, dark blue) take a readable colour of near hue, found by a
 * search under the same CIEDE2000 and protanopia/deuteranopia thresholds as the light palette,
 * and with same-dash pairs as far apart (≥ 18) as the light palette's closest: Replicator's
 * red (#CC0022) is not a second near-white beside MMD's, nor MPO's violet (#9900FF) a second
 * lavender beside SPPO's (tests/unit/core/palette.test.ts checks both palettes).
 */
export const SOLVER_PALETTE_DARK: readonly string[] = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#F4E4D8',
  '#CC0022',
  '#BB9955',
  '#777744',
  '#76C0D6',
  '#776655',
  '#AA9999',
  '#FFB394',
  '#8899FF',
  '#8ABD00',
  '#9900FF',
  '#EE6677',
];

const DARK_OF = new Map(
  SOLVER_PALETTE.map((s, i) => [s.color.toLowerCase(), SOLVER_PALETTE_DARK[i]!]),
);
const LIGHT_OF = new Map(
  SOLVER_PALETTE.map((s, i) => [SOLVER_PALETTE_DARK[i]!.toLowerCase(), s.color]),
);

/** A solver's line colour in a theme (colours outside the palette are kept). */
export function themedColor(color: string, theme: 'light' | 'dark'): string {
  return theme === 'dark' ? (DARK_OF.get(color.toLowerCase()) ?? color) : color;
}

/** The light palette's colour for a dark-theme colour (exports are always light, for paper). */
export function lightColorOf(color: string): string {
  return LIGHT_OF.get(color.toLowerCase()) ?? color;
}
