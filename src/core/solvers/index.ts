export * from './types';
export { SOLVERS, getSolver, isSolverId } from './registry';
export {
  ParamError,
  resolveParams,
  stepSize,
  checkBeta,
  checkParamsShape,
  parameterIds,
} from './params';
export { BETA_MAX, ETA_MAX } from './common';
export * from './runnable';
export { refreshes, targetBeta, theoryApplies, updateBeta } from './target';
