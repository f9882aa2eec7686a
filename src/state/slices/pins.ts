/**
 * Pinned races (src/experiment/pins.ts): kept for the session as grey lines beside the race shown.
 * Not experiment fields, so never in links or the autosave.
 */
import { MAX_PINS, type Pin } from '../../experiment/pins';
import type { Slice } from './types';

export interface PinsSlice {
  pins: Pin[];
  /** Pins the race shown (no-op without one, or with MAX_PINS pins already). */
  pinRace(): void;
  unpin(id: number): void;
}

let nextPinId = 1;

export const createPinsSlice: Slice<PinsSlice> = (set) => ({
  pins: [],
  pinRace: () =>
    set(({ race, pins }) =>
      !race || pins.length >= MAX_PINS || pins.some((p) => p.race === race)
        ? {}
        : { pins: [...pins, { id: nextPinId++, race }] },
    ),
  unpin: (id) => set(({ pins }) => ({ pins: pins.filter((p) => p.id !== id) })),
});
