/**
 * The tour and lessons: which lesson the tour panel plays (the built-in tour, a lesson from a
 * link, or the one being recorded), at which slide, and the lesson being recorded. Lessons are
 * not experiment fields: a slide contains an experiment, and showing a slide loads it.
 *
 * A tour or lesson plays on a copy: opening one sets the person's own experiment (and its undo
 * history) aside, Close brings both back, and "Keep this experiment" adopts what is on screen (the
 * slide with the viewer's changes) as their own, one undo step after the own experiment.
 */
import { defaultPopulation } from '../../experiment/population';
import { EMPTY_LESSON, LESSON_LIMITS, type Lesson, type Slide } from '../../lessons/model';
import { TOUR } from '../../lessons/tour';
import { experimentOf, type Experiment } from '../fields';
import { clearHistory, restoreHistory, setHistoryAside } from '../history';
import type { Slice } from './types';

/** What the panel plays: the built-in tour, the lesson a link opened, or the recorded one. */
export type LessonSource = 'tour' | 'link' | 'draft';

export interface TourPosition {
  source: LessonSource;
  index: number;
}

export interface TourSlice {
  tour: { open: boolean } & TourPosition;
  /** The person's own experiment, set aside while a tour or lesson plays (null: none is). */
  ownExperiment: Experiment | null;
  /** The lesson editor ("Make a lesson") is open under the slide. */
  lessonEditorOpen: boolean;
  setLessonEditorOpen(open: boolean): void;
  /** The lesson a `#lesson=` link opened (null: none). */
  linkedLesson: Lesson | null;
  /** The lesson being recorded ("Add slide"). */
  lesson: Lesson;
  /** Opens the built-in tour at a chapter (default: where it was, else the first) and shows it. */
  openTour(index?: number): void;
  /** Plays a lesson from a link, or the recorded lesson, from a slide (default the first). */
  openLesson(source: 'link' | 'draft', index?: number): void;
  setLinkedLesson(lesson: Lesson | null): void;
  /** Closes the panel and brings the person's own experiment back ("Back to my experiment"). */
  closeTour(): void;
  /** Closes the panel, keeping what is on screen as the person's own experiment. */
  keepExperiment(): void;
  /**
   * Reopens the panel at a slide without loading the slide (a reload after the viewer changed
   * it: the page already shows the changed experiment), with `own` set aside.
   */
  resumeTour(position: TourPosition, own: Experiment, editorOpen: boolean): void;
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
  /** The person's experiment and history go aside when a tour or lesson first opens. */
  const setAside = (): void => {
    if (get().ownExperiment) return;
    set({ ownExperiment: experimentOf(get()) });
    setHistoryAside();
  };
  const show = (source: LessonSource, index: number): void => {
    const slides = slidesOf(get(), source);
    if (slides.length === 0) return;
    const i = clamp(index, slides.length);
    const { tour } = get();
    setAside();
    set({
      tour: { open: true, source, index: i },
      // The editor starts open when the recorded lesson starts playing (its author is at work).
      ...(tour.open ? {} : { lessonEditorOpen: source === 'draft' }),
    });
    apply(slides[i]!);
    // Showing a slide is no step: undo walks the viewer's changes of this slide.
    clearHistory();
  };
  const close = (keep: boolean): void => {
    const own = get().ownExperiment;
    // The own experiment is back on the page before it stops being aside (the autosave waits).
    if (own && !keep) get().loadExperiment(own);
    set(({ tour }) => ({ tour: { ...tour, open: false }, ownExperiment: null }));
    if (own) restoreHistory(keep ? own : undefined);
  };
  const editLesson = (change: (slides: Slide[]) => Slide[]): void => {
    set(({ lesson, tour }) => {
      const slides = change(lesson.slides);
      // A recorded lesson that is playing keeps a valid slide; an emptied one closes.
      const playing = tour.open && tour.source === 'draft';
      return {
        lesson: { ...lesson, slides },
        ...(playing && slides.length > 0
          ? { tour: { ...tour, index: clamp(tour.index, slides.length) } }
          : {}),
      };
    });
    const { tour, lesson } = get();
    if (tour.open && tour.source === 'draft' && lesson.slides.length === 0) close(false);
  };
  return {
    tour: { open: false, source: 'tour', index: 0 },
    ownExperiment: null,
    lessonEditorOpen: false,
    setLessonEditorOpen: (lessonEditorOpen) => set({ lessonEditorOpen }),
    linkedLesson: null,
    lesson: EMPTY_LESSON,
    openTour: (index) => {
      const { tour } = get();
      show('tour', index ?? (tour.source === 'tour' ? tour.index : 0));
    },
    openLesson: (source, index = 0) => show(source, index),
    setLinkedLesson: (linkedLesson) => set({ linkedLesson }),
    closeTour: () => close(false),
    keepExperiment: () => close(true),
    resumeTour: ({ source, index }, own, lessonEditorOpen) => {
      const slides = slidesOf(get(), source);
      if (slides.length === 0) return;
      set({
        tour: { open: true, source, index: clamp(index, slides.length) },
        ownExperiment: own,
        lessonEditorOpen,
      });
      setHistoryAside();
    },
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
