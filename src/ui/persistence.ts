/**
 * Links and autosave, both through the one codec of the field table.
 *
 * On start a `#s=` link wins; a broken one shows why and the default game, and leaves the
 * autosave alone. Without a link the autosave is restored. After that every change of the
 * experiment is autosaved, and an experiment link in the address bar follows the page (it is
 * replaced, never left holding an older experiment than the one shown), so a reload always shows
 * the latest state.
 */
import { experimentChanged, experimentOf } from '../state/fields';
import { decodeExperiment, encodeExperiment } from '../state/link';
import { useStore, type AppState } from '../state/store';

export const AUTOSAVE_KEY = 'nash-playground:autosave';
export const LINK_PREFIX = '#s=';

export function linkOf(encoded: string): string {
  return `${location.origin}${location.pathname}${location.search}${LINK_PREFIX}${encoded}`;
}

export function currentLink(s: AppState = useStore.getState()): string {
  return linkOf(encodeExperiment(experimentOf(s)));
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage can be disabled (privacy settings, sandboxed frames)
  }
}

export function restoreExperiment(): void {
  const store = useStore.getState();
  const hash = location.hash;
  if (hash.startsWith(LINK_PREFIX)) {
    const decoded = decodeExperiment(hash.slice(LINK_PREFIX.length));
    if (decoded.ok) store.loadExperiment(decoded.value);
    else
      store.setNotice(`This link could not be opened: ${decoded.error}. Showing the default game.`);
    return;
  }
  const saved = storage()?.getItem(AUTOSAVE_KEY);
  if (saved) {
    const decoded = decodeExperiment(saved, 'autosave');
    if (decoded.ok) store.loadExperiment(decoded.value);
    else {
      // Kept aside, not overwritten by the next change: a newer version may still read it.
      storage()?.setItem(`${AUTOSAVE_KEY}:unreadable`, saved);
      store.setNotice(`The autosaved experiment could not be restored: ${decoded.error}.`);
    }
  }
}

/** Autosaves every later change of the experiment and keeps an experiment link up to date. */
export function startAutosave(): () => void {
  let last = '';
  return useStore.subscribe((s, prev) => {
    if (!experimentChanged(s, prev)) return;
    const encoded = encodeExperiment(experimentOf(s));
    if (encoded === last) return;
    last = encoded;
    try {
      storage()?.setItem(AUTOSAVE_KEY, encoded);
    } catch {
      // quota exceeded or storage disabled: the experiment still runs, it is just not saved
    }
    if (location.hash.startsWith(LINK_PREFIX)) history.replaceState(null, '', linkOf(encoded));
  });
}
