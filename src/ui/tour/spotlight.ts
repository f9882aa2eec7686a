/**
 * A chapter that names a panel ("the sweep map below", "the annotator population, opened under
 * the matrix", the uncertainty view) brings that panel into view and highlights it for a few
 * seconds, so the viewer never looks for what the text points at. Panels mark themselves with
 * `data-tour-target`; views render after their first computation, so the panel is waited for.
 */
import type { Slide } from '../../lessons/model';

export type SpotlightTarget = 'sweep' | 'population' | 'bootstrap';

/** The panels a slide opens, in the order the page shows them. */
export function targetsOf(slide: Slide): SpotlightTarget[] {
  const out: SpotlightTarget[] = [];
  if (slide.reveal.includes('population')) out.push('population');
  if (slide.experiment.openViews.includes('sweep')) out.push('sweep');
  if (slide.experiment.openViews.includes('bootstrap')) out.push('bootstrap');
  return out;
}

const HIGHLIGHT_MS = 4000;
const WAIT_MS = 15_000;

/** Scrolls the first target into view and highlights every target; returns a cancel function. */
export function spotlight(targets: readonly SpotlightTarget[]): () => void {
  if (targets.length === 0) return () => {};
  let cancelled = false;
  const lit: Element[] = [];
  const started = performance.now();
  let timer = 0;
  const find = (t: SpotlightTarget) => document.querySelector(`[data-tour-target="${t}"]`);
  const attempt = (): void => {
    if (cancelled) return;
    const found = targets.map(find).filter((e): e is Element => e !== null);
    if (found.length < targets.length && performance.now() - started < WAIT_MS) {
      timer = window.setTimeout(attempt, 150);
      return;
    }
    if (found.length === 0) return;
    found[0]!.scrollIntoView({ block: 'nearest' });
    for (const el of found) {
      el.setAttribute('data-spotlight', '');
      lit.push(el);
    }
    timer = window.setTimeout(clear, HIGHLIGHT_MS);
  };
  const clear = (): void => {
    for (const el of lit) el.removeAttribute('data-spotlight');
    lit.length = 0;
  };
  timer = window.setTimeout(attempt, 0);
  return () => {
    cancelled = true;
    window.clearTimeout(timer);
    clear();
  };
}
