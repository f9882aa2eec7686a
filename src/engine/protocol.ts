/**
 * Messages between the page and the engine worker. The page sends `run` and `cancel`; the worker
 * answers with `progress` (streaming), then exactly one `result` or `error` per run id.
 * Everything is structured-cloneable (typed arrays travel as they are).
 */
import type { Game } from '../core/game';
import type { BackendName } from './backends';
import type { BatchMember, BatchResult, EngineName } from './types';

export interface RunRequest {
  type: 'run';
  id: number;
  engine: EngineName;
  /** tfjs engine only: the backends to try, in order (default: webgpu, webgl, wasm, cpu). */
  backends?: BackendName[];
  game: Game;
  /** Each member carries its own query model (`queries`: exact, or sampled with its seed). */
  members: BatchMember[];
  steps: number;
  every: number;
  metrics?: boolean;
  hit?: { epsilon: number };
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

export interface ResultMessage {
  type: 'result';
  id: number;
  result: BatchResult;
  /** Only for auto: policy-steps per second of each candidate in the calibration. */
  calibration?: { engine: string; backend: string; rate: number }[];
}

export interface ErrorMessage {
  type: 'error';
  id: number;
  /** 'AbortError' for a cancelled run. */
  name: string;
  message: string;
}

export type WorkerMessage = ProgressMessage | ResultMessage | ErrorMessage;
