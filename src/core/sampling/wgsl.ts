/**
 * The WGSL twin of rng.ts: the same lowbias32 chain in u32 arithmetic (WGSL's u32 `*` wraps
 * modulo 2³², like Math.imul), so a shader computes bit-identical uniforms. Uniforms are
 * (bits >> 8)·2⁻²⁴: an integer below 2²⁴ converts to f32 exactly and the power of two scales
 * it exactly. No bindings: the fused engine pastes this string into its kernels.
 */
export const SAMPLING_WGSL = /* wgsl */ `
fn lowbias32(v : u32) -> u32 {
  var x = v;
  x = x ^ (x >> 16u);
  x = x * 0x7feb352du;
  x = x ^ (x >> 15u);
  x = x * 0x846ca68bu;
  x = x ^ (x >> 16u);
  return x;
}

fn queryKey(seed : u32, query : u32) -> u32 { return lowbias32(lowbias32(seed ^ 0x9e3779b9u) ^ query); }

fn sampleKey(qkey : u32, sample : u32) -> u32 { return lowbias32(qkey ^ sample); }

fn drawBits(skey : u32, j : u32) -> u32 { return lowbias32(skey ^ j); }

fn toUniform(bits : u32) -> f32 { return f32(bits >> 8u) * (1.0 / 16777216.0); }
`;
