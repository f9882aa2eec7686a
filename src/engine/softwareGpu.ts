/**
 * Whether this thread's WebGL and WebGPU run on a software rasterizer (SwiftShader, llvmpipe, …):
 * GPU emulation on the same CPU cores as the CPU engines. On such an adapter the benchmark never
 * saw tfjs on webgl or the fused kernels beat tfjs on wasm or the float64 engine at any size
 * (docs/engines.md, Benchmark), and calibrating them costs seconds of shader compilation per workload
 * shape, so the browser's `auto` leaves them out there. The engines stay available by name.
 */
import { adapterInfo } from './adapter';

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** The WebGL renderer's name as the driver reports it, or null where there is no WebGL. */
function webglRenderer(): string | null {
  try {
    if (typeof OffscreenCanvas === 'undefined') return null;
    const canvas = new OffscreenCanvas(1, 1);
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as
      WebGLRenderingContext | WebGL2RenderingContext | null;
    if (!gl) return null;
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return name;
  } catch {
    return null;
  }
}

export function isSoftwareRenderer(name: string): boolean {
  return SOFTWARE_RENDERER.test(name);
}

export async function softwareGpus(): Promise<{ webgl: boolean; webgpu: boolean }> {
  const renderer = webglRenderer();
  let webgpu = false;
  try {
    webgpu = (await adapterInfo())?.fallback ?? false;
  } catch {
    // no adapter to judge: leave fused to the calibration
  }
  return { webgl: renderer !== null && isSoftwareRenderer(renderer), webgpu };
}
