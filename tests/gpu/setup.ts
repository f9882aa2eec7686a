/**
 * WebGPU in Node for the kernel tests: Dawn (npm `webgpu`) on the SwiftShader Vulkan driver that
 * ships with Debian's chromium (docs/browser.md). navigator.gpu must exist before the tfjs
 * WebGPU backend is imported, or it does not register.
 */
import * as tf from '@tensorflow/tfjs-core';
import { installNodeWebGPU } from '../../src/engine/node';

const reason = await installNodeWebGPU();
if (reason) throw new Error(`WebGPU tests need an adapter: ${reason}`);
tf.env().set('PROD', true);
