/**
 * Lessons: slides a teacher records from the live page and shares as one link. The built-in tour
 * is a lesson too (src/lessons/tour.ts), so the panel that plays it plays any lesson.
 *
 * A slide holds the whole experiment, not only what it changes from the default: a recorded
 * slide shows what the teacher saw even after the page's defaults change, and the field table
 * already leaves out what a link can do without (exact queries, closed views, all panels), so a
 * full experiment costs little more than a difference would.
 */
import type { Experiment } from '../state/fields';

/** Parts of the page a slide opens that are not experiment fields. */
export const REVEALS = ['population'] as const;
export type Reveal = (typeof REVEALS)[number];

export interface Slide {
  /** The slide's title. */
  caption: string;
  /** Notes under the caption: blank lines separate paragraphs, `$…$` is TeX (KaTeX). */
  text: string;
  /** One "try this" prompt, '' for none. */
  tryThis: string;
  /** The experiment the slide puts on the page. */
  experiment: Experiment;
  /** Panels the slide opens: 'population' opens the annotator-population builder. */
  reveal: Reveal[];
}

export interface Lesson {
  title: string;
  slides: Slide[];
}

/** What a lesson link may hold; longer texts and more slides are refused, not cut. */
export const LESSON_LIMITS = {
  title: 120,
  caption: 120,
  text: 2000,
  tryThis: 400,
  slides: 50,
} as const;

export const EMPTY_LESSON: Lesson = { title: 'My lesson', slides: [] };
