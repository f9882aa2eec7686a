/**
 * Threads and backend start-up: each worker's share of the cores, a worker asking for threads by
 * name, a backend start that hangs is abandoned and started afresh (the threaded wasm fallback),
 * and the bundler fix for the threaded build still finds what it rewrites in tfjs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { reregister, setBackendWithin } from '../../../src/engine/backends';
import { threadsRequested, wasmThreadsFor } from '../../../src/engine/browser';
import { threadedWasm } from '../../../scripts/vite-threaded-wasm';

describe('wasm threads', () => {
  it("each worker takes its share of the cores (workers × threads = cores, tfjs's cap of 4)", () => {
    expect([1, 2, 4, 6, 8, 16, 64].map(wasmThreadsFor)).toEqual([1, 1, 1, 1, 2, 4, 16]);
  });

  it('a worker name can ask for threads', () => {
    expect(threadsRequested('nash-engine:threads=4')).toBe(4);
    expect(threadsRequested('nash-engine')).toBeUndefined();
    expect(threadsRequested(undefined)).toBeUndefined();
  });
});

describe('backend start-up', () => {
  it('a start that hangs times out, and re-registering starts it afresh', async () => {
    const cpu = tf.findBackendFactory('cpu')!;
    let hang = true;
    tf.registerBackend('hang-test', () => (hang ? new Promise(() => {}) : cpu()));
    try {
      expect(await setBackendWithin('hang-test', 30)).toBe('timeout');
      reregister('hang-test', () => (hang = false));
      expect(await setBackendWithin('hang-test', 5000)).toBe(true);
      expect(tf.getBackend()).toBe('hang-test');
    } finally {
      await tf.setBackend('cpu');
      tf.removeBackend('hang-test');
    }
  });

  it('re-registering a backend that does not exist says so', () => {
    expect(() => reregister('no-such-backend', () => {})).toThrow(/no tfjs backend named/);
  });
});

describe('the bundler fix for the threaded wasm build', () => {
  type Transform = (code: string, id: string) => { code: string } | null;
  const plugin = threadedWasm();
  const transform = (code: string, id: string) =>
    (plugin.transform as unknown as Transform).call(
      {
        error: (m: string) => {
          throw new Error(m);
        },
      },
      code,
      id,
    );
  const path = createRequire(import.meta.url).resolve(
    '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js',
  );
  const source = readFileSync(path, 'utf8');

  it("removes the factory's one read of a closure variable, and nothing else", () => {
    const out = transform(source, path)!.code;
    expect(out).not.toContain('typeof _scriptDir !== "undefined" && _scriptDir');
    expect(out.length).toBe(
      source.length - 'typeof _scriptDir !== "undefined" && _scriptDir'.length + 5,
    );
    // The factory's own text (what tfjs hands each pthread worker) reads _scriptDir only in the
    // branch now dead and where mainScriptUrlOrBlob, which tfjs always sets, short-circuits it.
    const factory = out.slice(out.indexOf('return ('), out.lastIndexOf(');\n})();'));
    const dead = 'if(false){scriptDirectory=_scriptDir}';
    expect(factory).toContain(dead);
    expect(factory.replace(dead, '').match(/_scriptDir/g)).toEqual(['_scriptDir']);
    expect(factory).toContain('Module["mainScriptUrlOrBlob"]||_scriptDir');
  });

  it('leaves other modules alone and fails loudly if tfjs changed', () => {
    expect(transform(source, '/x/other.js')).toBeNull();
    expect(() => transform('var x = 1;', path)).toThrow(/tfjs changed/);
  });
});
