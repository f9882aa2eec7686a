/**
 * Messages between the page and the engine worker. The page sends `run` and `cancel`; the worker
 * answers with `progress` (streaming), then exactly one `result` or `error` per run id.
 * Everything is structured-cloneable (typed arrays travel as they are).
 */
import type { BackendName } from './backends';
import type { BatchResult, BatchSpec, EngineName } from './types';

/** The batch travels whole: whatever BatchSpec gains reaches the engine without restating it. */
export interface RunRequest {
  type: 'run';
  id: number;
  engine: EngineName;
  /** tfjs engine only: the backends to try, in order (default: webgpu, webgl, wasm, cpu). */
  backends?: BackendName[];
  spec: BatchSpec;
}

export interface CancelRequest {
  type: 'cancel';
  id: number;
}

export type WorkerRequest = RunRequest | CancelRequest;

export interface ProgressMessage {
  type: 'progress';
  id: number;
  done: number;
  total: number;
}

export interface CandidateRate {
  engine: string;
  backend: string;
  rate: number;
  fixedMs: number;
}

export interface ResultMessage {
  type: 'result';
  id: number;
  result: BatchResult;
  /**
   * Only for auto: per candidate of the calibration, policy-steps per second of its steps (0 where
   * it failed) and what a run costs once (ms).
   */
  calibration?: CandidateRate[];
}

export interface ErrorMessage {
  type: 'error';
  id: number;
  /** 'AbortError' for a cancelled run. */
  name: string;
  message: string;
}

export type WorkerMessage = ProgressMessage | ResultMessage | ErrorMessage;
