/**
 * Tour and lesson links, and the address bar. `#tour=N` opens the built-in tour at chapter N
 * (1-based) and `#lesson=v1.…&slide=N` plays a shared lesson at slide N (`&slide=` may be left
 * out: slide 1). The address bar is always a link to what is on screen: `#tour=N` or the lesson's
 * link while a slide shows unchanged, the experiment's `#s=` link after any change (and once the
 * panel is closed). The lesson being recorded is kept in local storage, and this tab's open panel
 * (slide, editor) in session storage, so a reload shows what was on screen: the panel at the same
 * slide over the changed experiment, the editor open on the draft, the person's own experiment
 * (the autosave) still set aside. Kept apart from the panel (which loads KaTeX lazily) so that
 * opening a link costs no more than the lesson codec.
 */
import {
  decodeLesson,
  encodeLesson,
  LESSON_PREFIX,
  TOUR_PREFIX,
  tourChapterOf,
} from '../../lessons/codec';
import type { Lesson } from '../../lessons/model';
import { TOUR } from '../../lessons/tour';
import { DEFAULT_EXPERIMENT, experimentChanged, experimentOf } from '../../state/fields';
import { encodeExperiment } from '../../state/link';
import { slidesOf, type LessonSource, type TourPosition } from '../../state/slices/tour';
import { useStore, type AppState } from '../../state/store';
import { LINK_PREFIX, linkRefusal, readAutosave } from '../persistence';

export const LESSON_KEY = 'nash-playground:lesson';
/** This tab's open tour or lesson (session storage: a reload reopens it, a new tab does not). */
export const SESSION_KEY = 'nash-playground:tour';
const SLIDE_PARAM = '&slide=';

export function lessonLinkOf(encoded: string): string {
  return `${location.origin}${location.pathname}${location.search}${LESSON_PREFIX}${encoded}`;
}

function storage(kind: 'localStorage' | 'sessionStorage' = 'localStorage'): Storage | null {
  try {
    return window[kind];
  } catch {
    return null; // storage can be disabled (privacy settings, sandboxed frames)
  }
}

const encodedLessons = new WeakMap<Lesson, string>();
/** A lesson's link text, once per lesson object (the address bar asks on every change). */
function encodedOf(lesson: Lesson): string {
  let encoded = encodedLessons.get(lesson);
  if (encoded === undefined) {
    encoded = encodeLesson(lesson);
    encodedLessons.set(lesson, encoded);
  }
  return encoded;
}

/** The `#lesson=` hash of a lesson at slide `index` (0-based). */
export function lessonHashOf(lesson: Lesson, index: number): string {
  return `${LESSON_PREFIX}${encodedOf(lesson)}${SLIDE_PARAM}${index + 1}`;
}

/** The hash that shows what is on screen. */
export function hashOf(s: AppState): string {
  const { open, source, index } = s.tour;
  const slide = open ? slidesOf(s, source)[index] : undefined;
  if (slide && !experimentChanged(experimentOf(s), slide.experiment)) {
    if (source === 'tour') return `${TOUR_PREFIX}${index + 1}`;
    const lesson = source === 'link' ? s.linkedLesson : s.lesson;
    if (lesson) return lessonHashOf(lesson, index);
  }
  // A game too big for a link (not a preset) leaves the address without one, never a 4 MB hash.
  const encoded = encodeExperiment(experimentOf(s));
  return linkRefusal(encoded) === null ? `${LINK_PREFIX}${encoded}` : '';
}

/** What session storage keeps of an open panel. */
interface TourSession extends TourPosition {
  editorOpen: boolean;
  /** The lesson a link opened (its link text), when that is what plays. */
  lesson?: string;
}

function readSession(): TourSession | null {
  try {
    const raw: unknown = JSON.parse(storage('sessionStorage')?.getItem(SESSION_KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return null;
    const { source, index, editorOpen, lesson } = raw as Record<string, unknown>;
    const sources: readonly unknown[] = ['tour', 'link', 'draft'] satisfies LessonSource[];
    if (!sources.includes(source) || !Number.isInteger(index)) return null;
    return {
      source: source as LessonSource,
      index: index as number,
      editorOpen: editorOpen === true,
      ...(typeof lesson === 'string' ? { lesson } : {}),
    };
  } catch {
    return null;
  }
}

function writeSession(s: AppState): void {
  const { open, source, index } = s.tour;
  try {
    if (!open) return storage('sessionStorage')?.removeItem(SESSION_KEY);
    const session: TourSession = {
      source,
      index,
      editorOpen: s.lessonEditorOpen,
      ...(source === 'link' && s.linkedLesson ? { lesson: encodedOf(s.linkedLesson) } : {}),
    };
    storage('sessionStorage')?.setItem(SESSION_KEY, JSON.stringify(session));
  } catch {
    // storage disabled: a reload shows the experiment without the panel
  }
}

/** The recorded lesson from local storage (before a `#lesson=` link is matched against it). */
function restoreDraft(): void {
  const saved = storage()?.getItem(LESSON_KEY);
  if (!saved) return;
  const decoded = decodeLesson(saved, 'saved lesson');
  if (decoded.ok) useStore.getState().setLesson(decoded.value);
}

/** `v1.…&slide=N` as the lesson's text and a 0-based slide (slide 1 when absent or unreadable). */
function splitLessonHash(value: string): { encoded: string; index: number } {
  const at = value.lastIndexOf(SLIDE_PARAM);
  if (at < 0) return { encoded: value, index: 0 };
  const n = Number(value.slice(at + SLIDE_PARAM.length));
  return { encoded: value.slice(0, at), index: Number.isInteger(n) && n >= 1 ? n - 1 : 0 };
}

/**
 * Opens a tour or lesson link; returns whether the hash was one. The experiment on the page when
 * it opens (the autosave, on a page load) is set aside as the person's own. A broken lesson link
 * says why and shows the page as it was. A lesson link of the draft being recorded plays the draft
 * (its editor as this tab left it).
 */
export function restoreTourLink(hash: string = location.hash): boolean {
  const store = useStore.getState();
  const session = readSession();
  if (hash.startsWith(TOUR_PREFIX)) {
    const chapter = tourChapterOf(hash.slice(TOUR_PREFIX.length), TOUR.slides.length);
    if (!chapter.ok)
      store.setNotice(`This tour link could not be opened: ${chapter.error}. Showing chapter 1.`);
    store.openTour(chapter.ok ? chapter.value : 0);
    if (session) useStore.getState().setLessonEditorOpen(session.editorOpen);
    return true;
  }
  if (hash.startsWith(LESSON_PREFIX)) {
    const { encoded, index } = splitLessonHash(hash.slice(LESSON_PREFIX.length));
    const decoded = decodeLesson(encoded);
    if (!decoded.ok) {
      store.setNotice(
        `This lesson link could not be opened: ${decoded.error}. Showing the default game.`,
      );
      return true;
    }
    const draft = store.lesson;
    if (draft.slides.length > 0 && encodedOf(draft) === encodeLesson(decoded.value)) {
      store.openLesson('draft', index);
      useStore.getState().setLessonEditorOpen(session?.editorOpen ?? true);
    } else {
      store.setLinkedLesson(decoded.value);
      store.openLesson('link', index);
      if (session) useStore.getState().setLessonEditorOpen(session.editorOpen);
    }
    return true;
  }
  return false;
}

/**
 * After a reload of a tab whose panel showed a changed slide (the address holds the experiment):
 * the panel reopens at that slide over the page's experiment, the autosave set aside as the
 * person's own. Returns whether it did.
 */
export function resumeTour(): boolean {
  const session = readSession();
  if (!session) return false;
  const store = useStore.getState();
  if (session.source === 'link') {
    const decoded = session.lesson ? decodeLesson(session.lesson) : null;
    if (!decoded?.ok) return false;
    store.setLinkedLesson(decoded.value);
  }
  const saved = readAutosave();
  const own = saved?.ok ? saved.value : DEFAULT_EXPERIMENT;
  useStore.getState().resumeTour(session, own, session.editorOpen);
  return useStore.getState().tour.open;
}

/**
 * What the page opens on: a share link or the autosave, then a tour or lesson link over it (or
 * this tab's panel, reopened after a reload). Call before startTourLinks.
 */
export function restorePage(restoreExperiment: () => void): void {
  restoreDraft();
  restoreExperiment();
  if (!restoreTourLink()) resumeTour();
}

/** Keeps the recorded lesson saved, the address bar true to the screen, and this tab's panel. */
export function startTourLinks(): () => void {
  if (useStore.getState().lesson.slides.length === 0) restoreDraft();
  const follow = (s: AppState): void => {
    const hash = hashOf(s);
    if (location.hash !== hash)
      history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
  };
  // A page that opened on a tour or lesson shows it in the address at once; otherwise the
  // address (empty, or the link the page opened) stays until the first change.
  if (useStore.getState().tour.open) follow(useStore.getState());
  const unsubscribe = useStore.subscribe((s, prev) => {
    const panel =
      s.tour !== prev.tour ||
      s.lessonEditorOpen !== prev.lessonEditorOpen ||
      s.linkedLesson !== prev.linkedLesson;
    if (panel) writeSession(s);
    if (panel || s.lesson !== prev.lesson || experimentChanged(s, prev)) follow(s);
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
