/**
 * WebGPU in Node: Dawn through the npm package `webgpu`. On machines without a GPU the Vulkan
 * driver is SwiftShader, which Debian's chromium package ships (docs/browser.md).
 * Must run before the tfjs WebGPU backend is imported: it only registers if navigator.gpu exists.
 */
import { existsSync } from 'node:fs';
import type * as WebGPU from 'webgpu';

type WebGPUModule = typeof WebGPU;

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

let installed: Promise<string | null> | null = null;

/** Installs navigator.gpu; resolves to null when an adapter is available, else the reason. */
export function installNodeWebGPU(): Promise<string | null> {
  installed ??= (async () => {
    if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD))
      process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
    let mod: WebGPUModule;
    try {
      mod = await import('webgpu');
    } catch (e) {
      return `the npm package webgpu could not load (${(e as Error).message})`;
    }
    const gpu = mod.create([]);
    Object.assign(globalThis, mod.globals);
    Object.defineProperty(globalThis, 'navigator', {
      value: { gpu },
      configurable: true,
      writable: true,
    });
    const adapter = await gpu.requestAdapter();
    return adapter
      ? null
      : 'no WebGPU adapter (is a Vulkan driver installed? Debian: chromium ships SwiftShader)';
  })();
  return installed;
}
