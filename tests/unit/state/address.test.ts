// @vitest-environment jsdom
/**
 * The address bar is true to the screen (`#tour=N`, `#lesson=…&slide=N`, `#s=…`), a reload
 * (restorePage) shows what was on screen, and the autosave only ever holds the own experiment.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeLesson } from '../../../src/lessons/codec';
import type { Lesson } from '../../../src/lessons/model';
import { TOUR } from '../../../src/lessons/tour';
import { DEFAULT_EXPERIMENT, experimentOf, type Experiment } from '../../../src/state/fields';
import { clearHistory } from '../../../src/state/history';
import { decodeExperiment, encodeExperiment } from '../../../src/state/link';
import { useStore } from '../../../src/state/store';
import { AUTOSAVE_KEY, restoreExperiment, startAutosave } from '../../../src/ui/persistence';
import {
  hashOf,
  lessonHashOf,
  LESSON_KEY,
  restorePage,
  SESSION_KEY,
  startTourLinks,
} from '../../../src/ui/tour/links';

const initial = useStore.getState();
let stops: (() => void)[] = [];
beforeEach(() => {
  useStore.setState(initial, true);
  clearHistory();
  localStorage.clear();
  sessionStorage.clear();
  history.replaceState(null, '', '/');
});
afterEach(() => {
  stops.forEach((stop) => stop());
  stops = [];
});

const state = () => useStore.getState();
const start = (): void => {
  stops = [startAutosave(), startTourLinks()];
};
/** What a reload does: a fresh store, then main.tsx's start. */
function reload(): void {
  stops.forEach((stop) => stop());
  useStore.setState(initial, true);
  restorePage(restoreExperiment);
  clearHistory();
  start();
}
const own: Experiment = { ...DEFAULT_EXPERIMENT, beta: 0.2, solvers: ['egpo', 'mmd'] };
const lesson: Lesson = { title: 'Two', slides: [TOUR.slides[0]!, TOUR.slides[3]!] };

describe('the address bar', () => {
  it('#tour=N while chapter N is unchanged, the experiment’s link after a change, #tour=N after undo', () => {
    start();
    state().openTour(2);
    expect(location.hash).toBe('#tour=3');
    state().setBeta(0.4);
    expect(location.hash).toBe(`#s=${encodeExperiment(experimentOf(state()))}`);
    state().undo();
    expect(location.hash).toBe('#tour=3');
  });

  it('a played lesson has its own link with the slide', () => {
    start();
    state().setLinkedLesson(lesson);
    state().openLesson('link', 1);
    expect(location.hash).toBe(`#lesson=${encodeLesson(lesson)}&slide=2`);
    expect(hashOf(state())).toBe(lessonHashOf(lesson, 1));
  });

  it('a fresh page keeps its address until the first change', () => {
    start();
    expect(location.hash).toBe('');
    state().setField('speed', 20);
    expect(location.hash).toMatch(/^#s=v1\./);
  });
});

describe('a reload shows what was on screen', () => {
  it('a changed chapter: the panel at that chapter over the changed experiment, own aside', () => {
    start();
    state().loadExperiment(own);
    state().openTour(1);
    state().setField('budget', 321);
    state().setLessonEditorOpen(true);
    const shown = experimentOf(state());
    reload();
    expect(experimentOf(state())).toEqual(shown);
    expect([state().tour, state().lessonEditorOpen]).toEqual([
      { open: true, source: 'tour', index: 1 },
      true,
    ]);
    expect(state().ownExperiment).toEqual(own);
    state().closeTour();
    expect(experimentOf(state())).toEqual(own);
  });

  it('#lesson=…&slide=N of another’s lesson opens at slide N; without &slide=, slide 1', () => {
    history.replaceState(null, '', `/${lessonHashOf(lesson, 1)}`);
    reload();
    expect(state().tour).toEqual({ open: true, source: 'link', index: 1 });
    history.replaceState(null, '', `/#lesson=${encodeLesson(lesson)}`);
    reload();
    expect(state().tour.index).toBe(0);
  });

  it('the lesson draft survives reloads and reopens in the editor', () => {
    start();
    state().openTour(0);
    state().setLessonEditorOpen(true);
    state().addSlide({ caption: 'One' });
    state().nextSlide();
    state().addSlide({ caption: 'Two' });
    state().openLesson('draft', 1);
    expect(localStorage.getItem(LESSON_KEY)).toBe(encodeLesson(state().lesson));
    reload();
    expect(state().tour).toEqual({ open: true, source: 'draft', index: 1 });
    expect(state().lessonEditorOpen).toBe(true);
    expect(state().lesson.slides.map((s) => s.caption)).toEqual(['One', 'Two']);
  });

  it('closing the panel forgets it for this tab', () => {
    start();
    state().openTour(0);
    expect(sessionStorage.getItem(SESSION_KEY)).not.toBeNull();
    state().closeTour();
    expect(sessionStorage.getItem(SESSION_KEY)).toBeNull();
    reload();
    expect(state().tour.open).toBe(false);
  });
});

describe('the autosave holds only the own experiment', () => {
  it('nothing is saved while a tour plays; Keep saves the adopted slide', () => {
    start();
    state().loadExperiment(own);
    const saved = localStorage.getItem(AUTOSAVE_KEY);
    expect(decodeExperiment(saved!).ok).toBe(true);
    state().openTour(0);
    state().setBeta(0.9);
    state().nextSlide();
    expect(localStorage.getItem(AUTOSAVE_KEY)).toBe(saved);
    state().setBeta(0.05);
    state().keepExperiment();
    const kept = decodeExperiment(localStorage.getItem(AUTOSAVE_KEY)!);
    expect(kept.ok && [kept.value.beta, kept.value.solvers]).toEqual([0.05, ['sppo']]);
  });
});
