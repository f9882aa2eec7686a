/**
 * The field table as the one source of each field's facts (initial value, restart), the store's
 * restart subscription, undo/redo of the experiment, and tours and lessons that play on a copy.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PRIOR } from '../../../src/core/counts';
import { buildPreset } from '../../../src/core/presets';
import { parseGame } from '../../../src/core/validate';
import { editCell } from '../../../src/experiment/draft';
import { TOUR } from '../../../src/lessons/tour';
import {
  DEFAULT_EXPERIMENT,
  experimentOf,
  experimentToJson,
  FIELD_KEYS,
  FIELDS,
  fieldOf,
  RESTART_KEYS,
  type Experiment,
} from '../../../src/state/fields';
import { beginStep, clearHistory, endStep, HISTORY_LIMIT } from '../../../src/state/history';
import { decodeExperiment, encodeExperiment } from '../../../src/state/link';
import { useStore } from '../../../src/state/store';

const initial = useStore.getState();
beforeEach(() => {
  useStore.setState(initial, true);
  clearHistory();
});

const state = () => useStore.getState();
const history = () => useStore.temporal.getState();

describe('the field table holds every fact about a field', () => {
  it('the default experiment is each field’s initial value, once', () => {
    for (const field of FIELDS)
      expect(DEFAULT_EXPERIMENT[field.key], field.key).toBe(fieldOf(field.key).initial);
    expect(Object.keys(DEFAULT_EXPERIMENT)).toEqual([...FIELD_KEYS]);
  });

  it('a link that leaves an optional field out gets its initial value', () => {
    const json = experimentToJson(DEFAULT_EXPERIMENT);
    const d = decodeExperiment(encodeExperiment(DEFAULT_EXPERIMENT));
    if (!d.ok) throw new Error(d.error);
    for (const field of FIELDS.filter((f) => f.optional && field_absent(json, f.key)))
      expect(d.value[field.key], field.key).toEqual(field.initial);
  });

  it('the solvers restart the race, as the race runner always treated them', () => {
    expect(RESTART_KEYS).toEqual([
      'game',
      'beta',
      'solvers',
      'params',
      'budget',
      'engine',
      'queries',
      'seeds',
      'custom',
    ]);
  });

  it('the vote prior is a field: kept in a link when it is not the game’s, refused when < 0', () => {
    expect(FIELD_KEYS).toContain('prior');
    expect(experimentToJson(DEFAULT_EXPERIMENT)).not.toHaveProperty('prior');
    const e: Experiment = { ...DEFAULT_EXPERIMENT, prior: 3 };
    expect(experimentToJson(e).prior).toBe(3);
    const d = decodeExperiment(encodeExperiment(e));
    expect(d.ok && d.value.prior).toBe(3);
    expect(state().setPrior(-1)).toBe(false);
    expect(state().fieldErrors.prior).toMatch(/must be a number ≥ 0/);
    expect(state().prior).toBe(DEFAULT_PRIOR);
  });

  it('a game from votes carries its prior: a link leaves it out and reads it back', () => {
    state().importGame('a,b,winner\nx,y,a\nx,y,a\ny,z,a\nz,x,a\n', 'votes.csv');
    expect(state().game.counts).toBeDefined();
    state().setPrior(4);
    const e = experimentOf(state());
    expect(e.game.counts?.prior).toBe(4);
    expect(experimentToJson(e)).not.toHaveProperty('prior');
    const d = decodeExperiment(encodeExperiment(e));
    expect(d.ok && d.value.prior).toBe(4);
  });
});

function field_absent(json: Record<string, unknown>, key: string): boolean {
  return !(key in json) && !(key in ((json.view as Record<string, unknown>) ?? {}));
}

describe('one store subscription restarts the race and the cursor', () => {
  const changes: Record<string, () => void> = {
    game: () => state().setPreset('weighted-rps'),
    beta: () => state().setBeta(0.3),
    solvers: () => state().toggleSolver('mmd'),
    params: () => state().setParam('sppo', 'eta', 0.5),
    budget: () => state().setField('budget', 500),
    engine: () => state().setField('engine', 'reference'),
    queries: () => state().setQueryKind('sampled'),
    seeds: () => state().setField('seeds', 1024),
    custom: () => state().addCustomSolver(),
    start: () => state().setStart([0.2, 0.3, 0.5]),
    'a slide': () => state().loadExperiment(TOUR.slides[2]!.experiment),
  };
  for (const [what, change] of Object.entries(changes))
    it(`${what}: cursor to 0, one new race request`, () => {
      useStore.setState({ t: 700 });
      const before = state().raceRequest;
      change();
      expect(state().t).toBe(0);
      expect(state().raceRequest).toBe(before + 1);
    });

  it('display fields neither restart the cursor nor ask for a race', () => {
    useStore.setState({ t: 700 });
    const before = state().raceRequest;
    state().setField('xAxis', 'queries');
    state().setField('speed', 50);
    state().setField('gapMetric', 'exploitability');
    state().setViewOpen('flow', true);
    state().setPrior(2);
    expect([state().t, state().raceRequest]).toEqual([700, before]);
  });
});

describe('undo and redo', () => {
  it('every kind of change is one step, undone and redone in order', () => {
    state().setBeta(0.2);
    state().editDraft((d) => editCell(d, 0, 1, '0.3'));
    state().toggleSolver('mmd');
    state().setPreset('weighted-rps');
    expect(history().pastStates).toHaveLength(4);
    state().undo();
    expect(state().presetId).toBe('custom');
    expect(state().draft.cells[0]![1]).toBe('0.3');
    state().undo();
    expect(state().solvers).not.toContain('mmd');
    state().undo();
    expect(state().game.P[1]).toBe(DEFAULT_EXPERIMENT.game.P[1]);
    expect(state().draft.cells[0]![1]).toBe(String(DEFAULT_EXPERIMENT.game.P[1]));
    state().undo();
    expect(experimentOf(state())).toEqual(DEFAULT_EXPERIMENT);
    state().undo(); // nothing left: nothing happens
    expect(state().beta).toBe(0.1);
    state().redo();
    state().redo();
    expect([state().beta, state().game.P[1]]).toEqual([0.2, 0.3]);
    state().setField('speed', 20); // a new change drops the steps that were undone
    expect(history().futureStates).toHaveLength(0);
  });

  it('undo restarts the race when a restarting field comes back', () => {
    state().setBeta(0.2);
    useStore.setState({ t: 300 });
    const before = state().raceRequest;
    state().undo();
    expect([state().beta, state().t, state().raceRequest]).toEqual([0.1, 0, before + 1]);
  });

  it('the cursor, a race and errors are no steps; a refused value is none either', () => {
    useStore.setState({ t: 12 });
    state().step();
    state().setBeta(-1);
    state().setParam('sppo', 'eta', -3);
    expect(history().pastStates).toHaveLength(0);
  });

  it('a slider drag (begin … end) is one step', () => {
    beginStep();
    for (const beta of [0.12, 0.15, 0.2, 0.3]) state().setBeta(beta);
    endStep();
    state().setBeta(0.5);
    expect(history().pastStates).toHaveLength(2);
    state().undo();
    expect(state().beta).toBe(0.3);
    state().undo();
    expect(state().beta).toBe(0.1);
  });

  it('a sweep cell (β, η and the schedule) is one step', () => {
    state().applySetting('sppo', 0.5, 0.2);
    expect(history().pastStates).toHaveLength(1);
    state().undo();
    expect([state().beta, state().params.sppo]).toEqual([0.1, undefined]);
  });

  it(`keeps at least ${HISTORY_LIMIT} steps`, () => {
    expect(HISTORY_LIMIT).toBeGreaterThanOrEqual(100);
    for (let i = 1; i <= HISTORY_LIMIT + 5; i++) state().setField('budget', 1000 + i);
    expect(history().pastStates).toHaveLength(HISTORY_LIMIT);
    for (let i = 0; i < HISTORY_LIMIT; i++) state().undo();
    expect(state().budget).toBe(1005);
  });

  it('a refused edit’s message goes when undo changes the field', () => {
    state().setBeta(0.2);
    state().setBeta(-1);
    expect(state().fieldErrors.beta).toBeDefined();
    state().undo();
    expect(state().fieldErrors.beta).toBeUndefined();
  });
});

describe('a tour plays on a copy', () => {
  function myExperiment(): Experiment {
    state().setBeta(0.2);
    state().toggleSolver('mmd');
    state().addCustomSolver();
    return experimentOf(state());
  }

  it('opening sets the own experiment and its history aside; Close brings both back', () => {
    const mine = myExperiment();
    state().openTour(0);
    expect(state().ownExperiment).toEqual(mine);
    expect([state().presetId, state().beta, state().solvers]).toEqual(['rps', 0.1, ['mmd']]);
    expect(history().pastStates).toHaveLength(0); // showing a slide is no step
    state().setBeta(0.5); // the viewer plays with the slide
    state().nextSlide();
    state().closeTour();
    expect(experimentOf(state())).toEqual(mine);
    expect([state().tour.open, state().ownExperiment]).toEqual([false, null]);
    expect(history().pastStates).toHaveLength(3);
    state().undo();
    expect(state().custom).toHaveLength(0);
  });

  it('undo inside a slide walks the viewer’s changes of that slide only', () => {
    myExperiment();
    state().openTour(1);
    const slide = TOUR.slides[1]!.experiment;
    state().setField('budget', 300);
    state().undo();
    expect(state().budget).toBe(slide.budget);
    state().undo();
    expect(experimentOf(state())).toEqual(slide);
  });

  it('“Keep this experiment” adopts the slide with the viewer’s changes, one undo step', () => {
    const mine = myExperiment();
    state().openTour(2);
    state().setBeta(0.7);
    const kept = experimentOf(state());
    state().keepExperiment();
    expect([state().tour.open, state().ownExperiment]).toEqual([false, null]);
    expect(experimentOf(state())).toEqual(kept);
    state().undo();
    expect(experimentOf(state())).toEqual(mine);
    state().redo();
    expect(experimentOf(state())).toEqual(kept);
  });

  it('a lesson from a link also plays on a copy, and switching to the tour keeps the own aside', () => {
    const mine = myExperiment();
    state().setLinkedLesson({ title: 'L', slides: [TOUR.slides[4]!] });
    state().openLesson('link');
    state().openTour(0);
    expect(state().ownExperiment).toEqual(mine);
    state().closeTour();
    expect(experimentOf(state())).toEqual(mine);
  });

  it('a recorded lesson emptied while it plays closes and brings the own experiment back', () => {
    const mine = myExperiment();
    state().openTour(0);
    state().addSlide({ caption: 'one' });
    state().openLesson('draft');
    expect(state().lessonEditorOpen).toBe(false); // it opened from the tour, editor as it was
    state().deleteSlide(0);
    expect(state().tour.open).toBe(false);
    expect(experimentOf(state())).toEqual(mine);
  });

  it('resuming after a reload sets the given own experiment aside and loads no slide', () => {
    const changed = { ...TOUR.slides[1]!.experiment, beta: 0.9 };
    state().loadExperiment(changed);
    const own = { ...DEFAULT_EXPERIMENT, game: parseGame(buildPreset('weighted-rps')) };
    state().resumeTour({ source: 'tour', index: 1 }, own, true);
    expect([state().tour, state().lessonEditorOpen]).toEqual([
      { open: true, source: 'tour', index: 1 },
      true,
    ]);
    expect(state().beta).toBe(0.9);
    state().closeTour();
    expect(experimentOf(state())).toEqual(own);
  });
});
