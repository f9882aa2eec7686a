/**
 * The charts' inks: each is a CSS variable of the theme whose fallback is its light value, so
 * that exports (light whatever the theme) and pages without the stylesheet draw what the light
 * theme draws; and no chart file carries a colour of its own beside them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ink, INK, lightInk, resolveInk } from '../../../src/charts/ink';

const css = readFileSync('src/ui/style.css', 'utf8');
const lightTheme = css.slice(css.indexOf(':root {'), css.indexOf('}', css.indexOf(':root {')));

describe('chart inks', () => {
  it("each fallback is the light theme's value of its variable", () => {
    for (const [name, [variable, light]] of Object.entries(INK)) {
      const declared = new RegExp(`${variable}:\\s*(#[0-9a-fA-F]{3,8});`).exec(lightTheme);
      expect(declared?.[1], name).toBe(light);
    }
  });

  it('read as their light values in exports, and as the variable where a page resolves it', () => {
    expect(ink('grid')).toBe('var(--chart-grid, #e6e8eb)');
    expect(lightInk(`<line stroke="${ink('grid')}"/><path fill="#0072B2"/>`)).toBe(
      '<line stroke="#e6e8eb"/><path fill="#0072B2"/>',
    );
    expect(resolveInk(null, ink('axis'))).toBe('#8b919a');
    expect(resolveInk(null, '#0072B2')).toBe('#0072B2');
  });

  it('no chart file but the action palette writes a hex colour', () => {
    const files = ['src/charts', 'src/charts/marks', 'src/ui/panels'].flatMap((dir) =>
      readdirSync(dir)
        .filter((f) => /\.tsx?$/.test(f) && !['ink.ts', 'actionColors.ts'].includes(f))
        .map((f) => `${dir}/${f}`),
    );
    const hexes = files.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/['"`]#[0-9a-fA-F]{3,8}\b/g)].map(
        (m) => `${f}: ${m[0]}`,
      ),
    );
    expect(hexes).toEqual([]);
  });
});
