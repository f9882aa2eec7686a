/**
 * How the charts are drawn now, apart from what they show: the theme's line colours, the solver
 * isolated in the legend (the others faded in every chart), and present mode's zoom.
 */
import { themedColor } from '../../core/solvers/palette';
import type { Theme } from '../../state/slices/ui';
import { useStore } from '../../state/store';

/**
 * Present mode draws the charts this many times larger than their pixel size says: their
 * smallest text (11 px tick labels) becomes 18.7 px, for the back of a lecture hall.
 */
export const PRESENT_ZOOM = 1.7;

export interface Look {
  theme: Theme;
  isolated: string | null;
  zoom: number;
}

export function useLook(): Look {
  const theme = useStore((s) => s.theme);
  const isolated = useStore((s) => s.isolated);
  const presenting = useStore((s) => s.presenting);
  return { theme, isolated, zoom: presenting ? PRESENT_ZOOM : 1 };
}

/** Lines in the theme's colours, those of solvers other than the isolated one muted. */
export function styled<T extends { id: string; color: string }>(
  items: readonly T[],
  look: Pick<Look, 'theme' | 'isolated'>,
): (T & { muted?: boolean })[] {
  const isolated =
    look.isolated && items.some((s) => s.id === look.isolated) ? look.isolated : null;
  return items.map((s) => ({
    ...s,
    color: themedColor(s.color, look.theme),
    ...(isolated && s.id !== isolated ? { muted: true } : {}),
  }));
}
