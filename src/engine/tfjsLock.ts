/** One user of tfjs at a time per thread (its backend is global). No tfjs import: auto shares it. */

/** The end of the queue of work that holds tfjs (see exclusiveTfjs). */
let tfjsQueue: Promise<void> = Promise.resolve();

/**
 * Runs `work` when no other tfjs work of this thread is running. tfjs has one global backend per
 * thread, and engine runs yield to the event loop every few milliseconds, so two runs in one
 * worker (a view's batch and auto's calibration of another shape) would switch the backend under
 * each other: a run that started on wasm continued on webgl, and in Chromium one such pair never
 * finished. The float64 engine holds no tfjs state and runs beside them. A run cancelled while it
 * waits gives up its turn at once.
 */
export async function exclusiveTfjs<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const before = tfjsQueue;
  let release!: () => void;
  tfjsQueue = new Promise<void>((resolve) => (release = resolve));
  try {
    if (signal) {
      signal.throwIfAborted();
      let onAbort!: () => void;
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => reject(signal.reason as Error);
        signal.addEventListener('abort', onAbort, { once: true });
      });
      try {
        await Promise.race([before, aborted]);
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    } else await before;
    return await work();
  } finally {
    // The next in the queue starts only once everything before this one has finished.
    void before.then(release);
  }
}
