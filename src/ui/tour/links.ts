/**
 * Tour and lesson links: `#tour=N` opens the built-in tour at chapter N (1-based),
 * `#lesson=<id>` a built-in lesson (src/lessons/builtin.ts) and `#lesson=v1.…` a shared one. While the tour is open the address bar follows its
 * chapter, so the address is always a link to what is shown; closing the tour clears it. The
 * lesson being recorded is kept in local storage, so a reload does not lose a teacher's slides.
 * Kept apart from the panel (which loads KaTeX lazily) so that opening a link costs no more than
 * the lesson codec.
 */
import {
  decodeLesson,
  encodeLesson,
  LESSON_PREFIX,
  TOUR_PREFIX,
  tourChapterOf,
} from '../../lessons/codec';
import { builtinLesson, type BuiltinLesson } from '../../lessons/builtin';
import { TOUR } from '../../lessons/tour';
import { useStore } from '../../state/store';

export const LESSON_KEY = 'nash-playground:lesson';

export function lessonLinkOf(encoded: string): string {
  return `${location.origin}${location.pathname}${location.search}${LESSON_PREFIX}${encoded}`;
}

/** A built-in lesson's link: `#lesson=<id>`, short and stable (the lesson is in the page). */
export function builtinLessonHash(lesson: BuiltinLesson): string {
  return `${LESSON_PREFIX}${lesson.id}`;
}

/** Plays a built-in lesson from its first slide, with its link in the address bar. */
export function openBuiltinLesson(lesson: BuiltinLesson): void {
  const store = useStore.getState();
  store.setLinkedLesson(lesson.lesson);
  store.openLesson('link');
  const hash = builtinLessonHash(lesson);
  if (location.hash !== hash)
    history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage can be disabled (privacy settings, sandboxed frames)
  }
}

/**
 * Opens a tour or lesson link; returns whether the hash was one (then the autosave is not
 * restored, as for a share link). A broken lesson link says why and shows the default game.
 */
export function restoreTourLink(hash: string = location.hash): boolean {
  const store = useStore.getState();
  if (hash.startsWith(TOUR_PREFIX)) {
    const chapter = tourChapterOf(hash.slice(TOUR_PREFIX.length), TOUR.slides.length);
    if (!chapter.ok)
      store.setNotice(`This tour link could not be opened: ${chapter.error}. Showing chapter 1.`);
    store.openTour(chapter.ok ? chapter.value : 0);
    return true;
  }
  if (hash.startsWith(LESSON_PREFIX)) {
    const builtin = builtinLesson(hash.slice(LESSON_PREFIX.length));
    if (builtin) {
      store.setLinkedLesson(builtin.lesson);
      store.openLesson('link');
      return true;
    }
    const decoded = decodeLesson(hash.slice(LESSON_PREFIX.length));
    if (decoded.ok) {
      store.setLinkedLesson(decoded.value);
      store.openLesson('link');
    } else
      store.setNotice(
        `This lesson link could not be opened: ${decoded.error}. Showing the default game.`,
      );
    return true;
  }
  return false;
}

/** The address bar for the tour's state: its chapter while open, nothing once closed. */
function followTour(s = useStore.getState(), prev?: typeof s): void {
  const { open, source, index } = s.tour;
  const here = `${location.pathname}${location.search}`;
  if (open && source === 'tour') {
    const hash = `${TOUR_PREFIX}${index + 1}`;
    if (location.hash !== hash) history.replaceState(null, '', `${here}${hash}`);
  } else if (!open && prev?.tour.open) {
    if (location.hash.startsWith(TOUR_PREFIX) || location.hash.startsWith(LESSON_PREFIX))
      history.replaceState(null, '', here);
  }
}

/** Restores the recorded lesson and keeps it saved; keeps the address bar on the tour. */
export function startTourLinks(): () => void {
  const saved = storage()?.getItem(LESSON_KEY);
  if (saved) {
    const decoded = decodeLesson(saved, 'saved lesson');
    if (decoded.ok) useStore.getState().setLesson(decoded.value);
  }
  followTour();
  const unsubscribe = useStore.subscribe((s, prev) => {
    if (s.tour !== prev.tour) followTour(s, prev);
    if (s.lesson !== prev.lesson) {
      try {
        if (s.lesson.slides.length > 0) storage()?.setItem(LESSON_KEY, encodeLesson(s.lesson));
        else storage()?.removeItem(LESSON_KEY);
      } catch {
        // quota exceeded or storage disabled: the lesson still works, it is just not kept
      }
    }
  });
  // A tour or lesson link pasted into the address bar of an open page.
  const onHash = (): void => {
    restoreTourLink(location.hash);
  };
  window.addEventListener('hashchange', onHash);
  return () => {
    unsubscribe();
    window.removeEventListener('hashchange', onHash);
  };
}
