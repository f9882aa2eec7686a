import { createContext, type ReactNode } from 'react';

/**
 * What a chart's container puts at the end of the chart's caption row (its export buttons, its
 * own controls), so that title and tools share one line that wraps on a narrow card instead of
 * overlapping. Nothing by default.
 */
export const CaptionExtra = createContext<ReactNode>(null);
