/// <reference lib="webworker" />
/** A bootstrap worker: one shard per request (see parallel.ts). */
import { handleBootstrapRequest, type BootstrapRequest } from './parallel';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<BootstrapRequest>) =>
  handleBootstrapRequest(event.data, (reply) => self.postMessage(reply));
