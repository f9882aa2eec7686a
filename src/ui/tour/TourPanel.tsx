/**
 * The tour panel: plays the built-in tour or a lesson, one slide at a time. A slide loads its
 * experiment into the live page; its text explains what the charts now show, and one prompt says
 * what to poke. Back/Next, or PageDown/PageUp, → ← and Home/End anywhere outside text fields
 * (src/ui/tour/slideKeys.ts; S then steps the race), Esc closes. "Make a lesson" opens the lesson
 * editor below it. In present mode the panel is a strip above the charts (no lesson editor); on
 * a phone its text, with "Make a lesson", folds behind "Show text", so a chart and the prompt fit
 * one screen beside the rows that leave the copy ("Back to my experiment", "Keep this experiment").
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { TOUR_PRESENT } from '../../lessons/tour';
import { slidesOf } from '../../state/slices/tour';
import { useStore } from '../../state/store';
import { LessonEditor } from './LessonEditor';
import { RichText } from './RichText';
import { moveSlide, slideMoveOf } from './slideKeys';
import { spotlight, targetsOf } from './spotlight';
import { TOUR_BUTTON_ID, TOUR_PANEL_ID } from './TourButton';
import './tour.css';

const EDITABLE = ['INPUT', 'TEXTAREA', 'SELECT'];
const LESSON_EDITOR_ID = 'lesson-editor';
const TEXT_ID = 'tour-text';

export function TourPanel() {
  const tour = useStore((s) => s.tour);
  const linkedLesson = useStore((s) => s.linkedLesson);
  const lesson = useStore((s) => s.lesson);
  const presenting = useStore((s) => s.presenting);
  const editing = useStore((s) => s.lessonEditorOpen);
  const { nextSlide, prevSlide, closeTour, openTour, keepExperiment, setLessonEditorOpen } =
    useStore.getState();
  const ref = useRef<HTMLElement>(null);
  // Phones only (CSS shows the toggle there): the text folds away so the charts stay in sight.
  const [textShown, setTextShown] = useState(false);
  // Opened with the Tour button: the keys go to the panel at once (a link leaves focus alone).
  useEffect(() => {
    if (document.activeElement?.id === TOUR_BUTTON_ID) ref.current?.focus();
  }, []);
  const slides = slidesOf({ linkedLesson, lesson }, tour.source);
  const slide = slides[tour.index];
  // The panels a slide names come into view, highlighted (not in present mode, which hides them).
  const targets = slide && !presenting ? targetsOf(slide).join(' ') : '';
  useEffect(
    () => spotlight(targets ? (targets.split(' ') as Parameters<typeof spotlight>[0]) : []),
    [targets, tour.index, tour.source],
  );
  if (!tour.open || !slide) return null;
  const isTour = tour.source === 'tour';
  // Present mode shows a chapter's prompt for what the room can see (src/lessons/tour.ts).
  const tryThis = (presenting && isTour && TOUR_PRESENT[tour.index]?.tryThis) || slide.tryThis;
  const k = tour.index + 1;
  const n = slides.length;
  const title = isTour ? 'Tour' : tour.source === 'link' ? linkedLesson!.title : lesson.title;
  const close = (): void => {
    closeTour();
    document.getElementById(TOUR_BUTTON_ID)?.focus();
  };
  const keep = (): void => {
    keepExperiment();
    document.getElementById(TOUR_BUTTON_ID)?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLElement>): void => {
    const target = e.target as HTMLElement;
    const typing = EDITABLE.includes(target.tagName) || target.isContentEditable;
    const move = slideMoveOf(e.key);
    const handled =
      !typing && !e.altKey && !e.ctrlKey && !e.metaKey
        ? e.key === 'Escape'
          ? presenting
            ? undefined // Esc leaves present mode first (the page's key), from anywhere
            : close
          : move && (() => moveSlide(move))
        : undefined;
    if (handled) {
      e.preventDefault();
      handled();
    }
    // The page's own keys (Space plays, → steps) stay out of the panel's controls: Space belongs
    // to the focused button, the arrows to the tour. On the panel itself Space still plays.
    if (handled || (e.key === ' ' && target !== e.currentTarget)) e.stopPropagation();
  };
  return (
    <section
      id={TOUR_PANEL_ID}
      ref={ref}
      role="region"
      aria-label={isTour ? 'Tour' : 'Lesson'}
      className={presenting ? 'tour presenting' : 'tour'}
      data-text={textShown ? 'shown' : 'folded'}
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <div className="tour-body">
        <div className="tour-main">
          <div className="tour-head">
            <h2 className="tour-caption">{slide.caption}</h2>
            <p className="tour-where">
              <span className="tour-title">{title}</span>{' '}
              <span aria-live="polite" aria-atomic="true">
                {isTour ? 'Chapter' : 'Slide'} {k} of {n}
              </span>
            </p>
            <button
              type="button"
              className="tour-text-toggle"
              aria-expanded={textShown}
              aria-controls={TEXT_ID}
              onClick={() => setTextShown(!textShown)}
            >
              {textShown ? 'Hide text' : 'Show text'}
            </button>
          </div>
          {/* In present mode a long text scrolls inside the strip: focusable, so keys reach it. */}
          <div className="tour-text" id={TEXT_ID} tabIndex={presenting ? 0 : undefined}>
            <RichText text={slide.text} />
          </div>
        </div>
        <div className="tour-side">
          {tryThis && (
            <p className="tour-try">
              <strong>Try this:</strong> <RichText inline text={tryThis} />
            </p>
          )}
          <div className="tour-nav">
            <button
              type="button"
              aria-disabled={k === 1}
              // Kept focusable at the ends, so a keyboard user's focus never drops to the page.
              onClick={() => k > 1 && prevSlide()}
            >
              Back
            </button>
            <button type="button" aria-disabled={k === n} onClick={() => k < n && nextSlide()}>
              Next
            </button>
            <button type="button" className="tour-close" onClick={close}>
              Close
            </button>
          </div>
          <div className="tour-nav tour-authoring" hidden={presenting}>
            <button
              type="button"
              aria-expanded={editing}
              aria-controls={LESSON_EDITOR_ID}
              onClick={() => setLessonEditorOpen(!editing)}
            >
              Make a lesson
            </button>
            {!isTour && (
              <button type="button" onClick={() => openTour(0)}>
                Take the tour
              </button>
            )}
          </div>
          {/* The slide is a copy: the person's own experiment waits aside until Close or Keep.
              In present mode Close does what "Back to my experiment" does and keeping is an
              author's step, like making a lesson: the row leaves the strip its one line. */}
          <div className="tour-nav tour-own" hidden={presenting}>
            <button type="button" onClick={close}>
              Back to my experiment
            </button>
            <button
              type="button"
              onClick={keep}
              title="Make what is on screen (with your changes) your own experiment"
            >
              Keep this experiment
            </button>
          </div>
          <p className="tour-keys">
            PgDn/→ next · PgUp/← back · Home/End · S steps the race · Esc{' '}
            {presenting ? 'leaves present mode' : 'closes'}
          </p>
        </div>
      </div>
      <div id={LESSON_EDITOR_ID} hidden={!editing || presenting}>
        <LessonEditor />
      </div>
    </section>
  );
}
