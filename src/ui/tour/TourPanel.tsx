/**
 * The tour panel: plays the built-in tour or a lesson, one slide at a time. A slide loads its
 * experiment into the live page; its text explains what the charts now show, and one prompt says
 * what to poke. Back/Next, or ← → while the panel has focus (outside text fields; → elsewhere
 * still steps the race), Esc closes. "Make a lesson" opens the lesson editor below it.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { slidesOf } from '../../state/slices/tour';
import { useStore } from '../../state/store';
import { LessonEditor } from './LessonEditor';
import { RichText } from './RichText';
import { TOUR_BUTTON_ID, TOUR_PANEL_ID } from './TourButton';
import './tour.css';

const EDITABLE = ['INPUT', 'TEXTAREA', 'SELECT'];
const LESSON_EDITOR_ID = 'lesson-editor';

export function TourPanel() {
  const tour = useStore((s) => s.tour);
  const linkedLesson = useStore((s) => s.linkedLesson);
  const lesson = useStore((s) => s.lesson);
  const editing = useStore((s) => s.lessonEditorOpen);
  const { nextSlide, prevSlide, closeTour, openTour, keepExperiment, setLessonEditorOpen } =
    useStore.getState();
  const ref = useRef<HTMLElement>(null);
  // Opened with the Tour button: the keys go to the panel at once (a link leaves focus alone).
  useEffect(() => {
    if (document.activeElement?.id === TOUR_BUTTON_ID) ref.current?.focus();
  }, []);
  const slides = slidesOf({ linkedLesson, lesson }, tour.source);
  const slide = slides[tour.index];
  if (!tour.open || !slide) return null;
  const isTour = tour.source === 'tour';
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
    const handled =
      !typing && !e.altKey && !e.ctrlKey && !e.metaKey
        ? { ArrowRight: nextSlide, ArrowLeft: prevSlide, Escape: close }[e.key]
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
      className="tour"
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
          </div>
          <div className="tour-text">
            <RichText text={slide.text} />
          </div>
        </div>
        <div className="tour-side">
          {slide.tryThis && (
            <p className="tour-try">
              <strong>Try this:</strong> <RichText inline text={slide.tryThis} />
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
          <div className="tour-nav">
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
          {/* The slide is a copy: the person's own experiment waits aside until Close or Keep. */}
          <div className="tour-nav tour-own">
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
          <p className="tour-keys">← → {isTour ? 'chapters' : 'slides'} · Esc closes</p>
        </div>
      </div>
      <div id={LESSON_EDITOR_ID} hidden={!editing}>
        <LessonEditor />
      </div>
    </section>
  );
}
