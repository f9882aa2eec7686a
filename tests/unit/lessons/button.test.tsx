// @vitest-environment jsdom
/**
 * The Lessons button: the built-in lessons (title, one line, link), opening them, their links;
 * and the mixture field their EGPO slides fill.
 */
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BUILTIN_LESSONS, EGPO_GAME } from '../../../src/lessons/builtin';
import { useStore } from '../../../src/state/store';
import { SolverParamFields } from '../../../src/ui/SolverParamFields';
import { LessonsButton } from '../../../src/ui/tour/LessonsButton';
import { hashOf, restoreTourLink } from '../../../src/ui/tour/links';
import { TourButton } from '../../../src/ui/tour/TourButton';
import { TourPanel } from '../../../src/ui/tour/TourPanel';
import { freshPageEachTest } from '../ui-fixtures';

const initial = freshPageEachTest();

function renderButtons() {
  return render(
    <>
      <TourButton />
      <LessonsButton />
      {useStore.getState().tour.open && <TourPanel />}
    </>,
  );
}

function openList(): HTMLElement {
  fireEvent.click(screen.getByRole('button', { name: 'Lessons' }));
  return screen.getByRole('region', { name: 'Lessons' });
}

describe('the Lessons button', () => {
  it('lists every built-in lesson with its title, one line and link, then “Make a lesson”', () => {
    renderButtons();
    const button = screen.getByRole('button', { name: 'Lessons' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    const list = openList();
    expect(button.getAttribute('aria-expanded')).toBe('true');
    for (const l of BUILTIN_LESSONS) {
      within(list).getByRole('button', { name: l.lesson.title });
      within(list).getByText(l.summary);
      const link = within(list).getByRole('link', { name: `Link to “${l.lesson.title}”` });
      expect(link.getAttribute('href')).toBe(`#lesson=${l.id}`);
    }
    expect(within(list).getByRole('button', { name: 'Make a lesson' })).toBeTruthy();
    // Esc closes the list and gives focus back to the button.
    fireEvent.keyDown(list, { key: 'Escape' });
    expect(screen.queryByRole('region', { name: 'Lessons' })).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('a title plays the lesson from its first slide and puts its link in the address bar', () => {
    renderButtons();
    const egpo = BUILTIN_LESSONS.find((l) => l.id === 'egpo-experiment')!;
    fireEvent.click(within(openList()).getByRole('button', { name: egpo.lesson.title }));
    const s = useStore.getState();
    expect(s.tour).toEqual({ open: true, source: 'link', index: 0 });
    expect(s.linkedLesson?.title).toBe(egpo.lesson.title);
    expect([s.presetId, s.beta, s.budget]).toEqual([EGPO_GAME, 0.1, 1000]);
    expect(s.solvers).toEqual(['egpo', 'inpo', 'online-ipo', 'nash-md', 'nash-md-pg']);
    expect(s.params['nash-md']).toEqual({ schedule: 'constant', eta: 0.4, mix: 0.02 });
    // The address bar shows the built-in lesson's short link (hashOf: what is on screen).
    expect(hashOf(useStore.getState())).toBe('#lesson=egpo-experiment&slide=1');
    expect(screen.queryByRole('region', { name: 'Lessons' })).toBeNull();
  });

  it('#lesson=<id> opens a built-in lesson; an unknown id is a broken lesson link', () => {
    expect(restoreTourLink('#lesson=nash-mp-rate')).toBe(true);
    let s = useStore.getState();
    expect(s.tour.open).toBe(true);
    expect(s.linkedLesson?.title).toBe('Nash-MP’s rate does not depend on K');
    expect([s.presetId, s.xAxis]).toEqual(['random:10:1', 'queries']);
    useStore.setState(initial, true);
    expect(restoreTourLink('#lesson=no-such-lesson')).toBe(true);
    s = useStore.getState();
    expect(s.tour.open).toBe(false);
    expect(s.notice).toMatch(/^This lesson link could not be opened/);
  });

  it('“Make a lesson” opens the panel with the lesson editor', () => {
    const { rerender } = renderButtons();
    fireEvent.click(within(openList()).getByRole('button', { name: 'Make a lesson' }));
    expect(useStore.getState().tour.open).toBe(true);
    expect(useStore.getState().lessonEditorOpen).toBe(true);
    rerender(
      <>
        <TourButton />
        <LessonsButton />
        <TourPanel />
      </>,
    );
    const make = within(screen.getByRole('region', { name: 'Tour' })).getByRole('button', {
      name: 'Make a lesson',
    });
    expect(make.getAttribute('aria-expanded')).toBe('true');
  });
});

describe('the mixture field', () => {
  it('shows Nash-MD’s m (empty: ηβ), takes a new one and refuses one outside [0, 1]', () => {
    render(<SolverParamFields id="nash-md" />);
    const field = screen.getByLabelText('Nash-MD mixture') as HTMLInputElement;
    expect(field.value).toBe('');
    expect(field.placeholder).toBe('ηβ');
    fireEvent.change(field, { target: { value: '0.02' } });
    fireEvent.blur(field);
    expect(useStore.getState().params['nash-md']).toEqual({ mix: 0.02 });
    fireEvent.change(field, { target: { value: '1.5' } });
    fireEvent.blur(field);
    expect(useStore.getState().params['nash-md']).toEqual({ mix: 0.02 });
    expect(screen.getByRole('alert').textContent).toMatch(
      /mixture weight m must be a number in \[0, 1\]/,
    );
  });
});
