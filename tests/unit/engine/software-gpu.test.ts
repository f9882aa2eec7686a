/** Which renderers count as software GPU emulation (auto leaves webgl and fused out on them). */
import { describe, expect, it } from 'vitest';
import { isSoftwareRenderer, softwareGpus } from '../../../src/engine/softwareGpu';

describe('software renderers', () => {
  it('names SwiftShader, llvmpipe and Microsoft Basic Render as software, real GPUs not', () => {
    for (const name of [
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      'llvmpipe (LLVM 15.0.6, 256 bits)',
      'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0)',
    ])
      expect(isSoftwareRenderer(name)).toBe(true);
    for (const name of [
      'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 (0x00002503) Direct3D11 vs_5_0 ps_5_0, D3D11)',
      'Apple M2',
      'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)',
    ])
      expect(isSoftwareRenderer(name)).toBe(false);
  });

  it('without WebGL or WebGPU (Node), nothing is judged software', async () => {
    expect(await softwareGpus()).toEqual({ webgl: false, webgpu: false });
  });
});
