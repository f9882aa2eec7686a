/**
 * Links and autosave. On start: a `#s=` link wins; a broken one shows why and the default game,
 * and leaves the autosave alone; without a link, the autosave is restored. After that every change
 * the user makes is autosaved.
 */
import { useStore, type AppState } from '../state/store';
import { decodeState, encodeState, shareableState } from '../state/urlState';
import { VIEW_IDS, type ViewId } from '../state/views';

export const AUTOSAVE_KEY = 'nash-playground:autosave';

export function currentLink(s: AppState = useStore.getState()): string {
  const encoded = encodeState(
    shareableState({
      presetId: s.presetId,
      game: s.game,
      beta: s.beta,
      selected: s.selected,
      params: s.params,
      budget: s.budget,
      queries: s.queryModel,
      seeds: s.seeds,
      view: {
        xAxis: s.xAxis,
        gapMetric: s.gapMetric,
        gapIterate: s.gapIterate,
        speed: s.speed,
        ...(s.panels ? { panels: s.panels } : {}),
        ...(openViews(s).length ? { open: openViews(s) } : {}),
      },
    }),
  );
  return `${location.origin}${location.pathname}#s=${encoded}`;
}

function openViews(s: { views: Record<ViewId, boolean> }): ViewId[] {
  return VIEW_IDS.filter((v) => s.views[v]);
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
  if (hash.startsWith('#s=')) {
    const decoded = decodeState(hash.slice(3));
    if (decoded.ok) store.loadShared(decoded.state);
    else
      store.setNotice(`This link could not be opened: ${decoded.error}. Showing the default game.`);
    return;
  }
  const saved = storage()?.getItem(AUTOSAVE_KEY);
  if (saved) {
    const decoded = decodeState(saved);
    if (decoded.ok) store.loadShared(decoded.state);
  }
}

/** Autosaves every later change of the experiment (not the cursor) to localStorage. */
export function startAutosave(): () => void {
  let last = '';
  return useStore.subscribe((s, prev) => {
    const relevant =
      s.game !== prev.game ||
      s.beta !== prev.beta ||
      s.selected !== prev.selected ||
      s.params !== prev.params ||
      s.budget !== prev.budget ||
      s.queryModel !== prev.queryModel ||
      s.seeds !== prev.seeds ||
      s.xAxis !== prev.xAxis ||
      s.gapMetric !== prev.gapMetric ||
      s.gapIterate !== prev.gapIterate ||
      s.speed !== prev.speed ||
      s.views !== prev.views;
    if (!relevant) return;
    const link = currentLink(s);
    const encoded = link.slice(link.indexOf('#s=') + 3);
    if (encoded === last) return;
    last = encoded;
    try {
      storage()?.setItem(AUTOSAVE_KEY, encoded);
    } catch {
      // quota exceeded or storage disabled: the experiment still runs, it is just not saved
    }
  });
}
