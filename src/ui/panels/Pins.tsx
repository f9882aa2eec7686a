/**
 * Pins (src/experiment/pins.ts): the "Pin" button and the pinned races' chips beside the chart
 * controls, the grey lines the line charts draw for them, and the CSV export with them.
 */
import { useMemo } from 'react';
import type { PinnedGroup } from '../../charts/LogLineChart';
import type { TraceMetric } from '../../experiment/averages';
import { raceCsv } from '../../experiment/exports';
import { csvWithPins, MAX_PINS, pinLabel, pinnedLines } from '../../experiment/pins';
import type { Race } from '../../experiment/race';
import { useStore } from '../../state/store';
import { download } from '../download';

/** The pinned races' lines of one metric, labelled against the race shown. */
export function usePinnedLines(
  race: Race,
  metric: TraceMetric,
  iterate: 'last' | 'average',
  axis: 'iterations' | 'queries',
): PinnedGroup[] {
  const pins = useStore((s) => s.pins);
  return useMemo(
    () => pinnedLines(pins, race.settings, metric, iterate, axis),
    [pins, race, metric, iterate, axis],
  );
}

/** "Pin" and one chip per pinned race (its label and a remove button). */
export function PinControls() {
  const pins = useStore((s) => s.pins);
  const race = useStore((s) => s.race);
  const { pinRace, unpin } = useStore.getState();
  const full = pins.length >= MAX_PINS;
  const pinnedAlready = race !== null && pins.some((p) => p.race === race);
  return (
    <span className="pins" role="group" aria-label="Pinned races">
      <button
        type="button"
        onClick={pinRace}
        disabled={!race || full || pinnedAlready}
        title={
          full
            ? `At most ${MAX_PINS} pins: remove one first`
            : 'Keep this race as thin grey lines while you change parameters (up to 3; this session only, not in links)'
        }
      >
        Pin
      </button>
      {pins.map((p) => {
        const label = pinLabel(p.race.settings, race?.settings ?? null);
        return (
          <span key={p.id} className="pin-chip">
            {label}
            <button type="button" aria-label={`Remove pin ${label}`} onClick={() => unpin(p.id)}>
              ×
            </button>
          </span>
        );
      })}
    </span>
  );
}

/** The race's CSV with the pinned races' rows (a first column names the race); only with pins. */
export function PinsCsvButton() {
  const pins = useStore((s) => s.pins);
  const race = useStore((s) => s.race);
  if (!race || pins.length === 0) return null;
  const exportCsv = (): void =>
    download(
      'nash-playground-race-with-pins.csv',
      csvWithPins(
        raceCsv(race),
        pins.map((p) => ({
          label: pinLabel(p.race.settings, race.settings),
          csv: raceCsv(p.race),
        })),
      ),
      'text/csv',
    );
  return (
    <button type="button" onClick={exportCsv}>
      Export CSV with pins
    </button>
  );
}
