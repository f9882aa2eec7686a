/**
 * The tour and lessons: which lesson the tour panel plays (the built-in tour, a lesson from a
 * link, or the one being recorded), at which slide, and the lesson being recorded. Lessons are
 * not experiment fields: a slide contains an experiment, and showing a slide loads it.
 */
import { defaultPopulation } from '../../experiment/population';
import { EMPTY_LESSON, LESSON_LIMITS, type Lesson, type Slide } from '../../lessons/model';
import { TOUR } from '../../lessons/tour';
import { experimentOf } from '../fields';
import type { Slice } from './types';

/** What the panel plays: the built-in tour, the lesson a link opened, or the recorded one. */
export type LessonSource = 'tour' | 'link' | 'draft';

export interface TourSlice {
  tour: { open: boolean; source: LessonSource; index: number };
  /** The lesson a `#lesson=` link opened (null: none). */
  linkedLesson: Lesson | null;
  /** The lesson being recorded ("Add slide"). */
  lesson: Lesson;
  /** Whether the tour panel shows the lesson editor ("Make a lesson"). */
  lessonEditorOpen: boolean;
  setLessonEditorOpen(open: boolean): void;
  /**
   * "Make a lesson" from the Lessons list: plays the recorded lesson with its editor open, or,
   * while nothing is recorded, opens the panel (on the tour) with the editor.
   */
  makeLesson(): void;
  /** Opens the built-in tour at a chapter (default: where it was, else the first) and shows it. */
  openTour(index?: number): void;
  /** Plays a lesson from a link, or the recorded lesson, from a slide (default the first). */
  openLesson(source: 'link' | 'draft', index?: number): void;
  setLinkedLesson(lesson: Lesson | null): void;
  closeTour(): void;
  /** Shows slide `index` of the lesson being played (clamped) and loads its experiment. */
  showSlide(index: number): void;
  nextSlide(): void;
  prevSlide(): void;
  /** Records the page as a slide; returns why not when it cannot (the lesson is full). */
  addSlide(notes: { caption: string; text?: string; tryThis?: string }): string | null;
  moveSlide(index: number, by: -1 | 1): void;
  deleteSlide(index: number): void;
  setLessonTitle(title: string): void;
  /** Replaces the recorded lesson (with a linked one to extend it, or a restored draft). */
  setLesson(lesson: Lesson): void;
}

/** The slides a source plays. */
export function slidesOf(
  s: Pick<TourSlice, 'linkedLesson' | 'lesson'>,
  source: LessonSource,
): Slide[] {
  if (source === 'tour') return TOUR.slides;
  if (source === 'link') return s.linkedLesson?.slides ?? [];
  return s.lesson.slides;
}

const clamp = (i: number, n: number): number => Math.max(0, Math.min(n - 1, i));

/**
 * The groups of the Condorcet preset are the builder's default for K = 3: a slide that opens the
 * builder on that preset shows the groups the matrix was made from, not earlier edits.
 */
const ANNOTATOR_PRESET = 'condorcet-annotators';

export const createTourSlice: Slice<TourSlice> = (set, get) => {
  const apply = (slide: Slide): void => {
    get().loadExperiment(slide.experiment);
    const reveal = slide.reveal.includes('population');
    set({
      populationOpen: reveal,
      ...(reveal && slide.experiment.presetId === ANNOTATOR_PRESET
        ? { population: defaultPopulation(slide.experiment.game.K) }
        : {}),
    });
  };
  const show = (source: LessonSource, index: number): void => {
    const slides = slidesOf(get(), source);
    if (slides.length === 0) return;
    const i = clamp(index, slides.length);
    set({ tour: { open: true, source, index: i } });
    apply(slides[i]!);
  };
  const editLesson = (change: (slides: Slide[]) => Slide[]): void => {
    set(({ lesson, tour }) => {
      const slides = change(lesson.slides);
      // A recorded lesson that is playing keeps a valid slide; an emptied one closes.
      const playing = tour.open && tour.source === 'draft';
      return {
        lesson: { ...lesson, slides },
        ...(playing
          ? slides.length === 0
            ? { tour: { ...tour, open: false } }
            : { tour: { ...tour, index: clamp(tour.index, slides.length) } }
          : {}),
      };
    });
  };
  return {
    tour: { open: false, source: 'tour', index: 0 },
    linkedLesson: null,
    lesson: EMPTY_LESSON,
    lessonEditorOpen: false,
    setLessonEditorOpen: (lessonEditorOpen) => set({ lessonEditorOpen }),
    makeLesson: () => {
      if (get().lesson.slides.length > 0) get().openLesson('draft');
      else get().openTour();
      set({ lessonEditorOpen: true });
    },
    openTour: (index) => {
      const { tour } = get();
      show('tour', index ?? (tour.source === 'tour' ? tour.index : 0));
    },
    openLesson: (source, index = 0) => {
      show(source, index);
      // The recorded lesson opens with its editor (its author is at work).
      if (source === 'draft' && get().tour.open) set({ lessonEditorOpen: true });
    },
    setLinkedLesson: (linkedLesson) => set({ linkedLesson }),
    closeTour: () =>
      set(({ tour }) => ({ tour: { ...tour, open: false }, lessonEditorOpen: false })),
    showSlide: (index) => show(get().tour.source, index),
    nextSlide: () => get().showSlide(get().tour.index + 1),
    prevSlide: () => get().showSlide(get().tour.index - 1),
    addSlide: ({ caption, text = '', tryThis = '' }) => {
      const s = get();
      if (s.lesson.slides.length >= LESSON_LIMITS.slides)
        return `A lesson holds at most ${LESSON_LIMITS.slides} slides.`;
      const slide: Slide = {
        caption:
          caption.trim().slice(0, LESSON_LIMITS.caption) || `Slide ${s.lesson.slides.length + 1}`,
        text: text.trim().slice(0, LESSON_LIMITS.text),
        tryThis: tryThis.trim().slice(0, LESSON_LIMITS.tryThis),
        experiment: experimentOf(s),
        reveal: s.populationOpen ? ['population'] : [],
      };
      editLesson((slides) => [...slides, slide]);
      return null;
    },
    moveSlide: (index, by) =>
      editLesson((slides) => {
        const to = index + by;
        if (index < 0 || to < 0 || index >= slides.length || to >= slides.length) return slides;
        const next = [...slides];
        [next[index], next[to]] = [next[to]!, next[index]!];
        return next;
      }),
    deleteSlide: (index) => editLesson((slides) => slides.filter((_, i) => i !== index)),
    setLessonTitle: (title) =>
      set(({ lesson }) => ({ lesson: { ...lesson, title: title.slice(0, LESSON_LIMITS.title) } })),
    setLesson: (lesson) => set({ lesson }),
  };
};
