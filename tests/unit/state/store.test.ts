import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_EXPERIMENT, useStore } from '../../../src/state/store';

const DEFAULT_BUDGET = DEFAULT_EXPERIMENT.budget;

const initial = useStore.getState();

beforeEach(() => {
  useStore.setState(initial, true);
});

describe('store: playback', () => {
  it('play, tick, pause, step and reset move the cursor within the budget', () => {
    const s = useStore.getState();
    s.setField('speed', 50);
    s.play();
    expect(useStore.getState().playing).toBe(true);
    useStore.getState().tick();
    useStore.getState().tick();
    expect(useStore.getState().t).toBe(100);
    useStore.getState().pause();
    useStore.getState().tick();
    expect(useStore.getState().t).toBe(100);
    useStore.getState().step();
    expect(useStore.getState().t).toBe(101);
    useStore.getState().reset();
    expect(useStore.getState()).toMatchObject({ t: 0, playing: false });
  });

  it('stops at the budget, and Play from the end starts over', () => {
    useStore.setState({ t: DEFAULT_BUDGET - 3, speed: 10 });
    useStore.getState().play();
    useStore.getState().tick();
    expect(useStore.getState()).toMatchObject({ t: DEFAULT_BUDGET, playing: false });
    useStore.getState().play();
    expect(useStore.getState().t).toBe(0);
    useStore.getState().step();
    useStore.setState({ t: DEFAULT_BUDGET });
    useStore.getState().step();
    expect(useStore.getState().t).toBe(DEFAULT_BUDGET);
  });

  it('togglePlay flips between playing and paused', () => {
    useStore.getState().togglePlay();
    expect(useStore.getState().playing).toBe(true);
    useStore.getState().togglePlay();
    expect(useStore.getState().playing).toBe(false);
  });
});

describe('store: experiment', () => {
  it('a preset, β or start change restarts the cursor', () => {
    useStore.setState({ t: 500 });
    useStore.getState().setPreset('weighted-rps');
    expect(useStore.getState()).toMatchObject({ presetId: 'weighted-rps', t: 0 });
    expect(useStore.getState().game.actions).toEqual(['rock', 'paper', 'scissors']);
    useStore.setState({ t: 500 });
    useStore.getState().setBeta(0.05);
    expect(useStore.getState()).toMatchObject({ beta: 0.05, t: 0 });
    useStore.setState({ t: 500 });
    useStore.getState().setStart([0.2, 0.3, 0.5]);
    expect(Array.from(useStore.getState().game.start)).toEqual([0.2, 0.3, 0.5]);
    expect(useStore.getState().t).toBe(0);
  });

  it('an invalid start is refused with the validator message and the game is kept', () => {
    const before = useStore.getState().game;
    useStore.getState().setStart([0.5, 0.5, 0]);
    expect(useStore.getState().game).toBe(before);
    expect(useStore.getState().notice).toMatch(/start\[2\] is 0/);
  });

  it('toggles solvers in and out of the race', () => {
    const s = useStore.getState();
    expect(s.solvers).toContain('nash-mp');
    s.toggleSolver('nash-mp');
    expect(useStore.getState().solvers).not.toContain('nash-mp');
    useStore.getState().toggleSolver('mmd');
    expect(useStore.getState().solvers).toContain('mmd');
  });
});

describe('store: solver parameters', () => {
  it('applies a valid η, refuses ηβ > 1 with the registry message, and keeps the previous value', () => {
    useStore.getState().setParam('egpo', 'eta', 0.5);
    expect(useStore.getState().params.egpo).toEqual({ eta: 0.5 });
    useStore.getState().setParam('egpo', 'eta', 20);
    expect(useStore.getState().params.egpo).toEqual({ eta: 0.5 });
    expect(useStore.getState().paramErrors.egpo?.message).toMatch(/ηβ ≤ 1/);
    expect(useStore.getState().paramErrors.egpo?.param).toBe('eta');
    useStore.getState().setParam('egpo', 'eta', undefined);
    expect(useStore.getState().params.egpo).toEqual({});
    expect(useStore.getState().paramErrors.egpo).toBeUndefined();
  });

  it('the theory schedule drops an explicit η, and typing an η switches to constant', () => {
    useStore.getState().setParam('inpo', 'eta', 0.2);
    expect(useStore.getState().params.inpo).toEqual({ eta: 0.2 });
    useStore.getState().setParam('inpo', 'schedule', 'theory');
    expect(useStore.getState().params.inpo).toEqual({ schedule: 'theory' });
    useStore.getState().setParam('inpo', 'eta', 0.3);
    expect(useStore.getState().params.inpo).toEqual({ schedule: 'constant', eta: 0.3 });
  });

  it('players out of range are refused', () => {
    useStore.getState().setParam('mnpo', 'players', 40);
    expect(useStore.getState().paramErrors.mnpo).toEqual({
      param: 'players',
      message: expect.stringMatching(/players/),
    });
    useStore.getState().setParam('mnpo', 'players', 4);
    expect(useStore.getState().params.mnpo).toEqual({ players: 4 });
  });
});

describe('store: query model', () => {
  it('exact by default; sampled keeps n and the seed; refused values say why and change nothing', () => {
    const s = useStore.getState();
    expect(s.queries).toEqual({ kind: 'exact' });
    expect(s.seeds).toBe(256);
    s.setSampling('samples', 20);
    expect(useStore.getState().queries).toEqual({ kind: 'exact' });
    s.setQueryKind('sampled');
    expect(useStore.getState().queries).toEqual({ kind: 'sampled', samples: 20, seed: 0 });
    const before = useStore.getState().queries;
    for (const bad of [0, 10_001, 2.5, NaN]) {
      useStore.getState().setSampling('samples', bad);
      expect(useStore.getState().queries).toBe(before);
      expect(useStore.getState().fieldErrors.samples).toMatch(/samples/);
    }
    useStore.getState().setSampling('seed', -1);
    expect(useStore.getState().fieldErrors.seed).toMatch(
      /seed must be an integer in \[0, 2\^32 − 1\]/,
    );
    useStore.getState().setSampling('seed', 4294967295);
    useStore.getState().setSampling('samples', 10_000);
    expect(useStore.getState().queries).toEqual({
      kind: 'sampled',
      samples: 10_000,
      seed: 4294967295,
    });
    expect(useStore.getState().fieldErrors).toEqual({});
    useStore.getState().setField('seeds', 100);
    expect(useStore.getState().seeds).toBe(256);
    expect(useStore.getState().fieldErrors.seeds).toMatch(/32, 64, 256, 512, 1024/);
    useStore.getState().setField('seeds', 1024);
    expect(useStore.getState()).toMatchObject({ seeds: 1024, fieldErrors: {} });
    useStore.getState().setQueryKind('exact');
    expect(useStore.getState().queries).toEqual({ kind: 'exact' });
    useStore.getState().setQueryKind('sampled');
    expect(useStore.getState().queries).toEqual({
      kind: 'sampled',
      samples: 10_000,
      seed: 4294967295,
    });
  });
});
