/**
 * What the charts of the grid share: the props ChartsPanel hands each of them, and what both
 * time-series charts (convergence, exploitability) read from the experiment and the look.
 */
import { useShallow } from 'zustand/react/shallow';
import type { Race } from '../../experiment/race';
import type { ITERATES, X_AXES } from '../../state/fields';
import { useStore } from '../../state/store';
import { useEpsilon } from './epsilon';
import { useLook, type Look } from './look';
import { useXRange } from './zoom';

/** One chart of the grid: the race, the cursor's sample index, whether it offers exports. */
export interface ChartPanelProps {
  race: Race;
  cursor: number;
  exportable: boolean;
}

export interface ChartSettings {
  axis: (typeof X_AXES)[number];
  iterate: (typeof ITERATES)[number];
  look: Look;
  epsilon: number;
  xRange: [number, number] | null;
  setXRange: (range: [number, number] | null) => void;
}

/** The x axis, the iterate, the look, ε and the zoomed x range of a time-series chart. */
export function useChartSettings(): ChartSettings {
  const { axis, iterate } = useStore(useShallow((s) => ({ axis: s.xAxis, iterate: s.iterate })));
  const look = useLook();
  const epsilon = useEpsilon();
  const [xRange, setXRange] = useXRange();
  return { axis, iterate, look, epsilon, xRange, setXRange };
}

/** The x axis' label in both time-series charts. */
export function xAxisLabel(axis: ChartSettings['axis']): string {
  return axis === 'queries' ? 'preference queries' : 'iterations';
}
