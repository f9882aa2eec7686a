export * from './types';
export { SOLVERS, getSolver, isSolverId } from './registry';
export { ParamError, resolveParams, stepSize, checkBeta, parameterIds } from './params';
export { BETA_MAX, ETA_MAX } from './common';
export { refreshes, targetBeta, theoryApplies, updateBeta } from './target';
