/**
 * How the page is shown, as opposed to what the experiment is: present mode, the solver the
 * legend isolates, the colour theme and the WebGPU adapter. None of it travels in share links or
 * the autosave: present mode is for the person at the projector now, isolating a line is a
 * pointer gesture, and the theme is the reader's preference (kept by src/ui/theme.ts in
 * localStorage), not part of the experiment.
 */
import type { Slice } from './types';

export type Theme = 'light' | 'dark';

export interface UiSlice {
  /** Present mode: editing panels hidden, charts enlarged, large text (key P, Esc leaves). */
  presenting: boolean;
  setPresenting(presenting: boolean): void;
  /** The solver (its race key) shown alone in every chart (a legend click), or null: all. */
  isolated: string | null;
  /** Isolates `key`, or restores all when it already is. */
  toggleIsolated(key: string): void;
  /** The theme in effect (the stored preference, or the system's). */
  theme: Theme;
  setThemeInEffect(theme: Theme): void;
  /** What WebGPU reports about its adapter, e.g. "WebGPU (swiftshader)"; null until asked. */
  adapter: string | null;
  setAdapter(adapter: string): void;
}

export const createUiSlice: Slice<UiSlice> = (set) => ({
  presenting: false,
  setPresenting: (presenting) => set({ presenting }),
  isolated: null,
  toggleIsolated: (key) => set(({ isolated }) => ({ isolated: isolated === key ? null : key })),
  theme: 'light',
  setThemeInEffect: (theme) => set({ theme }),
  adapter: null,
  setAdapter: (adapter) => set({ adapter }),
});
