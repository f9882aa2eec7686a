/**
 * A lesson as text: the same versioned envelope as share links (`v1.<lz-string>`), holding
 * `{ lesson: { title, slides: [{ caption, text?, try?, reveal?, experiment }] } }` where each
 * `experiment` is the field table's link JSON. Decoding validates every slide with the table's
 * checks and every text against LESSON_LIMITS, so a broken, oversized or hostile lesson link
 * yields one message (naming the slide), never an exception; its texts are only ever shown as
 * text or as KaTeX without `trust` (src/ui/tour/RichText.tsx).
 */
import { experimentFromJson, experimentToJson } from '../state/fields';
import { decodeEnvelope, encodeEnvelope, type Decoded } from '../state/link';
import { LESSON_LIMITS, REVEALS, type Lesson, type Reveal, type Slide } from './model';

export const LESSON_PREFIX = '#lesson=';
export const TOUR_PREFIX = '#tour=';

class LessonError extends Error {
  override name = 'LessonError';
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function lessonToJson(lesson: Lesson): Json {
  return {
    lesson: {
      title: lesson.title,
      slides: lesson.slides.map((s) => ({
        caption: s.caption,
        ...(s.text ? { text: s.text } : {}),
        ...(s.tryThis ? { try: s.tryThis } : {}),
        ...(s.reveal.length > 0 ? { reveal: s.reveal } : {}),
        experiment: experimentToJson(s.experiment),
      })),
    },
  };
}

/** A text field: absent is '', anything but a string within the limit refuses the lesson. */
function text(raw: unknown, what: string, limit: number): string {
  if (raw === undefined) return '';
  if (typeof raw !== 'string') throw new LessonError(`${what} is not text`);
  if (raw.length > limit)
    throw new LessonError(`${what} is too long (${raw.length} characters; at most ${limit})`);
  return raw;
}

function slideFromJson(raw: unknown, k: number): Slide {
  const where = `slide ${k + 1}`;
  if (!isRecord(raw)) throw new LessonError(`${where} is not a slide`);
  if (!isRecord(raw.experiment)) throw new LessonError(`${where} holds no experiment`);
  let experiment;
  try {
    experiment = experimentFromJson(raw.experiment);
  } catch (e) {
    throw new LessonError(`${where}: ${(e as Error).message}`, { cause: e });
  }
  // Unknown panels are dropped, as unknown views are in a link: a newer page may know them.
  const reveal = Array.isArray(raw.reveal)
    ? [...new Set(raw.reveal.filter((r): r is Reveal => REVEALS.includes(r as Reveal)))]
    : [];
  return {
    caption: text(raw.caption, `the caption of ${where}`, LESSON_LIMITS.caption),
    text: text(raw.text, `the text of ${where}`, LESSON_LIMITS.text),
    tryThis: text(raw.try, `the prompt of ${where}`, LESSON_LIMITS.tryThis),
    experiment,
    reveal,
  };
}

/** The lesson in an envelope's JSON; throws a message that says what is wrong. */
export function lessonFromJson(json: Json): Lesson {
  const lesson = json.lesson;
  if (!isRecord(lesson)) throw new LessonError('it holds no lesson');
  const slides = lesson.slides;
  if (!Array.isArray(slides) || slides.length === 0)
    throw new LessonError('the lesson has no slides');
  if (slides.length > LESSON_LIMITS.slides)
    throw new LessonError(
      `the lesson has ${slides.length} slides (at most ${LESSON_LIMITS.slides})`,
    );
  return {
    title: text(lesson.title, 'the title', LESSON_LIMITS.title) || 'Lesson',
    slides: slides.map(slideFromJson),
  };
}

export function encodeLesson(lesson: Lesson): string {
  return encodeEnvelope(lessonToJson(lesson));
}

export function decodeLesson(encoded: string, what = 'lesson link'): Decoded<Lesson> {
  const envelope = decodeEnvelope(encoded, what);
  if (!envelope.ok) return envelope;
  try {
    return { ok: true, value: lessonFromJson(envelope.value) };
  } catch (e) {
    // Any failure, ours or a check deeper down, is a message about the link.
    return { ok: false, error: (e as Error).message };
  }
}

/** `#tour=N` (1-based) as a chapter index, or why it names none. */
export function tourChapterOf(
  value: string,
  chapters: number,
): { ok: true; value: number } | { ok: false; error: string } {
  const n = /^\d{1,4}$/.test(value) ? Number(value) : NaN;
  if (Number.isInteger(n) && n >= 1 && n <= chapters) return { ok: true, value: n - 1 };
  return {
    ok: false,
    error: `there is no chapter “${value.slice(0, 20)}” (the tour has chapters 1 to ${chapters})`,
  };
}
