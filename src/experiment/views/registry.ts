/**
 * Every GPU-scale view, registered as one object (as Excalidraw registers an action): adding a
 * view is its file here, one line in this list, its id in VIEW_IDS (links) and its panel.
 */
import { basinsView } from './basins';
import { bootstrapView } from './bootstrap';
import { flowView } from './flowField';
import { sweepView } from './sweep';
import { fairView } from './tune';
import type { ViewDefinition } from './types';

export const VIEWS = [
  flowView,
  basinsView,
  sweepView,
  bootstrapView,
  fairView,
] as const satisfies readonly ViewDefinition[];
