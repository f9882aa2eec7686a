/**
 * PyTorch's CPU random generator, bit for bit, for the games of the EGPO authors' code
 * (zhourunlong/EGPO, `simulations/grid_search.py`): `torch.manual_seed(seed)` then `torch.rand`
 * and `Tensor.normal_` on float32 tensors. Written from PyTorch's sources:
 *
 * - `aten/src/ATen/core/MT19937RNGEngine.h`: the reference MT19937 with Knuth's seeding
 *   (`init_genrand`), one 32-bit draw per `random()`.
 * - `aten/src/ATen/core/DistributionsHelper.h` (`uniform_real_distribution<float>`) and
 *   `TransformationHelper.h` (`uniform_real`): a float32 uniform is `(random() & 0xFFFFFF)·2⁻²⁴`;
 *   `torch.rand` fills the tensor in memory order (`cpu_serial_kernel`).
 * - `aten/src/ATen/native/cpu/DistributionTemplates.h` (`normal_fill_AVX2`, the path of x86
 *   builds for contiguous float32 tensors of 16 or more values): fill the whole tensor with
 *   uniforms first, then Box–Muller on blocks of 16 (pairs j, j + 8); when the size is not a
 *   multiple of 16 the last 16 values are drawn afresh and recomputed. The block transform uses
 *   the Cephes float32 polynomials of `aten/src/ATen/native/cpu/avx_mathfun.h` (`log256_ps`,
 *   `sincos256_ps`), not libm, and the compiled wheel contracts multiply–adds into fused ones;
 *   {@link fma32} reproduces both, so the logits come out identical to PyTorch's, not merely close.
 */

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);
const f32 = Math.fround;

function bitsOf(x: number): number {
  F32[0] = x;
  return U32[0]!;
}

function fromBits(bits: number): number {
  U32[0] = bits >>> 0;
  return F32[0]!;
}

/** The float32 next to q (q ≠ 0) in the direction of `up`. */
function neighbour(q: number, up: boolean): number {
  if (q === 0) return up ? fromBits(1) : -fromBits(1);
  const away = q > 0 === up;
  return fromBits(bitsOf(q) + (away ? 1 : -1));
}

/**
 * The correctly rounded float32 fused multiply–add a·b + c of float32 inputs. a·b is exact in
 * float64; the sum is exact up to its TwoSum error, which only matters when the float64 sum
 * lands exactly halfway between two float32 values (double rounding).
 */
export function fma32(a: number, b: number, c: number): number {
  const product = a * b;
  const sum = product + c;
  const virtualC = sum - product;
  const error = product - (sum - virtualC) + (c - virtualC);
  const rounded = f32(sum);
  if (error === 0 || rounded === sum) return rounded;
  const other = neighbour(rounded, sum > rounded);
  if ((rounded + other) / 2 !== sum) return rounded;
  return error > 0 === other > rounded ? other : rounded;
}

/** PyTorch's `at::mt19937`: 32-bit draws after `torch.manual_seed(seed)` (low 32 bits of seed). */
export class Mt19937 {
  private readonly state = new Uint32Array(624);
  private index = 624;

  constructor(seed: number) {
    const s = this.state;
    s[0] = seed >>> 0;
    for (let j = 1; j < 624; j++) {
      const previous = s[j - 1]! ^ (s[j - 1]! >>> 30);
      s[j] = (Math.imul(1812433253, previous) + j) >>> 0;
    }
  }

  next(): number {
    if (this.index >= 624) this.twist();
    let y = this.state[this.index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  private twist(): void {
    const s = this.state;
    for (let k = 0; k < 624; k++) {
      const y = (s[k]! & 0x80000000) | (s[(k + 1) % 624]! & 0x7fffffff);
      let v = s[(k + 397) % 624]! ^ (y >>> 1);
      if (y & 1) v ^= 0x9908b0df;
      s[k] = v >>> 0;
    }
    this.index = 0;
  }
}

/** One float32 uniform in [0, 1): `uniform_real_distribution<float>(0, 1)`. */
export function torchUniform(engine: Mt19937): number {
  return (engine.next() & 0xffffff) * 2 ** -24;
}

/** `torch.rand(n)` (float32) as numbers, in memory order. */
export function torchRand(engine: Mt19937, n: number): number[] {
  return Array.from({ length: n }, () => torchUniform(engine));
}

const LOG_POLYNOMIAL = [
  -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1,
  2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
].map(f32);

/** `log256_ps` of avx_mathfun.h, one lane, for x in (0, 1]. */
function cephesLog(input: number): number {
  let x = Math.max(input, fromBits(0x00800000));
  const exponent = (bitsOf(x) >>> 23) - 0x7f;
  x = fromBits((bitsOf(x) & ~0x7f800000) | bitsOf(0.5));
  let e = f32(exponent + 1);
  const below = x < f32(0.7071067811865476);
  const tmp = below ? x : 0;
  x = f32(x - 1);
  if (below) e = f32(e - 1);
  x = f32(x + tmp);
  const z = f32(x * x);
  let y = f32(7.0376836292e-2);
  for (const p of LOG_POLYNOMIAL) y = fma32(y, x, p);
  y = f32(y * x);
  y = fma32(y, z, f32(e * f32(-2.1219444e-4)));
  y = fma32(z, -0.5, y);
  x = f32(x + y);
  return fma32(e, 0.693359375, x);
}

/** `sincos256_ps` of avx_mathfun.h, one lane: [sin θ, cos θ]. */
function cephesSinCos(theta: number): [number, number] {
  let signSin = bitsOf(theta) & 0x80000000;
  let x = Math.abs(theta);
  let octant = Math.trunc(f32(x * f32(1.27323954473516)));
  octant = (octant + 1) & ~1;
  const y = f32(octant);
  signSin = (signSin ^ ((octant & 4) << 29)) >>> 0;
  const useSinePolynomial = (octant & 2) === 0;
  const signCos = ((~(octant - 2) & 4) << 29) >>> 0;
  x = fma32(y, f32(-0.78515625), x);
  x = fma32(y, f32(-2.4187564849853515625e-4), x);
  x = fma32(y, f32(-3.774894977445941e-8), x);
  const z = f32(x * x);
  let cosine = fma32(f32(2.443315711809948e-5), z, f32(-1.388731625493765e-3));
  cosine = fma32(cosine, z, f32(4.166664568298827e-2));
  cosine = f32(cosine * z);
  cosine = fma32(cosine, z, -f32(z * 0.5));
  cosine = f32(cosine + 1);
  let sine = fma32(f32(-1.9515295891e-4), z, f32(8.3321608736e-3));
  sine = fma32(sine, z, f32(-1.6666654611e-1));
  sine = f32(sine * z);
  sine = fma32(sine, x, x);
  const s = useSinePolynomial ? sine : cosine;
  const c = useSinePolynomial ? cosine : sine;
  return [fromBits(bitsOf(s) ^ signSin), fromBits(bitsOf(c) ^ signCos)];
}

const TWO_PI = f32(2 * Math.PI);

/** `normal_fill_16_AVX2` with mean 0 and std 1, in place on data[offset … offset + 15]. */
function boxMuller16(data: number[], offset: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = f32(1 - data[offset + j]!);
    const u2 = data[offset + j + 8]!;
    const radius = f32(Math.sqrt(f32(-2 * cephesLog(u1))));
    const [sin, cos] = cephesSinCos(f32(TWO_PI * u2));
    data[offset + j] = f32(radius * cos);
    data[offset + j + 8] = f32(radius * sin);
  }
}

/**
 * `Tensor.normal_(0, 1)` on a contiguous float32 tensor of n ≥ 16 values (PyTorch takes another
 * path below 16, which no EGPO game needs).
 */
export function torchNormal(engine: Mt19937, n: number): number[] {
  if (!Number.isInteger(n) || n < 16) {
    throw new RangeError(`torchNormal reproduces PyTorch's block path only (n ≥ 16), got ${n}`);
  }
  const data = torchRand(engine, n);
  for (let i = 0; i + 16 <= n; i += 16) boxMuller16(data, i);
  if (n % 16 !== 0) {
    for (let i = n - 16; i < n; i++) data[i] = torchUniform(engine);
    boxMuller16(data, n - 16);
  }
  return data;
}
