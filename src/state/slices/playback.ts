/** The playback cursor: which iteration of the computed race the charts show. */
import type { Slice } from './types';

export const SPEEDS = [1, 2, 5, 10, 20, 50] as const;

export interface PlaybackSlice {
  /** The iteration shown. */
  t: number;
  playing: boolean;
  play(): void;
  pause(): void;
  togglePlay(): void;
  step(): void;
  reset(): void;
  /** One animation frame of playback: `speed` iterations further. */
  tick(): void;
  /** Puts the cursor at iteration t (a click on a chart, a lesson slide). */
  seek(t: number): void;
}

export const createPlaybackSlice: Slice<PlaybackSlice> = (set, get) => ({
  t: 0,
  playing: false,
  play: () => set(({ t, budget }) => ({ playing: true, t: t >= budget ? 0 : t })),
  pause: () => set({ playing: false }),
  togglePlay: () => (get().playing ? get().pause() : get().play()),
  step: () => set(({ t, budget }) => ({ playing: false, t: Math.min(budget, t + 1) })),
  reset: () => set({ playing: false, t: 0 }),
  tick: () =>
    set(({ t, speed, budget, playing }) => {
      if (!playing) return {};
      const next = Math.min(budget, t + speed);
      return { t: next, playing: next < budget };
    }),
  seek: (t) => set(({ budget }) => ({ t: Math.max(0, Math.min(budget, Math.round(t))) })),
});
