/**
 * What the charts of the grid share: the props ChartsPanel hands each of them, and what both
 * time-series charts (convergence, exploitability) read from the experiment and the look.
 */
import { useShallow } from 'zustand/react/shallow';
import type { LogLineChartProps } from '../../charts/LogLineChart';
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
  /** What both charts hand LogLineChart alike: the x label, the zoom, ghosts, the brushed range. */
  lineProps: Pick<LogLineChartProps, 'xLabel' | 'zoom' | 'ghost' | 'xRange' | 'onXRange'>;
}

/** A time-series chart's x axis, iterate, look and ε, and the LogLineChart props both share. */
export function useChartSettings(): ChartSettings {
  const { axis, iterate } = useStore(useShallow((s) => ({ axis: s.xAxis, iterate: s.iterate })));
  const look = useLook();
  const epsilon = useEpsilon();
  const [xRange, setXRange] = useXRange();
  const lineProps = {
    xLabel: axis === 'queries' ? 'preference queries' : 'iterations',
    zoom: look.zoom,
    ghost: true,
    xRange,
    onXRange: setXRange,
  };
  return { axis, iterate, look, epsilon, lineProps };
}
