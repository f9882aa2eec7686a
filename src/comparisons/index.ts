/** Games from pairwise comparisons: import, estimator, bootstrap (see docs/games.md). */
export * from './bootstrap';
export * from '../core/counts';
export * from './import';
export * from './parallel';
export {
  checkComparisonsSize,
  checkLooksLikeText,
  ComparisonsError,
  comparisonsFormat,
  MAX_COMPARISONS_BYTES,
  readComparisons,
  type ComparisonTable,
  type ComparisonsForm,
  type ComparisonsFormat,
} from './parse';
export { simulateCounts, simulatedComparisonsGame } from './simulate';
