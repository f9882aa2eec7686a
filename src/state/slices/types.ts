/** How the slices see the whole store: each slice may read and set any part of it. */
import type { StateCreator } from 'zustand';
import type { AppState } from '../store';

export type Slice<T> = StateCreator<AppState, [], [], T>;

/** `record` without `key` (errors and flags kept per key are dropped this way). */
export function without<T extends object>(record: T, key: PropertyKey): T {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key)) as T;
}
