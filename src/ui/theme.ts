/**
 * The colour theme: the system's (`prefers-color-scheme`) until the reader picks one with the
 * toggle; the pick is a preference of this browser, kept in localStorage, and never part of a
 * share link or the autosave (a link shows the same experiment in whichever theme its reader
 * prefers). The theme in effect is `<html data-theme>` for the CSS and `theme` in the store for
 * the line colours drawn from JavaScript.
 */
import type { Theme } from '../state/slices/ui';
import { useStore } from '../state/store';

export const THEME_KEY = 'nash-playground:theme';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function storedTheme(): Theme | null {
  const value = storage()?.getItem(THEME_KEY);
  return value === 'light' || value === 'dark' ? value : null;
}

function systemQuery(): MediaQueryList | null {
  return typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
}

function apply(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  useStore.getState().setThemeInEffect(theme);
}

/** Applies the stored or system theme and follows the system until the reader picks one. */
export function startTheme(): () => void {
  const query = systemQuery();
  apply(storedTheme() ?? (query?.matches ? 'dark' : 'light'));
  const onChange = (e: MediaQueryListEvent): void => {
    if (!storedTheme()) apply(e.matches ? 'dark' : 'light');
  };
  query?.addEventListener('change', onChange);
  return () => query?.removeEventListener('change', onChange);
}

/** The toggle: the other theme, remembered for this browser. */
export function toggleTheme(): void {
  const next: Theme = useStore.getState().theme === 'dark' ? 'light' : 'dark';
  try {
    storage()?.setItem(THEME_KEY, next);
  } catch {
    // storage full or disabled: the theme still changes for this visit
  }
  apply(next);
}
