/**
 * tfjs work in one thread runs one at a time (its backend is global): a second run waits for the
 * first, a failure passes the turn on, and a run cancelled while it waits leaves at once without
 * letting anyone jump the queue.
 */
import { describe, expect, it } from 'vitest';
import { exclusiveTfjs } from '../../../src/engine/tfjsLock';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('exclusiveTfjs', () => {
  it('runs tfjs work one at a time, in order, even when one fails', async () => {
    const log: string[] = [];
    const job = (name: string, fail = false) =>
      exclusiveTfjs(async () => {
        log.push(`${name} start`);
        await tick();
        await tick();
        log.push(`${name} end`);
        if (fail) throw new Error(`${name} failed`);
        return name;
      });
    const results = await Promise.allSettled([job('a'), job('b', true), job('c')]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : String(r.reason)))).toEqual([
      'a',
      'Error: b failed',
      'c',
    ]);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('a run cancelled while it waits rejects at once; the one after it still waits its turn', async () => {
    const log: string[] = [];
    let finishFirst!: () => void;
    const first = exclusiveTfjs(async () => {
      log.push('first start');
      await new Promise<void>((r) => (finishFirst = r));
      log.push('first end');
    });
    const controller = new AbortController();
    const cancelled = exclusiveTfjs(async () => {
      log.push('cancelled ran');
    }, controller.signal);
    const third = exclusiveTfjs(async () => {
      log.push('third start');
    });
    await tick();
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    await tick();
    expect(log).toEqual(['first start']);
    finishFirst();
    await Promise.all([first, third]);
    expect(log).toEqual(['first start', 'first end', 'third start']);
  });

  it('an aborted signal refuses before waiting', async () => {
    const controller = new AbortController();
    controller.abort();
    let ran = false;
    await expect(
      exclusiveTfjs(async () => {
        ran = true;
      }, controller.signal),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(ran).toBe(false);
  });
});
