/**
 * Runs the WGSL twin of the sampling RNG (src/core/sampling/wgsl.ts) on the active tfjs webgpu
 * backend, the way the fused kernels do, and returns what it computed — for the test that holds
 * the WGSL and TypeScript hashes to the same bits. Entry i hashes the counter words
 * (seed, query, sample, draw) = (i·2654435761, i >> 2, 7i, i mod 3), all mod 2³², and writes the
 * uniform and the hash's high and low 16 bits (each exact in float32).
 */
import * as tf from '@tensorflow/tfjs-core';
import { SAMPLING_WGSL } from '../../core/sampling';
import { EngineError } from '../types';

const WORKGROUP = 64;

interface WebGPUBackendLike {
  runWebGPUProgram(
    program: unknown,
    inputs: tf.TensorInfo[],
    dtype: 'float32',
    uniforms: { type: 'int32'; data: number[] }[],
  ): tf.TensorInfo;
}

/** The counter words of probe entry i (the shader computes the same in u32). */
export function probeWords(i: number): [seed: number, query: number, sample: number, draw: number] {
  return [Math.imul(i, 2654435761) >>> 0, i >>> 2, Math.imul(i, 7) >>> 0, i % 3];
}

export async function probeWGSLRandom(n: number): Promise<Float32Array> {
  if (tf.getBackend() !== 'webgpu') throw new EngineError('the RNG probe needs the webgpu backend');
  const backend = tf.backend() as unknown as WebGPUBackendLike;
  const program = {
    variableNames: ['X'],
    outputShape: [n * 3],
    shaderKey: 'nashRngProbe',
    dispatchLayout: { x: [0] },
    dispatch: [Math.ceil(n / WORKGROUP), 1, 1],
    workgroupSize: [WORKGROUP, 1, 1],
    uniforms: 'n : i32,',
    size: false,
    getUserCode: () => `${SAMPLING_WGSL}
fn main(index : i32) {
  _ = X[0];
  if (index >= uniforms.n) { return; }
  let i = u32(index);
  let bits = drawBits(sampleKey(queryKey(i * 2654435761u, i >> 2u), i * 7u), i % 3u);
  result[index * 3] = toUniform(bits);
  result[index * 3 + 1] = f32(bits >> 16u);
  result[index * 3 + 2] = f32(bits & 0xffffu);
}
`,
  };
  const x = tf.zeros([1]);
  try {
    const info = backend.runWebGPUProgram(program, [x], 'float32', [{ type: 'int32', data: [n] }]);
    const out = tf.engine().makeTensorFromTensorInfo(info);
    const data = (await out.data()) as Float32Array;
    out.dispose();
    return data;
  } finally {
    x.dispose();
  }
}
