/**
 * Recording a lesson: "Add slide" keeps the whole page as it is now (the experiment, and the
 * annotator builder when open) with a caption, optional notes and a prompt; slides can be shown,
 * moved and deleted, and the lesson travels as one `#lesson=` link.
 */
import { useMemo, useState } from 'react';
import { encodeLesson } from '../../lessons/codec';
import { LESSON_LIMITS } from '../../lessons/model';
import { MAX_LINK_LENGTH } from '../../state/link';
import { useStore } from '../../state/store';
import { lessonLinkOf } from './links';

export function LessonEditor() {
  const lesson = useStore((s) => s.lesson);
  const linkedLesson = useStore((s) => s.linkedLesson);
  const tour = useStore((s) => s.tour);
  const { addSlide, moveSlide, deleteSlide, setLessonTitle, openLesson, setLesson } =
    useStore.getState();
  const [caption, setCaption] = useState('');
  const [notes, setNotes] = useState('');
  const [prompt, setPrompt] = useState('');
  const [status, setStatus] = useState('');
  const slides = lesson.slides;
  const encoded = useMemo(
    () => (slides.length > 0 ? encodeLesson(lesson) : null),
    [lesson, slides.length],
  );
  const tooLong = encoded !== null && encoded.length > MAX_LINK_LENGTH;
  const link = encoded !== null && !tooLong ? lessonLinkOf(encoded) : '';
  const playing = tour.open && tour.source === 'draft' ? tour.index : -1;

  const add = (): void => {
    const refused = addSlide({ caption, text: notes, tryThis: prompt });
    if (refused) return setStatus(refused);
    setStatus(`Slide ${slides.length + 1} added.`);
    setCaption('');
    setNotes('');
    setPrompt('');
  };
  const copy = (): void => {
    navigator.clipboard?.writeText(link).then(
      () => setStatus('Lesson link copied.'),
      () => setStatus('Copying was refused: select the link and copy it.'),
    );
  };

  return (
    <section className="lesson-editor" aria-labelledby="lesson-editor-heading">
      <h3 id="lesson-editor-heading">Make a lesson</h3>
      <p className="hint">
        Set up the page, then <strong>Add slide</strong>: it keeps the game, β, solvers, parameters,
        queries and chart settings as they are now. Notes may hold formulas between $…$ signs.
      </p>
      <div className="lesson-fields">
        <label>
          Lesson title
          <input
            value={lesson.title}
            maxLength={LESSON_LIMITS.title}
            onChange={(e) => setLessonTitle(e.target.value)}
          />
        </label>
        <label>
          Caption
          <input
            value={caption}
            maxLength={LESSON_LIMITS.caption}
            onChange={(e) => setCaption(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && add()}
          />
        </label>
        <label>
          Notes
          <textarea
            value={notes}
            rows={2}
            maxLength={LESSON_LIMITS.text}
            onChange={(e) => setNotes(e.target.value)}
          />
        </label>
        <label>
          Try this
          <input
            value={prompt}
            maxLength={LESSON_LIMITS.tryThis}
            onChange={(e) => setPrompt(e.target.value)}
          />
        </label>
        <button type="button" onClick={add}>
          Add slide
        </button>
      </div>
      {slides.length === 0 ? (
        <p className="hint">No slides yet.</p>
      ) : (
        <ol className="lesson-slides" aria-label="Slides">
          {slides.map((s, i) => (
            <li key={i} aria-current={i === playing ? 'step' : undefined}>
              <div className="lesson-slide">
                <span className="lesson-slide-caption">{s.caption}</span>
                <span className="lesson-slide-actions">
                  <button
                    type="button"
                    aria-label={`Show “${s.caption}”`}
                    onClick={() => openLesson('draft', i)}
                  >
                    Show
                  </button>
                  <button
                    type="button"
                    aria-label={`Move “${s.caption}” up`}
                    aria-disabled={i === 0}
                    onClick={() => i > 0 && moveSlide(i, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    aria-label={`Move “${s.caption}” down`}
                    aria-disabled={i === slides.length - 1}
                    onClick={() => i < slides.length - 1 && moveSlide(i, 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    aria-label={`Delete “${s.caption}”`}
                    onClick={() => deleteSlide(i)}
                  >
                    Delete
                  </button>
                </span>
              </div>
            </li>
          ))}
        </ol>
      )}
      <div className="lesson-share">
        <button type="button" disabled={slides.length === 0} onClick={() => openLesson('draft')}>
          Play lesson
        </button>
        <label>
          Lesson link
          <input readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
        </label>
        <button type="button" disabled={!link} onClick={copy}>
          Copy lesson link
        </button>
        {tour.source === 'link' && linkedLesson && (
          <button type="button" onClick={() => setLesson(linkedLesson)}>
            {slides.length > 0
              ? 'Replace my slides with the opened lesson'
              : 'Edit the opened lesson'}
          </button>
        )}
      </div>
      {tooLong && (
        <p role="alert" className="param-error">
          This lesson is too long for a link ({encoded.length.toLocaleString('en-US')} characters;
          at most {MAX_LINK_LENGTH.toLocaleString('en-US')}): delete a slide, or use presets rather
          than large custom games.
        </p>
      )}
      <p role="status" className="hint">
        {status}
      </p>
    </section>
  );
}
