// @vitest-environment jsdom
/** The Tour panel and the lesson editor, driven as a user would; tour and lesson links. */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { decodeLesson, encodeLesson } from '../../../src/lessons/codec';
import type { Lesson } from '../../../src/lessons/model';
import { TOUR } from '../../../src/lessons/tour';
import { DEFAULT_EXPERIMENT } from '../../../src/state/fields';
import { encodeExperiment } from '../../../src/state/link';
import { useStore } from '../../../src/state/store';
import { LESSON_KEY, restoreTourLink, startTourLinks } from '../../../src/ui/tour/links';
import { TourButton } from '../../../src/ui/tour/TourButton';
import { TourPanel } from '../../../src/ui/tour/TourPanel';
import { freshPageEachTest } from '../ui-fixtures';

const initial = freshPageEachTest();

function renderTour(chapter = 0) {
  act(() => useStore.getState().openTour(chapter));
  return render(
    <>
      <TourButton />
      <TourPanel />
    </>,
  );
}

const where = (): string =>
  screen.getByText(/^(Chapter|Slide) \d+ of \d+$/).textContent!.replace(/\s+/g, ' ');

describe('the Tour panel', () => {
  it('is a region named “Tour” showing chapter 1 of 7 with its experiment applied', () => {
    renderTour();
    const region = screen.getByRole('region', { name: 'Tour' });
    expect(within(region).getByRole('heading', { level: 2 }).textContent).toBe(
      'Rock, paper, scissors',
    );
    expect(where()).toBe(`Chapter 1 of ${TOUR.slides.length}`);
    const s = useStore.getState();
    expect([s.presetId, s.beta, s.solvers]).toEqual(['rps', 0.1, ['mmd']]);
    expect(region.textContent).toContain('Try this:');
    expect(screen.getByRole('button', { name: 'Tour' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('Next and Back move through the chapters and set the store', () => {
    renderTour();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(where()).toBe('Chapter 2 of 7');
    let s = useStore.getState();
    expect([s.beta, s.solvers, s.gapMetric, s.t, s.playing]).toEqual([
      0,
      ['sppo'],
      'exploitability',
      0,
      false,
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    s = useStore.getState();
    expect([where(), s.presetId, s.solvers]).toEqual([
      'Chapter 3 of 7',
      'weighted-rps',
      ['mmd', 'sppo'],
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect([where(), useStore.getState().presetId]).toEqual(['Chapter 2 of 7', 'rps']);
  });

  it('stays within the tour at both ends (Back and Next remain focusable)', () => {
    renderTour();
    const back = screen.getByRole('button', { name: 'Back' });
    expect(back.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(back);
    expect(where()).toBe('Chapter 1 of 7');
    act(() => useStore.getState().showSlide(99));
    expect(where()).toBe('Chapter 7 of 7');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(where()).toBe('Chapter 7 of 7');
  });

  it('← → change chapters inside the panel, and do not reach the page (→ would step the race)', () => {
    renderTour();
    const seen: string[] = [];
    const spy = (e: KeyboardEvent): void => void seen.push(e.key);
    window.addEventListener('keydown', spy);
    const region = screen.getByRole('region', { name: 'Tour' });
    fireEvent.keyDown(region, { key: 'ArrowRight' });
    fireEvent.keyDown(region, { key: 'ArrowRight' });
    expect(where()).toBe('Chapter 3 of 7');
    fireEvent.keyDown(screen.getByRole('button', { name: 'Next' }), { key: 'ArrowLeft' });
    expect(where()).toBe('Chapter 2 of 7');
    // Space on a button belongs to the button, not to the page's play toggle.
    fireEvent.keyDown(screen.getByRole('button', { name: 'Back' }), { key: ' ' });
    window.removeEventListener('keydown', spy);
    expect(seen).toEqual([]);
  });

  it('arrows typed in the lesson editor’s fields move the caret, not the tour', () => {
    renderTour();
    fireEvent.click(screen.getByRole('button', { name: 'Make a lesson' }));
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Caption' }), { key: 'ArrowRight' });
    expect(where()).toBe('Chapter 1 of 7');
  });

  it('Esc closes the tour and gives focus back to the Tour button', () => {
    renderTour();
    fireEvent.keyDown(screen.getByRole('region', { name: 'Tour' }), { key: 'Escape' });
    expect(useStore.getState().tour.open).toBe(false);
    expect(document.activeElement?.textContent).toBe('Tour');
  });

  it('renders formulas with KaTeX, with MathML for screen readers', () => {
    renderTour(1);
    const region = screen.getByRole('region', { name: 'Tour' });
    expect(region.querySelectorAll('.katex').length).toBeGreaterThanOrEqual(3);
    const tex = [...region.querySelectorAll('annotation')].map((a) => a.textContent);
    expect(tex).toContain('\\log\\pi_{t+1} = \\log\\pi_t + \\eta\\,P\\pi_t - \\log Z');
  });

  it('chapter 6 opens the annotator builder on the Condorcet groups; chapter 7 closes it', () => {
    renderTour();
    act(() => useStore.getState().editPopulation((d) => ({ groups: d.groups.slice(0, 1) })));
    act(() => useStore.getState().showSlide(5));
    let s = useStore.getState();
    expect([s.presetId, s.populationOpen, s.population.groups.map((g) => g.name)]).toEqual([
      'condorcet-annotators',
      true,
      ['experts', 'students', 'casual users'],
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    s = useStore.getState();
    expect([s.populationOpen, s.queries.kind, s.seeds]).toEqual([false, 'sampled', 32]);
  });

  it('chapter 5 opens the sweep map, and the next chapter closes it', () => {
    renderTour(4);
    expect(useStore.getState().openViews).toEqual(['sweep']);
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(useStore.getState().openViews).toEqual([]);
  });
});

describe('recording a lesson', () => {
  const add = (caption: string): void => {
    fireEvent.change(screen.getByRole('textbox', { name: 'Caption' }), {
      target: { value: caption },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add slide' }));
  };
  const captions = (): string[] =>
    within(screen.getByRole('list', { name: 'Slides' }))
      .getAllByRole('listitem')
      .map((li) => li.querySelector('.lesson-slide-caption')!.textContent!);

  it('Add slide ×3, reorder, delete, and the lesson link holds the slides in order', () => {
    renderTour();
    fireEvent.click(screen.getByRole('button', { name: 'Make a lesson' }));
    act(() => void useStore.getState().setBeta(0.5));
    add('Half');
    act(() => void useStore.getState().setPreset('rpsls'));
    fireEvent.change(screen.getByRole('textbox', { name: 'Notes' }), {
      target: { value: 'Five actions: $K = 5$.' },
    });
    add('Five');
    act(() => void useStore.getState().setBeta(0));
    add('');
    expect(captions()).toEqual(['Half', 'Five', 'Slide 3']);
    expect(screen.getByRole('status').textContent).toBe('Slide 3 added.');
    fireEvent.click(screen.getByRole('button', { name: 'Move “Five” up' }));
    expect(captions()).toEqual(['Five', 'Half', 'Slide 3']);
    fireEvent.click(screen.getByRole('button', { name: 'Delete “Half”' }));
    expect(captions()).toEqual(['Five', 'Slide 3']);

    const link = (screen.getByRole('textbox', { name: 'Lesson link' }) as HTMLInputElement).value;
    expect(link).toMatch(/^http:\/\/localhost(:\d+)?\/#lesson=v1\./);
    const decoded = decodeLesson(link.split('#lesson=')[1]!);
    if (!decoded.ok) throw new Error(decoded.error);
    expect(
      decoded.value.slides.map((s) => [
        s.caption,
        s.text,
        s.experiment.presetId,
        s.experiment.beta,
      ]),
    ).toEqual([
      ['Five', 'Five actions: $K = 5$.', 'rpsls', 0.5],
      ['Slide 3', '', 'rpsls', 0],
    ]);
  });

  it('Play lesson plays the recorded slides in a region named “Lesson”', () => {
    renderTour();
    fireEvent.click(screen.getByRole('button', { name: 'Make a lesson' }));
    act(() => void useStore.getState().setBeta(2));
    add('Strong pull');
    act(() => void useStore.getState().setBeta(0.1));
    fireEvent.click(screen.getByRole('button', { name: 'Play lesson' }));
    const region = screen.getByRole('region', { name: 'Lesson' });
    expect(within(region).getByRole('heading', { level: 2 }).textContent).toBe('Strong pull');
    expect([where(), useStore.getState().beta]).toEqual(['Slide 1 of 1', 2]);
  });
});

describe('a hostile lesson', () => {
  it('shows its markup as text and runs nothing', () => {
    const lesson: Lesson = {
      title: '<b>bold</b>',
      slides: [
        {
          caption: '<img src=x onerror="window.pwned=1">',
          text: 'Click $\\href{javascript:window.pwned=1}{here}$ <script>window.pwned=1</script> $\\htmlClass{x}{y}$ $\\def\\a{\\a\\a}\\a$',
          tryThis: '<a href="javascript:1">go</a>',
          experiment: DEFAULT_EXPERIMENT,
          reveal: [],
        },
      ],
    };
    const decoded = decodeLesson(encodeLesson(lesson));
    if (!decoded.ok) throw new Error(decoded.error);
    act(() => {
      useStore.getState().setLinkedLesson(decoded.value);
      useStore.getState().openLesson('link');
    });
    const { container } = render(<TourPanel />);
    expect(container.querySelector('img, script, a, b')).toBeNull();
    const region = screen.getByRole('region', { name: 'Lesson' });
    expect(region.textContent).toContain('<img src=x onerror="window.pwned=1">');
    expect(region.textContent).toContain('<b>bold</b>');
    expect((window as { pwned?: number }).pwned).toBeUndefined();
  });
});

describe('tour and lesson links', () => {
  it('#tour=3 opens chapter 3 with its state applied', () => {
    expect(restoreTourLink('#tour=3')).toBe(true);
    const s = useStore.getState();
    expect([s.tour, s.presetId, s.beta, s.solvers]).toEqual([
      { open: true, source: 'tour', index: 2 },
      'weighted-rps',
      0.1,
      ['mmd', 'sppo'],
    ]);
  });

  it('#tour=99 says why and opens chapter 1', () => {
    restoreTourLink('#tour=99');
    const s = useStore.getState();
    expect(s.notice).toBe(
      'This tour link could not be opened: there is no chapter “99” (the tour has chapters 1 to 7). Showing chapter 1.',
    );
    expect(s.tour.index).toBe(0);
  });

  it('a broken #lesson= link says why and leaves the default game', () => {
    expect(restoreTourLink('#lesson=v1.garbage')).toBe(true);
    const s = useStore.getState();
    expect(s.notice).toBe(
      'This lesson link could not be opened: the lesson link is truncated or damaged. Showing the default game.',
    );
    expect([s.tour.open, s.presetId]).toEqual([false, 'rps']);
  });

  it('a #lesson= link plays its lesson; other hashes are not ours', () => {
    const lesson: Lesson = {
      title: 'Shared',
      slides: [{ ...TOUR.slides[3]!, caption: 'Look ahead' }],
    };
    restoreTourLink(`#lesson=${encodeLesson(lesson)}`);
    const s = useStore.getState();
    expect([s.tour, s.linkedLesson?.title, s.beta]).toEqual([
      { open: true, source: 'link', index: 0 },
      'Shared',
      0.03,
    ]);
    expect(restoreTourLink('#s=v1.x')).toBe(false);
    expect(restoreTourLink('')).toBe(false);
  });

  it('the address follows the tour’s chapter and holds the own experiment once closed; the recorded lesson is kept', () => {
    const stop = startTourLinks();
    act(() => useStore.getState().openTour(1));
    expect(location.hash).toBe('#tour=2');
    act(() => useStore.getState().nextSlide());
    expect(location.hash).toBe('#tour=3');
    act(() => useStore.getState().closeTour());
    expect(location.hash).toBe(`#s=${encodeExperiment(DEFAULT_EXPERIMENT)}`);
    act(() => void useStore.getState().addSlide({ caption: 'Kept' }));
    const saved = decodeLesson(localStorage.getItem(LESSON_KEY)!);
    expect(saved.ok && saved.value.slides[0]!.caption).toBe('Kept');
    stop();
    useStore.setState(initial, true);
    startTourLinks()();
    expect(useStore.getState().lesson.slides.map((s) => s.caption)).toEqual(['Kept']);
  });
});
