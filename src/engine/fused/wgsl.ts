/**
 * WGSL for the fused kernels: one invocation per batch member runs `nsteps` iterations of its
 * solver in one dispatch, keeping its whole state in its row of the output buffer. The helpers
 * mirror src/core/solvers/kernels.ts; the per-solver bodies (kernels.ts here, FUSED_KERNELS)
 * mirror the reference updates.
 */
import { SAMPLING_WGSL, type NoisyKind } from '../../core/sampling';
import { getSolver, type MemberSolver, type SolverId } from '../../core/solvers';
import type { FormulaKernel } from '../../formula/compile/wgsl';
import { FUSED_KERNELS } from './kernels';
import { PARAM } from './layout';

export const UNIFORMS =
  'K : i32, B : i32, W : i32, NP : i32, t0 : i32, nsteps : i32, AV : i32, HT : i32, MG : i32,';

const HELPERS = /* wgsl */ `
// Column-major (structure of arrays): neighbouring invocations touch neighbouring addresses, so
// loads coalesce on a GPU and vectorize on SwiftShader.
fn at(b : i32, slot : i32, i : i32) -> i32 { return (slot * uniforms.K + i) * uniforms.B + b; }

fn normalizeSlot(b : i32, s : i32) {
  var m = -3.4e38;
  for (var i = 0; i < uniforms.K; i++) { m = max(m, result[at(b, s, i)]); }
  var z = 0.0;
  for (var i = 0; i < uniforms.K; i++) { z += exp(result[at(b, s, i)] - m); }
  let l = m + log(z);
  for (var i = 0; i < uniforms.K; i++) { result[at(b, s, i)] = result[at(b, s, i)] - l; }
}

fn expSlot(b : i32, src : i32, dst : i32) {
  for (var i = 0; i < uniforms.K; i++) { result[at(b, dst, i)] = exp(result[at(b, src, i)]); }
}

// KL(π*‖π) = Σ π*_i·f(d_i), d = log π* − log π, f(d) = d + e^(−d) − 1 ≥ 0 (as Σ π* e^(−d) = 1).
// Each term is second order in d, so float32 keeps ~4 digits of a KL near 1e-6 instead of none.
fn klTerm(d : f32) -> f32 {
  if (abs(d) < 0.1) { return d * d * (0.5 - d * (1.0 / 6.0 - d * (1.0 / 24.0 - d / 120.0))); }
  return d + exp(-d) - 1.0;
}

// g = P·p: one preference query.
fn winSlot(b : i32, p : i32, dst : i32) {
  for (var i = 0; i < uniforms.K; i++) {
    var s = 0.0;
    for (var j = 0; j < uniforms.K; j++) { s += Pm[i * uniforms.K + j] * result[at(b, p, j)]; }
    result[at(b, dst, i)] = s;
  }
}

fn prm(b : i32, k : i32) -> f32 { return Prm[b * uniforms.NP + k]; }

// Nash-MD's mixture weight m: the member's fixed m, or η_t·β when it gives none (stored as −1).
fn mixWeight(b : i32, eta : f32, beta : f32) -> f32 {
  let given = prm(b, ${PARAM.mix});
  return select(eta * beta, given, given >= 0.0);
}

// (L): dst = (1−ηβ)·la + ηβ·log μ + η·g, normalized (dst may be la).
fn linSlot(b : i32, dst : i32, la : i32, g : i32, eta : f32, beta : f32) {
  let m = eta * beta;
  for (var i = 0; i < uniforms.K; i++) {
    result[at(b, dst, i)] = (1.0 - m) * result[at(b, la, i)] + m * lmu(b, i) + eta * result[at(b, g, i)];
  }
  normalizeSlot(b, dst);
}

// (X): dst = [la + ηβ·log μ + η·g]/(1+ηβ), normalized (dst may be la).
fn proxSlot(b : i32, dst : i32, la : i32, g : i32, eta : f32, beta : f32) {
  let m = eta * beta;
  for (var i = 0; i < uniforms.K; i++) {
    result[at(b, dst, i)] = (result[at(b, la, i)] + m * lmu(b, i) + eta * result[at(b, g, i)]) / (1.0 + m);
  }
  normalizeSlot(b, dst);
}

// Replicator vector field at slot src, around a query of slot 1 into slot 2:
// dst = P·softmax(src) − β(src − log μ). fieldPre writes softmax(src) to slot 1, fieldPost the rest.
fn fieldPre(b : i32, src : i32) {
  var m = -3.4e38;
  for (var i = 0; i < uniforms.K; i++) { m = max(m, result[at(b, src, i)]); }
  var z = 0.0;
  for (var i = 0; i < uniforms.K; i++) { let e = exp(result[at(b, src, i)] - m); result[at(b, 1, i)] = e; z += e; }
  for (var i = 0; i < uniforms.K; i++) { result[at(b, 1, i)] = result[at(b, 1, i)] / z; }
}

fn fieldPost(b : i32, src : i32, dst : i32, beta : f32) {
  for (var i = 0; i < uniforms.K; i++) {
    result[at(b, dst, i)] = result[at(b, 2, i)] - beta * (result[at(b, src, i)] - lmu(b, i));
  }
}
`;

/** The inverse CDF of a slot's probabilities (noisy query kernels only). */
const SAMPLE_ACTION = /* wgsl */ `
${SAMPLING_WGSL}
// Inverse CDF of the probabilities in slot p at u (src/core/sampling/estimator.ts, sampleAction).
fn sampleAction(b : i32, p : i32, total : f32, u : f32) -> i32 {
  let tgt = u * total;
  var c = 0.0;
  var last = 0;
  for (var a = 0; a < uniforms.K; a++) {
    let pa = result[at(b, p, a)];
    if (pa > 0.0) { last = a; }
    c += pa;
    if (tgt < c) { return a; }
  }
  return last;
}
`;

/** Sampled queries: self-play with importance weights (only in kernels of sampled groups). */
const SAMPLED_QUERY = /* wgsl */ `
${SAMPLE_ACTION}
// One preference query of the probabilities in slot p, written to slot dst: exactly P·p, or
// the sampled estimate ĝ_a = ½ + (1/n)Σ_s 1[y_s = a](o_s − ½)/p_a (estimator.ts,
// estimateWinRates: same uniforms bit for bit, same operations in float32). q is the run's
// query index: t·(queries per iteration) + j.
fn querySlot(b : i32, p : i32, dst : i32, q : u32) {
  let n = i32(prm(b, ${PARAM.samples}));
  if (n == 0) { winSlot(b, p, dst); return; }
  let seed = u32(prm(b, ${PARAM.seedLo})) | (u32(prm(b, ${PARAM.seedHi})) << 16u);
  var total = 0.0;
  for (var a = 0; a < uniforms.K; a++) { total += result[at(b, p, a)]; result[at(b, dst, a)] = 0.0; }
  let qkey = queryKey(seed, q);
  for (var s = 0; s < n; s++) {
    let skey = sampleKey(qkey, u32(s));
    let y = sampleAction(b, p, total, toUniform(drawBits(skey, 0u)));
    let y2 = sampleAction(b, p, total, toUniform(drawBits(skey, 1u)));
    let o = select(-0.5, 0.5, toUniform(drawBits(skey, 2u)) < Pm[y * uniforms.K + y2]);
    result[at(b, dst, y)] = result[at(b, dst, y)] + o;
  }
  for (var a = 0; a < uniforms.K; a++) {
    let pa = result[at(b, p, a)];
    result[at(b, dst, a)] = select(0.5, 0.5 + result[at(b, dst, a)] / (f32(n) * pa), pa > 0.0);
  }
}

`;

/**
 * The EGPO authors' noise (estimator.ts, estimatePairs): y, y′ uniform, y″ ~ p, the entries
 * P[y][y″] and P[y′][y″] (or, binary, Bernoulli verdicts of them); same uniforms bit for bit.
 */
function pairsQuery(binary: boolean): string {
  const verdicts = binary
    ? `a = select(0.0, 1.0, toUniform(drawBits(skey, 3u)) < a);
    c = select(0.0, 1.0, toUniform(drawBits(skey, 4u)) < c);`
    : '';
  return /* wgsl */ `
${SAMPLE_ACTION}
// ⌊u·K⌋ for the 24-bit uniform u of bits, in 12-bit halves (estimator.ts, uniformAction).
fn uniformAction(bits : u32) -> i32 {
  let k = u32(uniforms.K);
  let hi = bits >> 20u;
  let lo = (bits >> 8u) & 0xfffu;
  return i32((hi * k + ((lo * k) >> 12u)) >> 12u);
}

fn querySlot(b : i32, p : i32, dst : i32, q : u32) {
  let n = i32(prm(b, ${PARAM.samples}));
  if (n == 0) { winSlot(b, p, dst); return; }
  let seed = u32(prm(b, ${PARAM.seedLo})) | (u32(prm(b, ${PARAM.seedHi})) << 16u);
  var total = 0.0;
  for (var a = 0; a < uniforms.K; a++) { total += result[at(b, p, a)]; result[at(b, dst, a)] = 0.0; }
  var sum = 0.0;
  let qkey = queryKey(seed, q);
  for (var s = 0; s < n; s++) {
    let skey = sampleKey(qkey, u32(s));
    let y = uniformAction(drawBits(skey, 0u));
    let y2 = uniformAction(drawBits(skey, 1u));
    let o = sampleAction(b, p, total, toUniform(drawBits(skey, 2u)));
    var a = Pm[y * uniforms.K + o];
    var c = Pm[y2 * uniforms.K + o];
    ${verdicts}
    result[at(b, dst, y)] = result[at(b, dst, y)] + (a - c);
    result[at(b, dst, y2)] = result[at(b, dst, y2)] - (a - c);
    sum += a + c;
  }
  let mean = sum / (2.0 * f32(n));
  let scale = f32(uniforms.K) / (2.0 * f32(n));
  for (var a = 0; a < uniforms.K; a++) {
    result[at(b, dst, a)] = result[at(b, dst, a)] * scale + mean;
  }
}
`;
}

/** The querySlot of a kernel variant. */
function queryFunction(variant: ShaderVariant): string {
  if (!variant.sampled) return EXACT_QUERY;
  if (variant.noise === 'pairs' || variant.noise === 'pairs-binary')
    return pairsQuery(variant.noise === 'pairs-binary');
  return SAMPLED_QUERY;
}

/** log μ of member b: the game's reference, or (refreshed groups) the member's own copy. */
const FIXED_REFERENCE = /* wgsl */ `
fn lmu(b : i32, i : i32) -> f32 { return Lmu[i]; }
`;
const REFRESHED_REFERENCE = /* wgsl */ `
fn lmu(b : i32, i : i32) -> f32 { return result[at(b, uniforms.MG, i)]; }
`;

/** The π-weighted policy-gradient step (kernels.ts, policyGradient) on slot 0, π_t in slot 1. */
const POLICY_GRADIENT = /* wgsl */ `
fn pgStep(b : i32, g : i32, eta : f32, beta : f32) {
  var v = 0.0;
  for (var i = 0; i < uniforms.K; i++) {
    v += result[at(b, 1, i)] * (result[at(b, g, i)] - beta * (result[at(b, 0, i)] - lmu(b, i)));
  }
  for (var i = 0; i < uniforms.K; i++) {
    let w = result[at(b, g, i)] - beta * (result[at(b, 0, i)] - lmu(b, i));
    result[at(b, 0, i)] = result[at(b, 0, i)] + eta * result[at(b, 1, i)] * (w - v);
  }
  normalizeSlot(b, 0);
}
`;

/** Exact queries: P·p (the query index is unused). */
const EXACT_QUERY = /* wgsl */ `
fn querySlot(b : i32, p : i32, dst : i32, q : u32) { winSlot(b, p, dst); }
`;

/** Approximate Nash-MP's inner policy gradient (only in kernels of groups with m ≥ 1). */
const INNER_STEPS = /* wgsl */ `
// Approximate (X) (kernels.ts, proximalByGradient): m steps of softmax policy gradient on the
// logits θ (slot 4) from θ = la, r = ηg − ηβ(log π − log μ) − (log π − la), θ += α·π⊙(r − ⟨π,r⟩);
// then dst = normalized θ (dst may be la).
fn pgSlot(b : i32, dst : i32, la : i32, g : i32, eta : f32, beta : f32, m : i32, alpha : f32) {
  let mb = eta * beta;
  for (var i = 0; i < uniforms.K; i++) { result[at(b, 4, i)] = result[at(b, la, i)]; }
  for (var k = 0; k < m; k++) {
    var mx = -3.4e38;
    for (var i = 0; i < uniforms.K; i++) { mx = max(mx, result[at(b, 4, i)]); }
    var z = 0.0;
    for (var i = 0; i < uniforms.K; i++) { z += exp(result[at(b, 4, i)] - mx); }
    let l = mx + log(z);
    var v = 0.0;
    for (var i = 0; i < uniforms.K; i++) {
      let li = result[at(b, 4, i)] - l;
      let r = eta * result[at(b, g, i)] - mb * (li - lmu(b, i)) - (li - result[at(b, la, i)]);
      v += exp(li) * r;
    }
    for (var i = 0; i < uniforms.K; i++) {
      let li = result[at(b, 4, i)] - l;
      let r = eta * result[at(b, g, i)] - mb * (li - lmu(b, i)) - (li - result[at(b, la, i)]);
      result[at(b, 4, i)] = result[at(b, 4, i)] + alpha * exp(li) * (r - v);
    }
  }
  for (var i = 0; i < uniforms.K; i++) { result[at(b, dst, i)] = result[at(b, 4, i)]; }
  normalizeSlot(b, dst);
}

`;

/**
 * What a kernel is specialized for: a group shares its query kind, (Nash-MP) m ≥ 1 or not, and
 * whether its reference is refreshed (then log μ is per member, in slot MG).
 */
export interface ShaderVariant {
  /** Noisy queries (any model but exact). */
  sampled: boolean;
  /** Which noisy model (absent: 'sampled', self-play with importance weights). */
  noise?: NoisyKind;
  inner: boolean;
  refresh?: boolean;
}

/**
 * One solver step cut at its preference queries: code[0], query 0, code[1], query 1, …, code[n].
 * Every query of a step reads the probabilities in slot `src` and writes slot `dst` (a WGSL
 * expression: MNPO's slot moves with t; host code evaluates it with `dstSlot`); `prelude` holds
 * the lets every piece needs. The one-kernel path joins the pieces with querySlot calls; the
 * tiled path (large K, tiled.ts) runs each piece as a kernel of its own and each query as a
 * tiled P·X over the whole group.
 */
export interface StepSegments {
  prelude: string;
  code: string[];
  src: number;
  dst: string;
}

/** One step of a registry solver, cut at its queries (its entry in FUSED_KERNELS). */
export function stepSegments(
  solver: SolverId,
  players: number,
  variant: ShaderVariant,
): StepSegments {
  return FUSED_KERNELS[solver].segments(players, variant);
}

/** Host-side twin of a StepSegments `dst` expression: the slot a query at step t writes. */
export function dstSlot(solver: SolverId, players: number, t: number): number {
  return FUSED_KERNELS[solver].dstSlot(players, t);
}

function stepBody(solver: SolverId, players: number, variant: ShaderVariant): string {
  const { prelude, code, src, dst } = stepSegments(solver, players, variant);
  const pieces = [prelude];
  code.forEach((c, j) => {
    pieces.push(c);
    if (j < code.length - 1)
      pieces.push(`querySlot(b, ${src}, ${dst}, q0${j > 0 ? ` + ${j}u` : ''});`);
  });
  return pieces.filter((p) => p !== '').join('\n        ');
}

/** Per-member lets fixed for the whole run (β, the schedule, the averaging, the refresh period). */
export const MEMBER_LETS = `let beta = prm(b, ${PARAM.beta});
  let theory = prm(b, ${PARAM.theory}) > 0.5;
  let linearAverage = prm(b, ${PARAM.linear}) > 0.5;
  let refresh = i32(prm(b, ${PARAM.refresh}));`;

/**
 * hit.stop: a member that reached ε keeps its state (HT+1 holds −ε where that is exact: KL
 * never increases for it, engine.ts/stopsSafely).
 */
export const STOPPED =
  'uniforms.HT >= 0 && result[uniforms.HT * uniforms.B + b] >= 0.0 && result[(uniforms.HT + 1) * uniforms.B + b] < 0.0';

/** Reference refresh before the steps t = R, 2R, …: log μ ← log π_t (slot 0 is normalized). */
export const REFRESH_STEP = `if (uniforms.MG >= 0 && refresh > 0 && t > 0 && t % refresh == 0) {
      for (var i = 0; i < uniforms.K; i++) { result[at(b, uniforms.MG, i)] = result[at(b, 0, i)]; }
    }`;

/** The lets of step t: the run's query index of its first query (the same on every engine), η. */
export function stepLets(queriesPerStep: number): string {
  return `let q0 = u32(t) * ${queriesPerStep}u;
    let eta = select(prm(b, ${PARAM.eta}), 2.0 / (beta * f32(t + 2)), theory);`;
}

/**
 * The end of step t: the running average after π_{t+1} (weight 1/(t+2), or 2/(t+3) for the
 * linear average) and, with hitting times, the KL check. Columns HT (the start of the current
 * stretch with KL ≤ ε, −1 while above: at the end, the t from which KL stays within ε; −2: no
 * unique target equilibrium, never), HT+1 (±ε), HT+2… (log π* of the member's target).
 */
export function endOfStep(solver: MemberSolver): string {
  const probabilitySlot = solver === 'custom' ? null : FUSED_KERNELS[solver].probabilitySlot;
  return `let f = select(1.0 / f32(t + 2), 2.0 / f32(t + 3), linearAverage);
    for (var i = 0; i < uniforms.K; i++) {
      let p = ${probabilitySlot !== null ? `result[at(b, ${probabilitySlot}, i)]` : 'exp(result[at(b, 0, i)])'};
      let a = at(b, uniforms.AV, i);
      result[a] = result[a] + f * (p - result[a]);
    }
    if (uniforms.HT >= 0 && result[uniforms.HT * uniforms.B + b] > -1.5) {
      let hc = uniforms.HT * uniforms.B + b;
      var z = 0.0;
      for (var i = 0; i < uniforms.K; i++) { z += exp(result[at(b, 0, i)]); }
      let c = log(z);
      var kl = 0.0;
      for (var i = 0; i < uniforms.K; i++) {
        let l = result[(uniforms.HT + 2 + i) * uniforms.B + b];
        // Σ π*·f(d) = KL − (π's mass off the support of π*): where π*_i = 0 (stored as
        // LOG_ZERO) add π_i back instead (0·f(−∞) would be NaN).
        if (l > -1.0e30) { kl += exp(l) * klTerm(l - result[at(b, 0, i)] + c); }
        else { kl += exp(result[at(b, 0, i)] - c); }
      }
      // Above ε ends the stretch: a dip below ε that is followed by a rise is no hit.
      if (kl <= abs(result[(uniforms.HT + 1) * uniforms.B + b])) {
        if (result[hc] < 0.0) { result[hc] = f32(t + 1); }
      } else { result[hc] = -1.0; }
    }`;
}

/**
 * The WGSL functions a registry solver's step calls apart from its queries: the shared helpers,
 * log μ (fixed or refreshed), Nash-MP's inner steps and the policy-gradient step where used.
 */
export function stepHelpers(solver: MemberSolver, variant: ShaderVariant): string {
  const policyGradient = solver !== 'custom' && FUSED_KERNELS[solver].policyGradient;
  return `${HELPERS}
${variant.refresh ? REFRESHED_REFERENCE : FIXED_REFERENCE}
${variant.inner ? INNER_STEPS : ''}
${policyGradient ? POLICY_GRADIENT : ''}`;
}

/**
 * The user code for tfjs's WebGPU program: inputs Pm, Lmu, Prm, St; output `result`. A custom
 * solver (solver 'custom') brings its compiled step body and helpers (src/formula/compile/wgsl.ts).
 */
export function fusedShader(
  solver: MemberSolver,
  players: number,
  variant: ShaderVariant = { sampled: false, inner: false },
  custom?: FormulaKernel,
): string {
  const queriesPerStep = custom
    ? custom.queriesPerStep
    : getSolver(solver as SolverId).queriesPerStep;
  const body = custom ? custom.body : stepBody(solver as SolverId, players, variant);
  return `${stepHelpers(solver, variant)}
${queryFunction(variant)}
${custom ? custom.helpers : ''}
fn main(index : i32) {
  // Every input must be statically used: tfjs binds them all, and an 'auto' layout drops unused ones.
  _ = Pm[0]; _ = Lmu[0]; _ = Prm[0];
  let b = index;
  if (b >= uniforms.B) { return; }
  for (var c = 0; c < uniforms.W; c++) { result[c * uniforms.B + b] = St[c * uniforms.B + b]; }
  ${MEMBER_LETS}
  for (var s = 0; s < uniforms.nsteps; s++) {
    let t = uniforms.t0 + s;
    if (${STOPPED}) { continue; }
    ${REFRESH_STEP}
    ${stepLets(queriesPerStep)}
    {
      ${body}
    }
    ${endOfStep(solver)}
  }
}
`;
}
