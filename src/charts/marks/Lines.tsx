/**
 * The solvers' lines: the part revealed up to the cursor (Lines), and the whole race drawn
 * faintly ahead of it (Ghosts), so that the chart is never empty before Play. Both take the
 * whole paths built once per race and size (`whole`): rebuilding 14 full paths in each chart on
 * every frame of playback halved the frame rate.
 */
import type { LineFrame } from './frame';
import type { Series } from './series';

/** A solver's line. */
export const LINE_WIDTH = 2.25;
/** The whole race ahead of the cursor, and the lines of solvers another one is isolated from. */
export const GHOST_OPACITY = 0.22;
export const MUTED_OPACITY = 0.12;

const isWhole = (s: Series, cursor: number): boolean => cursor >= s.values.length - 1;

export function Ghosts({
  frame,
  series,
  whole,
}: {
  frame: LineFrame;
  series: readonly Series[];
  whole: readonly string[];
}) {
  return series.map((s, i) =>
    isWhole(s, frame.cursor) ? null : (
      <path
        key={`ghost-${s.id}`}
        d={whole[i]}
        fill="none"
        stroke={s.color}
        strokeWidth={LINE_WIDTH}
        strokeOpacity={s.muted ? MUTED_OPACITY / 2 : GHOST_OPACITY}
        strokeDasharray={s.dash || undefined}
        data-ghost={s.id}
        {...(s.muted ? { 'data-muted': '' } : {})}
      />
    ),
  );
}

/** The revealed paths: the whole path once the cursor is at the end (after every β change). */
export function revealedPaths(
  frame: LineFrame,
  series: readonly Series[],
  whole: readonly string[],
): string[] {
  return series.map((s, i) =>
    isWhole(s, frame.cursor) ? whole[i]! : frame.pathOf(s, frame.cursor),
  );
}

export function Lines({ series, paths }: { series: readonly Series[]; paths: readonly string[] }) {
  return series.map((s, i) => (
    <path
      key={s.id}
      d={paths[i]}
      fill="none"
      stroke={s.color}
      strokeWidth={LINE_WIDTH}
      strokeDasharray={s.dash || undefined}
      {...(s.muted ? { strokeOpacity: MUTED_OPACITY, 'data-muted': '' } : {})}
      data-solver={s.id}
    />
  ));
}
