/**
 * "Lessons", beside "Tour": a list of the built-in lessons (title, one line, link) and "Make a
 * lesson". Picking a title plays the lesson (its link goes to the address bar); the link itself
 * can be copied or opened in a new tab. Esc or the button closes the list.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { BUILTIN_LESSONS } from '../../lessons/builtin';
import { useStore } from '../../state/store';
import { builtinLessonHash, openBuiltinLesson } from './links';

export const LESSONS_BUTTON_ID = 'lessons-button';
const LESSONS_LIST_ID = 'lessons-list';

export function LessonsButton() {
  const [open, setOpen] = useState(false);
  const makeLesson = useStore((s) => s.makeLesson);
  const listRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (open) listRef.current?.querySelector('button')?.focus();
  }, [open]);
  const close = (): void => {
    setOpen(false);
    document.getElementById(LESSONS_BUTTON_ID)?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close();
    }
  };
  return (
    <div className="lessons-menu">
      <button
        type="button"
        id={LESSONS_BUTTON_ID}
        aria-expanded={open}
        aria-controls={open ? LESSONS_LIST_ID : undefined}
        onClick={() => setOpen(!open)}
      >
        Lessons
      </button>
      {open && (
        <div
          id={LESSONS_LIST_ID}
          ref={listRef}
          role="region"
          aria-label="Lessons"
          className="lessons-list"
          onKeyDown={onKeyDown}
        >
          <ul>
            {BUILTIN_LESSONS.map((l) => (
              <li key={l.id}>
                <button
                  type="button"
                  className="lessons-title"
                  onClick={() => {
                    setOpen(false);
                    openBuiltinLesson(l);
                  }}
                >
                  {l.lesson.title}
                </button>
                <p className="lessons-summary">{l.summary}</p>
                <a
                  className="lessons-link"
                  href={builtinLessonHash(l)}
                  aria-label={`Link to “${l.lesson.title}”`}
                >
                  {builtinLessonHash(l)}
                </a>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="lessons-make"
            onClick={() => {
              setOpen(false);
              makeLesson();
            }}
          >
            Make a lesson
          </button>
        </div>
      )}
    </div>
  );
}
