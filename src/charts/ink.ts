/**
 * The charts' colours apart from the data's (solver and action palettes, viridis): the theme's
 * CSS variables (src/ui/style.css, light and dark), each written with its light value as the
 * fallback, `var(--chart-grid, #e6e8eb)`. SVG attributes take them as they are; a canvas reads
 * the variable's value for its element (resolveInk); an export, which is light whatever the
 * theme, keeps the fallback (lightInk). tests/unit/charts/ink.test.ts checks the fallbacks against
 * style.css's light theme.
 */
export const INK = {
  /** Chart background (hollow markers are filled with it). */
  background: ['--chart-bg', '#ffffff'],
  grid: ['--chart-grid', '#e6e8eb'],
  axis: ['--chart-axis', '#8b919a'],
  text: ['--chart-text', '#33373d'],
  simplexFill: ['--simplex-fill', '#f7f8fa'],
  /** The simplex's start and equilibrium markers; the sweep map's picked cell. */
  marker: ['--marker', '#2b2e33'],
  /** The proven-rate overlays' legend entry (the lines themselves are in each solver's colour). */
  overlay: ['--chart-overlay', '#555555'],
  /** Pinned races' lines and labels: the same grey in both themes, like no solver's colour. */
  pin: ['--chart-pin', '#8a8f98'],
  /** The hover readout's guide line. */
  hover: ['--chart-hover', '#666666'],
  /** The readouts keep dark text on a white box in both themes. */
  readoutBackground: ['--readout-bg', '#ffffff'],
  readoutBorder: ['--readout-border', '#777777'],
  readoutText: ['--readout-text', '#111111'],
  /** Text and frames on the heatmaps' paper (light in both themes). */
  paperInk: ['--paper-ink', '#333333'],
  /** "Not within the budget" in the basin and sweep maps: a grey no scale colour reaches. */
  never: ['--chart-never', '#bbbbbb'],
  /** Policy over time's layer of all the actions not drawn on their own (above 12 actions). */
  others: ['--chart-others', '#d0d0d0'],
  /** Settings a solver refuses in the sweep map: white with grey stripes. */
  refused: ['--chart-refused', '#ffffff'],
  refusedHatch: ['--chart-refused-hatch', '#8c8c8c'],
} as const satisfies Record<string, readonly [string, string]>;

export type InkName = keyof typeof INK;

/** The colour as an SVG attribute or style value: the theme's variable, light value as fallback. */
export function ink(name: InkName): string {
  const [variable, light] = INK[name];
  return `var(${variable}, ${light})`;
}

const VAR = /var\((--[\w-]+),\s*(#[0-9a-fA-F]{3,8})\)/g;

/** Every ink in `text` as its light value (exports are light whatever the page's theme). */
export function lightInk(text: string): string {
  return text.replace(VAR, (_, _name: string, light: string) => light);
}

/**
 * A colour a canvas can take: an ink's variable as it resolves for `element` (so the canvas
 * follows the theme), its light value where nothing resolves it (no stylesheet, jsdom); any
 * other colour as it is.
 */
export function resolveInk(element: Element | null, color: string): string {
  return color.replace(VAR, (_, name: string, light: string) => {
    if (!element || typeof getComputedStyle !== 'function') return light;
    const value = getComputedStyle(element).getPropertyValue(name).trim();
    return value || light;
  });
}
