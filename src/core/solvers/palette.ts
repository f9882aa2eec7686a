/**
 * The solvers' line styles: sixteen colour + dash pairs, room for every registered solver and a
 * few more. Four dash patterns, four colours each; any two colours differ clearly in normal
 * vision, and two colours that share a dash also differ under protanopia and deuteranopia (the
 * dash tells the others apart). tests/unit/palette.test.ts simulates both (Machado et al. 2009)
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
