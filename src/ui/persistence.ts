/**
 * Links and autosave, both through the one codec of the field table.
 *
 * On start a `#s=` link wins; a broken one shows why and the default game, and leaves the
 * autosave alone. Without a link the autosave is restored. After that every change of the
 * person's own experiment is autosaved; while a tour or lesson plays on a copy (the own
 * experiment set aside) nothing is, so the autosave only ever holds the person's own experiment.
 * The address bar follows the page (src/ui/tour/links.ts), so a reload shows what is on screen.
 */
import { experimentChanged, experimentOf, type Experiment } from '../state/fields';
import { decodeExperiment, encodeExperiment, MAX_LINK_LENGTH, type Decoded } from '../state/link';
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

/** The autosaved experiment (null: none saved). */
export function readAutosave(): Decoded<Experiment> | null {
  const saved = storage()?.getItem(AUTOSAVE_KEY);
  return saved ? decodeExperiment(saved, 'autosave') : null;
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

/**
 * Why an experiment cannot travel as a link: its text is longer than a link may be (a big game
 * that is not a preset travels whole, ~12 characters an entry), or null when it can.
 */
export function linkRefusal(encoded: string): string | null {
  if (encoded.length <= MAX_LINK_LENGTH) return null;
  return `this game is too big for a link (${encoded.length.toLocaleString('en-US')} characters; at most ${MAX_LINK_LENGTH.toLocaleString('en-US')}): a preset such as random:1024:1 travels as its name, any other game as its file (Export game)`;
}

/** Autosaves every later change of the person's own experiment. */
export function startAutosave(): () => void {
  let last = '';
  let warned = false;
  return useStore.subscribe((s, prev) => {
    // Keeping a slide makes it the own experiment without changing a field.
    const adopted = s.ownExperiment !== prev.ownExperiment;
    if (s.ownExperiment || !(adopted || experimentChanged(s, prev))) return;
    const encoded = encodeExperiment(experimentOf(s));
    if (encoded === last) return;
    last = encoded;
    try {
      storage()?.setItem(AUTOSAVE_KEY, encoded);
      warned = false;
    } catch (e) {
      // Quota exceeded (a big game that is not a preset) or storage disabled: the experiment
      // still runs; say once that it is not saved, instead of failing silently.
      if (!warned)
        useStore
          .getState()
          .setNotice(
            `This experiment is not autosaved (${(e as Error).name === 'QuotaExceededError' ? `${(encoded.length / 1e6).toFixed(1)} MB is more than this browser stores` : (e as Error).message}); export the game to keep it.`,
          );
      warned = true;
    }
  });
}
