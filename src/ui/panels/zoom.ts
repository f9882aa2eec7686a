/**
 * The x range both time-series charts show: brushed on either, reset by a double-click, kept
 * in the experiment (the `xRange` field) so that it travels in links. A zoom never restarts the race.
 */
import { useStore } from '../../state/store';

export function useXRange(): [[number, number] | null, (range: [number, number] | null) => void] {
  const xRange = useStore((s) => s.xRange);
  const setField = useStore((s) => s.setField);
  return [xRange, (range) => setField('xRange', range)];
}
