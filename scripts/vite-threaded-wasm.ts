/**
 * Makes tfjs's threaded wasm build survive bundling. tfjs starts each pthread worker from
 * `factory.toString()` of the Emscripten factory; the factory reads `_scriptDir`, a variable of the
 * closure around it, behind a `typeof` guard. A minifier that sees the variable declared drops the
 * guard and renames it, so the worker's copy throws "ReferenceError: e is not defined" at load and
 * Emscripten waits forever for its thread pool: the "hang" of the threaded build. In a browser
 * `_scriptDir` is always undefined (a module or a worker has no document.currentScript), so the
 * factory's only read of it inside its own body is replaced by `false`.
 */
import type { Plugin } from 'vite';

const MODULE = /tfjs-backend-wasm[\\/]wasm-out[\\/]tfjs-backend-wasm-threaded-simd\.js$/;
const GUARDED_READ = 'typeof _scriptDir !== "undefined" && _scriptDir';

export function threadedWasm(): Plugin {
  return {
    name: 'nash-threaded-wasm',
    enforce: 'pre',
    transform(code, id) {
      if (!MODULE.test(id)) return null;
      if (!code.includes(GUARDED_READ))
        this.error(`${id}: the _scriptDir read this plugin rewrites is gone (tfjs changed?)`);
      return { code: code.replace(GUARDED_READ, 'false'), map: null };
    },
  };
}
