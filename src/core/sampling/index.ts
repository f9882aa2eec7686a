export * from './rng';
export * from './estimator';
export { SAMPLING_WGSL } from './wgsl';
