/**
 * WebGPU in Node for the kernel tests: Dawn (npm `webgpu`) on the SwiftShader Vulkan driver that
 * ships with Debian's chromium (see shared/BROWSER.md). navigator.gpu must exist before the tfjs
 * WebGPU backend is imported, or it does not register.
 */
import { create, globals } from 'webgpu';

process.env.VK_ICD_FILENAMES ??= '/usr/lib/chromium/vk_swiftshader_icd.json';
Object.assign(globalThis, globals);
Object.defineProperty(globalThis, 'navigator', {
  value: { gpu: create([]) },
  configurable: true,
  writable: true,
});
