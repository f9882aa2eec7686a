/**
 * The bootstrap on workers: shards run by stand-in workers (the worker entry's own handler, run on
 * a later task as a real worker would), combined into exactly the single-threaded result; progress,
 * cancellation that terminates every worker, and errors.
 */
import { describe, expect, it } from 'vitest';
import { bootstrapComparisonsSync } from '../../../src/comparisons/bootstrap';
import { checkImportSize } from '../../../src/comparisons/import';
import {
  bootstrapInWorkers,
  handleBootstrapRequest,
  type BootstrapReply,
  type BootstrapRequest,
  type BootstrapWorker,
} from '../../../src/comparisons/parallel';
import { ComparisonsError } from '../../../src/comparisons/parse';
import { simulatedComparisonsGame } from '../../../src/comparisons/simulate';
import { GameFileError } from '../../../src/core/gameFile';

/** A worker stand-in: handles each request on a later macrotask, like a real worker. */
class FakeWorker implements BootstrapWorker {
  onmessage: ((event: { data: BootstrapReply }) => void) | null = null;
  onerror: ((event: { message?: string }) => void) | null = null;
  terminated = false;
  requests: BootstrapRequest[] = [];
  constructor(private readonly fail = false) {}
  postMessage(request: BootstrapRequest): void {
    this.requests.push(request);
    // Structured clone, as postMessage does: no shared objects with the caller.
    const copy = structuredClone(request);
    setTimeout(() => {
      if (this.terminated) return;
      if (this.fail) return this.onerror?.({ message: 'out of memory' });
      handleBootstrapRequest(copy, (reply) => {
        if (!this.terminated) this.onmessage?.({ data: structuredClone(reply) });
      });
    }, 0);
  }
  terminate(): void {
    this.terminated = true;
  }
}

const game = simulatedComparisonsGame(6, 80, 3);

describe('bootstrapInWorkers', () => {
  it('equals the single-threaded run, shard by shard', async () => {
    const workers: FakeWorker[] = [];
    const progress: number[] = [];
    const options = { beta: 0.1, resamples: 50, seed: 9 };
    const r = await bootstrapInWorkers(game, options, {
      workers: 3,
      createWorker: () => {
        const w = new FakeWorker();
        workers.push(w);
        return w;
      },
      onProgress: (done, total) => {
        expect(total).toBe(50);
        progress.push(done);
      },
    });
    expect(workers.map((w) => w.requests.map(({ from, count }) => [from, count]))).toEqual([
      [[0, 17]],
      [[17, 17]],
      [[34, 16]],
    ]);
    expect(workers.every((w) => w.terminated)).toBe(true);
    expect(progress.at(-1)).toBe(50);
    const single = bootstrapComparisonsSync(game, options);
    expect(Array.from(r.nashBeta)).toEqual(Array.from(single.nashBeta));
    expect(Array.from(r.nash0)).toEqual(Array.from(single.nash0));
    expect(Array.from(r.intervals.nashBeta.lower)).toEqual(
      Array.from(single.intervals.nashBeta.lower),
    );
    expect(r.cycleCount).toBe(single.cycleCount);
  });

  it('terminates every worker when cancelled, rejecting with the reason', async () => {
    const workers: FakeWorker[] = [];
    const controller = new AbortController();
    const run = bootstrapInWorkers(
      game,
      { beta: 0.1, resamples: 40 },
      {
        workers: 4,
        signal: controller.signal,
        createWorker: () => {
          const w = new FakeWorker();
          workers.push(w);
          return w;
        },
      },
    );
    controller.abort(new Error('stopped'));
    await expect(run).rejects.toThrow('stopped');
    expect(workers).toHaveLength(4);
    expect(workers.every((w) => w.terminated)).toBe(true);
  });

  it('reports a worker error and a shard error', async () => {
    await expect(
      bootstrapInWorkers(
        game,
        { beta: 0.1, resamples: 10 },
        { workers: 2, createWorker: () => new FakeWorker(true) },
      ),
    ).rejects.toThrow('a bootstrap worker failed: out of memory');
    const noVotes = { ...game, counts: undefined };
    await expect(
      bootstrapInWorkers(
        noVotes,
        { beta: 0.1, resamples: 10 },
        {
          workers: 2,
          createWorker: () => new FakeWorker(),
        },
      ),
    ).rejects.toThrow(/no vote counts/);
  });

  it('uses one worker per resample at most', async () => {
    let created = 0;
    await bootstrapInWorkers(
      game,
      { beta: 0, resamples: 2 },
      {
        workers: 8,
        createWorker: () => {
          created++;
          return new FakeWorker();
        },
      },
    );
    expect(created).toBe(2);
  });
});

describe('checkImportSize', () => {
  it('allows game files up to 64 MB and comparisons files up to 20 MB, before reading', () => {
    expect(() => checkImportSize(40 * 2 ** 20, 'game.json')).not.toThrow();
    expect(() => checkImportSize(65 * 2 ** 20, 'game.json')).toThrow(GameFileError);
    expect(() => checkImportSize(50 * 2 ** 20, 'votes.csv')).toThrow(ComparisonsError);
    expect(() => checkImportSize(50 * 2 ** 20, 'votes.jsonl')).toThrow(/is 50\.0 MB/);
    expect(() => checkImportSize(2 ** 20, 'votes.csv')).not.toThrow();
  });
});
