/** Lessons as links: round trips through the share-link envelope, and refusal of hostile links. */
import fc from 'fast-check';
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { parseGame } from '../../../src/core/validate';
import {
  decodeLesson,
  encodeLesson,
  lessonToJson,
  tourChapterOf,
} from '../../../src/lessons/codec';
import { LESSON_LIMITS, type Lesson, type Slide } from '../../../src/lessons/model';
import { paragraphs, segments, wordCount } from '../../../src/lessons/rich';
import { TOUR } from '../../../src/lessons/tour';
import { DEFAULT_EXPERIMENT, experimentToJson, type Experiment } from '../../../src/state/fields';
import { encodeEnvelope, encodeExperiment, MAX_LINK_LENGTH } from '../../../src/state/link';

function slide(caption: string, over: Partial<Experiment> = {}, more: Partial<Slide> = {}): Slide {
  return {
    caption,
    text: '',
    tryThis: '',
    experiment: { ...DEFAULT_EXPERIMENT, ...over },
    reveal: [],
    ...more,
  };
}

/** A lesson link's payload as a hostile author would write it. */
const envelope = (json: unknown): string =>
  `v1.${LZString.compressToEncodedURIComponent(JSON.stringify(json))}`;

function decoded(text: string): Lesson {
  const d = decodeLesson(text);
  if (!d.ok) throw new Error(d.error);
  return d.value;
}

function refusal(text: string): string {
  const d = decodeLesson(text);
  if (d.ok) throw new Error('the lesson link was accepted');
  return d.error;
}

/** What a lesson means, comparable with toEqual (experiments by their link JSON). */
const meaning = (l: Lesson) => ({
  title: l.title,
  slides: l.slides.map((s) => ({ ...s, experiment: experimentToJson(s.experiment) })),
});

const custom = parseGame({
  name: 'Edited',
  actions: ['a', 'b', 'c'],
  preference: [
    [0.5, 0.7, 0.2],
    [0.3, 0.5, 0.9],
    [0.8, 0.1, 0.5],
  ],
  start: [0.5, 0.25, 0.25],
});

const LESSON: Lesson = {
  title: 'Week 3: cycles',
  slides: [
    slide(
      'β = 0',
      { beta: 0, solvers: ['sppo'], iterate: 'average' },
      { text: 'See $\\bar\\pi_t$.' },
    ),
    slide(
      'A custom game, sampled',
      {
        presetId: 'custom',
        game: custom,
        queries: { kind: 'sampled', samples: 50, seed: 7 },
        seeds: 512,
        openViews: ['sweep'],
        params: { 'nash-mp': { eta: 0.5 } },
      },
      { tryThis: 'Raise n.', reveal: ['population'] },
    ),
  ],
};

describe('lesson links', () => {
  it('a lesson survives encode → decode: captions, notes, prompts, panels and experiments', () => {
    const text = encodeLesson(LESSON);
    expect(text).toMatch(/^v1\./);
    expect(meaning(decoded(text))).toEqual(meaning(LESSON));
  });

  it('the built-in tour is a lesson in the same format and survives the round trip', () => {
    expect(meaning(decoded(encodeLesson(TOUR)))).toEqual(meaning(TOUR));
    // Lz-string compresses the repeated experiment fields: the whole tour is a short link.
    expect(encodeLesson(TOUR).length).toBeLessThan(6000);
  });

  it('a slide stores the whole experiment (the link JSON of the field table)', () => {
    const json = lessonToJson(LESSON) as { lesson: { slides: { experiment: unknown }[] } };
    expect(json.lesson.slides[0]!.experiment).toEqual(
      experimentToJson(LESSON.slides[0]!.experiment),
    );
    expect(json.lesson.slides[0]!.experiment).toMatchObject({
      preset: 'rps',
      beta: 0,
      budget: 2000,
    });
  });

  it('property: captions, notes and prompts of any text within the limits survive', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: LESSON_LIMITS.caption }),
        fc.string({ maxLength: 300 }),
        fc.string({ maxLength: LESSON_LIMITS.tryThis }),
        (caption, text, tryThis) => {
          const lesson = { title: 'T', slides: [slide(caption, {}, { text, tryThis })] };
          const back = decoded(encodeLesson(lesson)).slides[0]!;
          expect([back.caption, back.text, back.tryThis]).toEqual([caption, text, tryThis]);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('hostile lesson links get a message, never an exception', () => {
  const valid = lessonToJson(LESSON) as { lesson: { slides: Record<string, unknown>[] } };
  const withSlide = (patch: Record<string, unknown>) => ({
    v: 1,
    lesson: {
      title: 'x',
      slides: [valid.lesson.slides[0], { ...valid.lesson.slides[0], ...patch }],
    },
  });
  const cases: [string, string, RegExp][] = [
    [
      'oversized',
      'v1.' + 'A'.repeat(MAX_LINK_LENGTH),
      /too long \(65539 characters; at most 65536\)/,
    ],
    ['garbled', 'v1.%%%not-lz%%%', /truncated or damaged/],
    ['truncated', encodeLesson(LESSON).slice(0, 60), /truncated or damaged/],
    ['unversioned', 'hello', /not a Nash Playground experiment/],
    ['from a newer version', 'v9.abc', /needs a newer version \(v9\)/],
    ['an experiment link, not a lesson', encodeExperiment(DEFAULT_EXPERIMENT), /holds no lesson/],
    ['no slides', envelope({ v: 1, lesson: { title: 't', slides: [] } }), /has no slides/],
    [
      'too many slides',
      envelope({ v: 1, lesson: { title: 't', slides: Array(51).fill(valid.lesson.slides[0]) } }),
      /51 slides \(at most 50\)/,
    ],
    [
      'a slide that is no slide',
      envelope({ v: 1, lesson: { slides: [1] } }),
      /slide 1 is not a slide/,
    ],
    [
      'a slide without an experiment',
      envelope(withSlide({ experiment: 'rps' })),
      /slide 2 holds no experiment/,
    ],
    [
      'a negative β',
      envelope(withSlide({ experiment: { ...experimentToJson(DEFAULT_EXPERIMENT), beta: -1 } })),
      /^slide 2: β must be ≥ 0, got -1$/,
    ],
    [
      'an invalid matrix',
      envelope(
        withSlide({
          experiment: {
            ...experimentToJson(DEFAULT_EXPERIMENT),
            preset: undefined,
            game: {
              actions: ['a', 'b'],
              preference: [
                [0.5, 3],
                [0, 0.5],
              ],
            },
          },
        }),
      ),
      /^slide 2: /,
    ],
    [
      'an unknown preset',
      envelope(withSlide({ experiment: { preset: 'x<script>' } })),
      /slide 2: unknown preset 'x<script>'/,
    ],
    [
      'a caption that is not text',
      envelope(withSlide({ caption: { html: '<b>' } })),
      /the caption of slide 2 is not text/,
    ],
    [
      'an overlong caption',
      envelope(withSlide({ caption: 'x'.repeat(121) })),
      /caption of slide 2 is too long \(121 characters; at most 120\)/,
    ],
    [
      'overlong notes',
      envelope(withSlide({ text: 'x'.repeat(2001) })),
      /text of slide 2 is too long/,
    ],
    [
      'an overlong title',
      envelope({
        ...withSlide({}),
        lesson: { title: 'x'.repeat(121), slides: [valid.lesson.slides[0]] },
      }),
      /the title is too long/,
    ],
    ['JSON that is an array', envelope([1, 2]), /holds no experiment/],
    [
      'a prototype-polluting key',
      `v1.${LZString.compressToEncodedURIComponent('{"v":1,"lesson":{"__proto__":{"slides":[1]},"slides":3}}')}`,
      /has no slides/,
    ],
  ];
  for (const [what, text, message] of cases) {
    it(what, () => {
      expect(() => decodeLesson(text)).not.toThrow();
      expect(refusal(text)).toMatch(message);
    });
  }

  it('unknown panels are dropped and markup stays inert text', () => {
    const lesson = decoded(
      envelope(
        withSlide({
          reveal: ['population', 'evil', 'population'],
          caption: '<img src=x onerror=alert(1)>',
        }),
      ),
    );
    expect(lesson.slides[1]!.reveal).toEqual(['population']);
    expect(lesson.slides[1]!.caption).toBe('<img src=x onerror=alert(1)>');
    expect(lesson.title).toBe('x');
  });

  it('property: any JSON in the envelope decodes or gives a message', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        const d = decodeLesson(encodeEnvelope({ lesson: json }));
        expect(d.ok ? 'ok' : typeof d.error).toMatch(/ok|string/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('#tour=N', () => {
  it('names chapters 1 … n', () => {
    expect(tourChapterOf('3', 7)).toEqual({ ok: true, value: 2 });
    expect(tourChapterOf('7', 7)).toEqual({ ok: true, value: 6 });
  });
  for (const bad of ['0', '8', '-1', '3.5', 'abc', '', '1e1', '99999999999'])
    it(`refuses “${bad}”`, () => {
      const r = tourChapterOf(bad, 7);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/the tour has chapters 1 to 7/);
    });
});

describe('slide text markup', () => {
  it('splits formulas from text; \\$ is a dollar; an unclosed $ is text', () => {
    expect(segments('a $x^2$ b')).toEqual([
      { kind: 'text', value: 'a ' },
      { kind: 'math', value: 'x^2' },
      { kind: 'text', value: ' b' },
    ]);
    expect(segments('costs \\$5 or $5')).toEqual([{ kind: 'text', value: 'costs $5 or $5' }]);
    expect(segments('$a\\$b$')).toEqual([{ kind: 'math', value: 'a\\$b' }]);
    expect(paragraphs('one\ntwo\n\n  three  ')).toEqual([
      [{ kind: 'text', value: 'one two' }],
      [{ kind: 'text', value: 'three' }],
    ]);
  });

  it('counts a formula as one word, and words in any script', () => {
    expect(wordCount("The mix $\\min_{\\pi} P(\\pi \\succ \\pi') = 1/2$ is π* — here.")).toBe(6);
  });
});
