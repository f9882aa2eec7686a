import type { RaceProgress } from '../state/slices/race';

/** "12 %, about 30 s left" (the time left once there is a rate to estimate it from). */
export function progressText(progress: RaceProgress): string {
  const left =
    progress.secondsLeft !== null ? `, about ${Math.ceil(progress.secondsLeft)} s left` : '';
  return `${Math.round(progress.fraction * 100)} %${left}`;
}
