/**
 * The fixed part of the standalone Python script of "Reproduce" (reproduce.ts): numpy ports of
 * the float64 reference — query models (src/core/sampling), the solvers' updates
 * (src/core/solvers), π*_β by Newton with continuation and π*₀ by the same dense simplex
 * (src/core/equilibrium.ts, lp.ts, uniqueness.ts), the metrics (src/core/metrics.ts) and hitting
 * times (src/core/hitting.ts). Every reduction runs left to right as the app's loops do
 * (`seqsum`, `matvec`), so the numbers agree with the app's to rounding of exp and log
 * (tests/unit/experiment/reproduce-python.test.ts checks 1e-12 for every solver).
 *
 * Kept as text (not a .py file) so that the CLI, the app and the tests share it without a loader.
 */
import { SOLVER_IDS, type SolverId } from '../core/solvers';

/**
 * One numpy port per registry solver (`satisfies Record<SolverId, PythonKernel>`: a solver without
 * one is a type error), spliced into the Solver class below as the branches of its `__init__` and
 * `step`. Each is the float64 reference's update (src/core/solvers) with the same operations in
 * the same order, so the script's numbers agree with the app's to rounding.
 */
export interface PythonKernel {
  /** Lines of `__init__` (12-space indent) that set up the solver's own state, if any. */
  init?: string;
  /**
   * Lines of `step(t)` (12-space indent): from x = log π_t, pi, eta = η_t, beta, lmu = log μ and
   * the query q, set self.x, self.pi to π_{t+1}.
   */
  step: string;
}

export const PYTHON_KERNELS = {
  'nash-mp': {
    step: String.raw`
            inner = self.p.get("inner") or 0
            if inner > 0:
                alpha = float(self.p["innerStep"])
                half, half_pi = proximal_by_gradient(x, lmu, q(pi), eta, beta, inner, alpha)
                self.x, self.pi = proximal_by_gradient(x, lmu, q(half_pi), eta, beta, inner, alpha)
            else:
                half, half_pi = proximal(x, lmu, q(pi), eta, beta)
                self.x, self.pi = proximal(x, lmu, q(half_pi), eta, beta)
`,
  },
  egpo: {
    step: String.raw`
            half, half_pi = linearized(x, lmu, q(pi), eta, beta)
            self.x, self.pi = linearized(x, lmu, q(half_pi), eta, beta)
`,
  },
  inpo: {
    step: String.raw`
            self.x, self.pi = linearized(x, lmu, q(pi), eta, beta)
`,
  },
  mnpo: {
    init: String.raw`
            self.opponents = self.p["players"] - 1
            self.logs = [np.zeros(K) for _ in range(self.opponents)]
            self.wins = [np.zeros(K) for _ in range(self.opponents)]
            self.stored = 0
            self.newest = -1
`,
    step: String.raw`
            n = self.opponents
            self.newest = (self.newest + 1) % n
            self.logs[self.newest] = np.array(x)
            self.wins[self.newest] = q(pi)
            self.stored = min(self.stored + 1, n)
            lam = self.p["weights"]
            total = 0.0
            for j in range(self.stored):
                total += lam[j]
            m = eta * beta
            y = np.zeros(len(x))
            for j in range(self.stored):
                slot = (self.newest - j + n) % n
                w = lam[j] / total
                y = y + w * ((1 - m) * self.logs[slot] + eta * self.wins[slot])
            self.x, self.pi = normalize_log(y + m * lmu)
`,
  },
  'nash-md': {
    step: String.raw`
            self.x, self.pi = linearized(x, lmu, mixture_wins(x, lmu, q, eta, beta, self.p.get("mix")), eta, beta)
`,
  },
  sppo: {
    step: String.raw`
            # beta = 0 in the linearized template is exactly MWU: the race's beta is ignored.
            self.x, self.pi = linearized(x, self.game["logmu"], q(pi), eta, 0.0)
`,
  },
  onpo: {
    init: String.raw`
            self.aux = np.array(log_start)
`,
    step: String.raw`
            g = q(pi)
            self.aux, _ = linearized(self.aux, lmu, g, eta, beta)
            self.x, self.pi = linearized(self.aux, lmu, g, eta, beta)
`,
  },
  mmd: {
    step: String.raw`
            self.x, self.pi = proximal(x, lmu, q(pi), eta, beta)
`,
  },
  'fictitious-play': {
    step: String.raw`
            g = q(pi)
            if beta > 0:
                br, _ = normalize_log(self.game["logmu"] + g / beta)
            else:
                br = np.full(len(x), -math.inf)
                br[int(np.argmax(g))] = 0.0
            keep = jslog((t + 1) / (t + 2))
            add = -jslog(t + 2)
            y = np.array([log_add_exp(keep + x[i], add + br[i]) for i in range(len(x))])
            self.x, self.pi = normalize_log(y)
`,
  },
  replicator: {
    step: String.raw`
            h = eta

            def f(yy):
                e = jsexp(yy - jsmax(yy))
                g = q(e / seqsum(e))
                return g - beta * (yy - lmu)

            k0 = f(x)
            k1 = f(x + (h / 2) * k0)
            k2 = f(x + (h / 2) * k1)
            k3 = f(x + h * k2)
            self.x, self.pi = normalize_log(x + (h / 6) * (k0 + 2 * k1 + 2 * k2 + k3))
`,
  },
  'rm-plus': {
    init: String.raw`
            self.start = jsexp(log_start)
            self.pi = np.array(self.start)
            self.Q = np.zeros(K)
`,
    step: String.raw`
            g = q(pi)
            v = seqsum(pi * g)
            qq = self.Q + g - v
            self.Q = np.where(qq > 0, qq, 0.0)
            total = seqsum(self.Q)
            self.pi = self.Q / total if total > 0 else np.array(self.start)
            self.x = jslog(self.pi)
`,
  },
  mpo: {
    step: String.raw`
            self.x, self.pi = proximal(x, lmu, q(pi), eta, float(self.p["magnet"]))
`,
  },
  'online-ipo': {
    step: String.raw`
            self.x, self.pi = policy_gradient(x, pi, lmu, q(pi), eta, beta)
`,
  },
  'nash-md-pg': {
    step: String.raw`
            self.x, self.pi = policy_gradient(x, pi, lmu, mixture_wins(x, lmu, q, eta, beta, self.p.get("mix")), eta, beta)
`,
  },
} satisfies Record<SolverId, PythonKernel>;

const KERNELS: Readonly<Record<SolverId, PythonKernel>> = PYTHON_KERNELS;

/** `if kind == "custom": …` then one `elif` per solver that has the part. */
function branches(part: keyof PythonKernel, custom: string): string {
  const lines = [`        if kind == "custom":\n${custom}`];
  for (const id of SOLVER_IDS) {
    const code = KERNELS[id][part];
    if (code !== undefined) lines.push(`        elif kind == "${id}":${code}`.trimEnd());
  }
  return lines.join('\n');
}

const CUSTOM_INIT = String.raw`            self.init, self.update = CUSTOM[spec["key"]]
            self.logmu = game["logmu"]
            self.mu = jsexp(self.logmu)
            self.x, self.pi = normalize_log(np.array(log_start))
            self.A, failure = self.init(self.x, self.pi, self.logmu, self.mu, F(self.eta_at(0)), F(self.beta), K)
            if failure:
                self.failure = {"t": 0, "step": failure[0], "value": failure[1]}`;

const CUSTOM_STEP = String.raw`            if self.failure:
                return
            K = self.game["K"]
            nxt, failure = self.update(x, pi, self.A, self.logmu, self.mu, t, F(eta), F(beta), K, q)
            if failure:
                self.failure = {"t": t, "step": failure[0], "value": failure[1]}
                return
            nx, npi = normalize_log(nxt)
            bad = nonfinite(nx)
            if bad:
                self.failure = {"t": t, "step": "next", "value": bad}
                return
            self.x, self.pi = nx, npi`;

export const PYTHON_RUNTIME = String.raw`import json
import math
import struct

import numpy as np

np.seterr(all="ignore")  # IEEE semantics as in JavaScript: 1/0 = inf, log 0 = -inf, no warnings
F = np.float64


# ---------- exp and log as JavaScript computes them ----------
# Math.exp and Math.log in V8 are fdlibm's e_exp.c and e_log.c; numpy's and libm's differ from them
# in the last bit for about one argument in ten, which a sampled race can amplify. These are
# fdlibm's algorithms on numpy arrays: the same bits as the app.

_P1, _P2, _P3, _P4, _P5 = 1.66666666666666019037e-01, -2.77777777770155933842e-03, 6.61375632143793436117e-05, -1.65339022054652515390e-06, 4.13813679705723846039e-08
_LN2HI, _LN2LO, _INVLN2 = 6.93147180369123816490e-01, 1.90821492927058770002e-10, 1.44269504088896338700e+00

def _jsexp_array(x):
    """exp as JavaScript's Math.exp computes it (fdlibm's e_exp.c, which V8 ports): bit for bit."""
    x = np.asarray(x, dtype=np.float64)
    scalar = x.ndim == 0
    x = np.atleast_1d(x).copy()
    hx = (x.view(np.uint64) >> np.uint64(32)).astype(np.int64)
    xsb = (hx >> 31) & 1
    hx = hx & 0x7FFFFFFF
    k = np.zeros(x.shape, dtype=np.int64)
    hi = np.zeros_like(x)
    lo = np.zeros_like(x)
    mid = (hx > 0x3FD62E42) & (hx < 0x3FF0A2B2)
    far = hx >= 0x3FF0A2B2
    sign = np.where(xsb == 1, -1.0, 1.0)
    hi = np.where(mid, x - sign * _LN2HI, hi)
    lo = np.where(mid, sign * _LN2LO, lo)
    k = np.where(mid, 1 - 2 * xsb, k)
    kf = np.trunc(_INVLN2 * x + np.where(xsb == 1, -0.5, 0.5))
    kf = np.where(far & np.isfinite(kf) & (np.abs(kf) < 2000), kf, 0.0)
    hi = np.where(far, x - kf * _LN2HI, hi)
    lo = np.where(far, kf * _LN2LO, lo)
    k = np.where(far, kf.astype(np.int64), k)
    r = np.where(mid | far, hi - lo, x)
    t = r * r
    c = r - t * (_P1 + t * (_P2 + t * (_P3 + t * (_P4 + t * _P5))))
    y0 = 1.0 - ((r * c) / (c - 2.0) - r)
    y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi)
    big = k >= -1021
    kk = np.where(big, k, k + 1000)
    kk = np.clip(kk, -1022, 1023)
    twopk = np.ldexp(1.0, kk)
    out = np.where(big, y * twopk, y * twopk * 9.33263618503218878990e-302)
    out = np.where(k == 1024, y * 2.0 * 8.98846567431158e307, out)
    out = np.where(k == 0, y0, out)
    out = np.where(hx < 0x3E300000, 1.0 + x, out)
    out = np.where(x > 7.09782712893383973096e02, np.inf, out)
    out = np.where(x < -7.45133219101941108420e02, 0.0, out)
    out = np.where(x == 1.0, math.e, out)  # V8 returns Math.E exactly for exp(1)
    out = np.where(np.isnan(x), x, out)
    return out[0] if scalar else out

_LG = (6.666666666666735130e-01, 3.999999999940941908e-01, 2.857142874366239149e-01, 2.222219843214978396e-01, 1.818357216161805012e-01, 1.531383769920937332e-01, 1.479819860511658591e-01)


def _log_poly(f):
    """e_log.c's s = f/(2+f) and R = Lg1·z + … + Lg7·z⁷ (z = s², odd and even terms apart), element
    by element: the same operations for one float as for an array."""
    Lg1, Lg2, Lg3, Lg4, Lg5, Lg6, Lg7 = _LG
    s = f / (2.0 + f)
    z = s * s
    w = z * z
    t1 = w * (Lg2 + w * (Lg4 + w * Lg6))
    t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)))
    return s, t2 + t1

def _jslog_array(x):
    """log as JavaScript's Math.log computes it (fdlibm's e_log.c): bit for bit."""
    x = np.asarray(x, dtype=np.float64)
    scalar = x.ndim == 0
    x0 = np.atleast_1d(x)
    sub = (x0 > 0) & (x0 < 2.2250738585072014e-308)
    xs = np.where(sub, x0 * 1.80143985094819840000e16, x0)
    bits = xs.view(np.uint64)
    hx = (bits >> np.uint64(32)).astype(np.int64)
    lx = bits & np.uint64(0xFFFFFFFF)
    k = np.where(sub, -54, 0) + (hx >> 20) - 1023
    hx = hx & 0x000FFFFF
    i = (hx + 0x95F64) & 0x100000
    nb = (((hx | (i ^ 0x3FF00000)).astype(np.uint64)) << np.uint64(32)) | lx
    xn = nb.view(np.float64)
    k = k + (i >> 20)
    f = xn - 1.0
    dk = k.astype(np.float64)
    # |f| < 2^-20
    R0 = f * f * (0.5 - 0.33333333333333333 * f)
    small = np.where(k == 0, f - R0, dk * _LN2HI - ((R0 - dk * _LN2LO) - f))
    small = np.where(f == 0, np.where(k == 0, 0.0, dk * _LN2HI + dk * _LN2LO), small)
    s, R = _log_poly(f)
    ii = (hx - 0x6147A) | (0x6B851 - hx)
    hfsq = 0.5 * f * f
    a = np.where(k == 0, f - (hfsq - s * (hfsq + R)), dk * _LN2HI - ((hfsq - (s * (hfsq + R) + dk * _LN2LO)) - f))
    b = np.where(k == 0, f - s * (f - R), dk * _LN2HI - ((s * (f - R) - dk * _LN2LO) - f))
    out = np.where(ii > 0, a, b)
    out = np.where((0x000FFFFF & (2 + hx)) < 3, small, out)
    out = np.where(x0 == 0, -np.inf, out)
    out = np.where(x0 < 0, np.nan, out)
    out = np.where(np.isnan(x0) | (x0 == np.inf), x0, out)
    return out[0] if scalar else out


def _bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def _exp1(x):
    """fdlibm's exp for one float (Python's float arithmetic is IEEE double, op for op)."""
    if x != x:
        return x
    if x == 1.0:
        return math.e  # V8 returns Math.E exactly
    hx = _bits(x) >> 32
    xsb = hx >> 31
    hx &= 0x7FFFFFFF
    if hx >= 0x40862E42:
        if hx >= 0x7FF00000:
            return x if xsb == 0 else 0.0
        if x > 7.09782712893383973096e02:
            return math.inf
        if x < -7.45133219101941108420e02:
            return 0.0
    k, hi, lo = 0, 0.0, 0.0
    if hx > 0x3FD62E42:
        if hx < 0x3FF0A2B2:
            if xsb == 0:
                hi, lo, k = x - _LN2HI, _LN2LO, 1
            else:
                hi, lo, k = x + _LN2HI, -_LN2LO, -1
        else:
            k = int(_INVLN2 * x + (-0.5 if xsb else 0.5))
            t = float(k)
            hi = x - t * _LN2HI
            lo = t * _LN2LO
        x = hi - lo
    elif hx < 0x3E300000:
        return 1.0 + x
    t = x * x
    c = x - t * (_P1 + t * (_P2 + t * (_P3 + t * (_P4 + t * _P5))))
    if k == 0:
        return 1.0 - ((x * c) / (c - 2.0) - x)
    y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi)
    if k >= -1021:
        if k == 1024:
            return y * 2.0 * 8.98846567431158e307
        return y * math.ldexp(1.0, k)
    return y * math.ldexp(1.0, k + 1000) * 9.33263618503218878990e-302


def _log1(x):
    """fdlibm's log for one float."""
    if x != x or x == math.inf:
        return x
    if x == 0:
        return -math.inf
    if x < 0:
        return math.nan
    k = 0
    if x < 2.2250738585072014e-308:
        k = -54
        x *= 1.80143985094819840000e16
    b = _bits(x)
    hx, lx = b >> 32, b & 0xFFFFFFFF
    k += (hx >> 20) - 1023
    hx &= 0x000FFFFF
    i = (hx + 0x95F64) & 0x100000
    x = struct.unpack("<d", struct.pack("<Q", ((hx | (i ^ 0x3FF00000)) << 32) | lx))[0]
    k += i >> 20
    f = x - 1.0
    dk = float(k)
    if (0x000FFFFF & (2 + hx)) < 3:
        if f == 0:
            return 0.0 if k == 0 else dk * _LN2HI + dk * _LN2LO
        R = f * f * (0.5 - 0.33333333333333333 * f)
        return f - R if k == 0 else dk * _LN2HI - ((R - dk * _LN2LO) - f)
    s, R = _log_poly(f)
    if ((hx - 0x6147A) | (0x6B851 - hx)) > 0:
        hfsq = 0.5 * f * f
        if k == 0:
            return f - (hfsq - s * (hfsq + R))
        return dk * _LN2HI - ((hfsq - (s * (hfsq + R) + dk * _LN2LO)) - f)
    if k == 0:
        return f - s * (f - R)
    return dk * _LN2HI - ((s * (f - R) - dk * _LN2LO) - f)


def _js_elementwise(x, one, many):
    """one(x) as a float for a number; for an array, many(x), small ones (64 or fewer) by element."""
    if np.ndim(x) == 0:
        return np.float64(one(float(x)))
    x = np.asarray(x, dtype=np.float64)
    if x.size > 64:
        return many(x)
    return np.array([one(v) for v in x.ravel().tolist()]).reshape(x.shape)


def jsexp(x):
    """Math.exp, bit for bit: a float for a number, an array for an array."""
    return _js_elementwise(x, _exp1, _jsexp_array)


def jslog(x):
    """Math.log, bit for bit."""
    return _js_elementwise(x, _log1, _jslog_array)


# ---------- numerics (src/core/numeric.ts): reductions left to right, as the app's loops ----------

def seqsum(v):
    v = np.asarray(v, dtype=np.float64)
    return float(np.cumsum(v)[-1]) if v.size else 0.0


def matvec(M, v):
    """(M v)_i = sum_j M_ij v_j, summed left to right."""
    return np.cumsum(M * np.asarray(v, dtype=np.float64)[None, :], axis=1)[:, -1]


def jsmax(v):
    """max as the app's loop takes it: NaN entries are skipped, -inf for none."""
    v = np.asarray(v, dtype=np.float64)
    if v.size == 0:
        return -math.inf
    m = float(np.max(v))
    if m == m:
        return m
    v = v[~np.isnan(v)]
    return float(np.max(v)) if v.size else -math.inf


def normalize_log(x):
    """(x - logsumexp(x), exp of it): the probabilities from the same exponentials."""
    m = jsmax(x)
    if m == -math.inf:
        return np.array(x, dtype=np.float64), jsexp(x)
    e = jsexp(x - m)
    s = seqsum(e)
    return x - (m + jslog(F(s))), e / s


def softmax(x):
    return normalize_log(x)[1]


def lse(x):
    m = jsmax(x)
    if m == -math.inf:
        return -math.inf
    return m + float(jslog(F(seqsum(jsexp(x - m)))))


def powi(x, n):
    if n == 0:
        return F(1.0) if np.ndim(x) == 0 else np.ones_like(x)
    r = x
    for _ in range(1, n):
        r = r * x
    return r


def nonfinite(v):
    v = np.asarray(v, dtype=np.float64)
    if np.isnan(v).any():
        return "NaN"
    if not np.isfinite(v).all():
        return "infinite"
    return None


def kl_from_logs(lp, lq):
    p = jsexp(lp)
    terms = np.where(p == 0, 0.0, p * (lp - lq))
    s = seqsum(terms)
    return 0.0 if s < 0 else s


# ---------- preference queries (src/core/sampling) ----------

MASK = 0xFFFFFFFF


def lowbias32(x):
    x = (x ^ (x >> 16)) & MASK
    x = (x * 0x7FEB352D) & MASK
    x = (x ^ (x >> 15)) & MASK
    x = (x * 0x846CA68B) & MASK
    x = (x ^ (x >> 16)) & MASK
    return x


def lowbias32_array(x):
    x = x.astype(np.uint64)
    x = (x ^ (x >> np.uint64(16))) & np.uint64(MASK)
    x = (x * np.uint64(0x7FEB352D)) & np.uint64(MASK)
    x = (x ^ (x >> np.uint64(15))) & np.uint64(MASK)
    x = (x * np.uint64(0x846CA68B)) & np.uint64(MASK)
    x = (x ^ (x >> np.uint64(16))) & np.uint64(MASK)
    return x


def uniforms(skeys, j):
    bits = lowbias32_array(skeys ^ np.uint64(j))
    return (bits >> np.uint64(8)).astype(np.float64) * (1.0 / 16777216.0)


def sample_actions(pi, total, u):
    """Inverse CDF: the first a with u * total < pi_0 + ... + pi_a, else the last a with pi_a > 0."""
    c = np.cumsum(pi)
    a = np.searchsorted(c, u * total, side="right")
    positive = np.nonzero(pi > 0)[0]
    last = int(positive[-1]) if positive.size else 0
    return np.where(a >= len(pi), last, a)


def estimate_win_rates(P, pi, samples, seed, query):
    K = len(pi)
    total = seqsum(pi)
    qkey = lowbias32((lowbias32((seed ^ 0x9E3779B9) & MASK) ^ query) & MASK)
    skeys = lowbias32_array(np.uint64(qkey) ^ np.arange(samples, dtype=np.uint64))
    y = sample_actions(pi, total, uniforms(skeys, 0))
    y2 = sample_actions(pi, total, uniforms(skeys, 1))
    o = np.where(uniforms(skeys, 2) < P[y, y2], 0.5, -0.5)
    out = np.zeros(K)
    np.add.at(out, y, o)  # sums of +-1/2: exact in any order
    return np.where(pi > 0, 0.5 + out / (samples * pi), 0.5)


def uniform_actions(skeys, j, K):
    """floor(u * K) for the 24-bit uniform u of draw j, in integers as the app computes it."""
    bits = lowbias32_array(skeys ^ np.uint64(j))
    hi = bits >> np.uint64(20)
    lo = (bits >> np.uint64(8)) & np.uint64(0xFFF)
    K64 = np.uint64(K)
    return ((hi * K64 + ((lo * K64) >> np.uint64(12))) >> np.uint64(12)).astype(np.int64)


def estimate_pairs(P, pi, samples, seed, query, binary):
    """The EGPO authors' noise: y, y' uniform, an opponent y'' ~ pi; exact entries or verdicts."""
    K = len(pi)
    total = seqsum(pi)
    qkey = lowbias32((lowbias32((seed ^ 0x9E3779B9) & MASK) ^ query) & MASK)
    skeys = lowbias32_array(np.uint64(qkey) ^ np.arange(samples, dtype=np.uint64))
    y = uniform_actions(skeys, 0, K)
    y2 = uniform_actions(skeys, 1, K)
    opponent = sample_actions(pi, total, uniforms(skeys, 2))
    a = P[y, opponent]
    b = P[y2, opponent]
    if binary:
        a = np.where(uniforms(skeys, 3) < a, 1.0, 0.0)
        b = np.where(uniforms(skeys, 4) < b, 1.0, 0.0)
    c = a - b
    # out[y_s] += c_s, then out[y'_s] -= c_s, sample after sample: ufunc.at applies the
    # interleaved updates one by one in this order, so every sum rounds as the app's loop does.
    out = np.zeros(K)
    np.add.at(out, np.stack([y, y2], axis=1).ravel(), np.stack([c, -c], axis=1).ravel())
    mean = seqsum(a + b) / (2 * samples)
    scale = K / (2 * samples)
    return out * scale + mean


class Query:
    """A run's query function with its counter (query i of the run is number i of the stream)."""

    def __init__(self, P, model):
        self.P = P
        self.model = model
        self.count = 0

    def __call__(self, pi):
        n = self.count
        self.count += 1
        if self.model["kind"] == "exact":
            return matvec(self.P, pi)
        kind, samples, seed = self.model["kind"], self.model["samples"], self.model["seed"]
        if kind == "sampled":
            return estimate_win_rates(self.P, pi, samples, seed, n)
        if kind in ("pairs", "pairs-binary"):
            return estimate_pairs(self.P, pi, samples, seed, n, kind == "pairs-binary")
        raise SystemExit("unknown query model " + kind)


# ---------- update templates (src/core/solvers/kernels.ts) ----------

def linearized(la, lmu, g, eta, beta):
    m = eta * beta
    return normalize_log((1 - m) * la + m * lmu + eta * g)


def proximal(la, lmu, g, eta, beta):
    m = eta * beta
    return normalize_log((la + m * lmu + eta * g) / (1 + m))


def proximal_by_gradient(la, lmu, g, eta, beta, inner, alpha):
    m = eta * beta
    theta = np.array(la)
    for _ in range(inner):
        l = lse(theta)
        li = theta - l
        p = jsexp(li)
        r = eta * g - m * (li - lmu) - (li - la)
        v = seqsum(p * r)
        theta = theta + alpha * p * (r - v)
    return normalize_log(theta)


def mixture_wins(x, lmu, q, eta, beta, mix):
    """Win rates against Nash-MD's mixture pi^mu ~ pi^(1-m) mu^m: m = the run's mix, else eta_t * beta (steps.ts)."""
    m = eta * beta if mix is None else float(mix)
    _, mixture_pi = normalize_log((1 - m) * x + m * lmu)
    return q(mixture_pi)


def policy_gradient(la, pi, lmu, g, eta, beta):
    w = g - beta * (la - lmu)
    v = seqsum(pi * w)
    return normalize_log(la + eta * pi * (w - v))


def log_add_exp(a, b):
    if a == -math.inf:
        return b
    if b == -math.inf:
        return a
    m = max(a, b)
    return m + jslog(jsexp(a - m) + jsexp(b - m))


# ---------- solvers (src/core/solvers) ----------

class Solver:
    """One running solver: x = log pi_t, pi its probabilities; step(t) makes pi_{t+1}."""

    def __init__(self, spec, game, magnet, query, log_start):
        self.spec = spec
        self.game = game
        self.magnet = magnet  # log mu of the update, refreshed in place by the run
        self.query = query
        self.p = spec["params"]
        self.beta = float(self.p["beta"])
        self.x, self.pi = np.array(log_start), jsexp(log_start)
        self.failure = None
        kind = spec["solver"]
        K = game["K"]
${branches('init', CUSTOM_INIT)}

    def eta_at(self, t):
        if self.p.get("schedule") == "theory":
            return 2 / (self.beta * (t + 2))
        return float(self.p["eta"] or 0.0)

    def step(self, t):
        kind = self.spec["solver"]
        eta = self.eta_at(t)
        beta = self.beta
        lmu = self.magnet
        q = self.query
        x, pi = self.x, self.pi
${branches('step', CUSTOM_STEP)}
        else:
            raise SystemExit("unknown solver " + kind)


# ---------- equilibria (src/core/equilibrium.ts, lp.ts, uniqueness.ts) ----------

def simplex_max_leq(c, A, b):
    """max c.x s.t. A x <= b, x >= 0 (b >= 0): Dantzig's rule, Bland's after degenerate runs."""
    EPS = 1e-12
    m, n = A.shape
    width = n + m + 1
    T = np.zeros((m + 1, width))
    T[:m, :n] = A
    T[:m, n:n + m] = np.eye(m)
    T[:m, -1] = b
    T[m, :n] = -np.asarray(c)
    basis = list(range(n, n + m))
    degenerate = 0
    pivots = 0
    while True:
        bland = degenerate > 50
        enter, best = -1, -EPS
        for j in range(n + m):
            if T[m, j] < best:
                enter = j
                if bland:
                    break
                best = T[m, j]
        if enter < 0:
            break
        if pivots >= 50 * (m + n) + 1000:
            raise SystemExit("the equilibrium LP hit its iteration limit")
        leave, ratio = -1, math.inf
        for i in range(m):
            a = T[i, enter]
            if a > EPS:
                r = T[i, -1] / a
                if r < ratio - EPS or (r <= ratio + EPS and leave >= 0 and basis[i] < basis[leave]):
                    ratio, leave = r, i
        if leave < 0:
            raise SystemExit("the equilibrium LP is unbounded")
        degenerate = degenerate + 1 if ratio <= EPS else 0
        T[leave] = T[leave] / T[leave, enter]
        for i in range(m + 1):
            if i != leave and T[i, enter] != 0:
                T[i] = T[i] - T[i, enter] * T[leave]
        basis[leave] = enter
        pivots += 1
    x = np.zeros(n)
    for i in range(m):
        if basis[i] < n:
            x[basis[i]] = max(0.0, T[i, -1])
    return x


def rank(M, tol=1e-9):
    M = np.array(M, dtype=np.float64)
    rows, cols = M.shape
    r = 0
    for c in range(cols):
        if r >= rows:
            break
        pivot = r + int(np.argmax(np.abs(M[r:, c])))
        if abs(M[pivot, c]) <= tol:
            continue
        M[[r, pivot]] = M[[pivot, r]]
        for i in range(r + 1, rows):
            f = M[i, c] / M[r, c]
            if f != 0:
                M[i, c:] = M[i, c:] - f * M[r, c:]
        r += 1
    return r


def is_unique_equilibrium(P, x):
    g = matvec(P, x)
    S = [i for i in range(len(x)) if x[i] > 1e-9]
    T = [i for i in range(len(x)) if g[i] >= 0.5 - 1e-9]
    if S != T:
        return False
    M = np.vstack([P[np.ix_(S, S)] - 0.5, np.ones((1, len(S)))])
    return rank(M) == len(S)


def unregularized_equilibrium(P):
    K = len(P)
    x = simplex_max_leq(np.ones(K), 2 * P - 1 + 2, np.ones(K))
    y = x / seqsum(x)
    return jslog(y)


def nash_mp_warm_start(P, lmu, beta, x, steps):
    for _ in range(steps):
        half, _ = proximal(x, lmu, matvec(P, jsexp(x)), 2.0, beta)
        x, _ = proximal(x, lmu, matvec(P, jsexp(half)), 2.0, beta)
    return x


def newton_residual(P, lmu, beta, x):
    p = jsexp(x)
    r = beta * (x - lmu) - matvec(P, p)
    return r - seqsum(r) / len(r), p


def newton(P, lmu, beta, x, max_iter=60):
    K = len(x)
    x, _ = normalize_log(x)
    F_, pi = newton_residual(P, lmu, beta, x)
    merit = seqsum(F_ * F_)
    for _ in range(max_iter):
        if merit < 1e-34:
            break
        J = np.zeros((K + 1, K + 1))
        J[:K, :K] = -P * pi[None, :] + beta * np.eye(K)
        J[:K, K] = 1
        J[K, :K] = pi
        rhs = np.concatenate([-F_, [1 - seqsum(pi)]])
        try:
            delta = np.linalg.solve(J, rhs)
        except np.linalg.LinAlgError:
            return None
        step, accepted = 1.0, False
        for _ in range(40):
            trial, _ = normalize_log(x + step * delta[:K])
            r, p = newton_residual(P, lmu, beta, trial)
            m = seqsum(r * r)
            if m < (1 - 1e-4 * step) * merit or (step == 1 and m < merit and merit < 1e-26):
                x, F_, pi, merit, accepted = trial, r, p, m, True
                break
            step /= 2
        if not accepted:
            break
    return x if reg_gap(P, lmu, beta, x) < 1e-12 else None


def regularized_equilibrium(P, lmu, beta):
    b = max(beta, 1.0)
    x = newton(P, lmu, b, nash_mp_warm_start(P, lmu, b, np.array(lmu), 60))
    if x is None:
        raise SystemExit("Newton's method failed at beta = %r" % b)
    while b > beta:
        factor = 4.0
        while True:
            nxt = max(beta, b / factor)
            solved = newton(P, lmu, nxt, nash_mp_warm_start(P, lmu, nxt, x, 20))
            if solved is not None:
                x, b = solved, nxt
                break
            factor = math.sqrt(factor)
            if factor < 1.0001:
                raise SystemExit("Newton's method failed on the way to beta = %r" % beta)
    return x


EQUILIBRIA = {}


def equilibrium(game, beta):
    """(log pi*, unique): pi*_beta for beta > 0, the LP's equilibrium for beta = 0."""
    if beta not in EQUILIBRIA:
        P, lmu = game["P"], game["logmu"]
        if beta == 0:
            log_eq = unregularized_equilibrium(P)
            EQUILIBRIA[beta] = (log_eq, is_unique_equilibrium(P, jsexp(log_eq)))
        else:
            EQUILIBRIA[beta] = (regularized_equilibrium(P, lmu, beta), True)
    return EQUILIBRIA[beta]


# ---------- metrics (src/core/metrics.ts) ----------

def reg_gap(P, lmu, beta, log_pi):
    pi = jsexp(log_pi)
    g = matvec(P, pi)
    e = jsmax(g) - 0.5
    if beta == 0:
        return 2 * (e if e > 0 else 0.0)
    log_br = lmu + g / beta
    log_br = log_br - lse(log_br)
    kl = seqsum(np.where(log_pi == -math.inf, 0.0, pi * (log_pi - log_br)))
    return 2 * beta * (kl if kl > 0 else 0.0)


def metrics(game, beta, eq_log, log_pi):
    P, lmu = game["P"], game["logmu"]
    pi = jsexp(log_pi)
    g = matvec(P, pi)
    e = jsmax(g) - 0.5
    exploitability = e if e > 0 else 0.0
    if beta != 0:
        log_br = lmu + g / beta
        mx = jsmax(log_br)
        z = mx + float(jslog(F(seqsum(jsexp(log_br - mx)))))
        kl = seqsum(np.where(log_pi == -math.inf, 0.0, pi * (log_pi - (log_br - z))))
        regular = 2 * beta * (kl if kl > 0 else 0.0)
    else:
        regular = 2 * exploitability
    if eq_log is None:
        kl_ne, span = math.nan, math.nan
    else:
        kl_ne = kl_from_logs(eq_log, log_pi)
        d = (log_pi - eq_log)[eq_log != -math.inf]
        hi, lo = jsmax(d), -jsmax(-d)
        span = math.inf if hi == math.inf or lo == -math.inf else max(hi - lo, 0.0)
    return {
        "exploitability": exploitability,
        "dualityGap": 2 * exploitability,
        "regGap": regular,
        "klToNE": kl_ne,
        "span": span,
    }


# ---------- hitting times (src/core/hitting.ts) ----------

def stays_within_from(values, epsilon):
    """The first index from which every value is <= epsilon (NaN never is); -1 if the last is not."""
    first = -1
    for i in range(len(values) - 1, -1, -1):
        if not values[i] <= epsilon:
            break
        first = i
    return first


# ---------- the run (src/core/run.ts) ----------

def finite_or_none(v):
    return v if isinstance(v, float) and math.isfinite(v) else None


def run(game, spec, steps, queries, epsilon):
    K = game["K"]
    p = spec["params"]
    refresh = p.get("refresh") or 0
    target_beta = 0.0 if refresh > 0 else float(p["beta"])
    eq_log, unique = equilibrium(game, target_beta)
    comparable = eq_log if unique else None
    log_start, _ = normalize_log(jslog(game["start"]))
    magnet = np.array(game["logmu"])
    query = Query(game["P"], queries)
    solver = Solver(spec, game, magnet, query, log_start)
    linear = spec["averaging"] == "linear"
    average = np.zeros(K)
    weight_sum = 0.0
    series = {"klToNE": [], "exploitability": [], "regGap": []}

    def accumulate(t):
        nonlocal average, weight_sum
        w = t + 1 if linear else 1
        weight_sum += w
        average = average + (w / weight_sum) * (jsexp(solver.x) - average)

    def record():
        m = metrics(game, target_beta, comparable, solver.x)
        for name in series:
            series[name].append(m[name])

    accumulate(0)
    record()
    for t in range(steps):
        if refresh > 0 and t > 0 and t % refresh == 0:
            magnet[:] = solver.x
        solver.step(t)
        accumulate(t + 1)
        record()
    final = metrics(game, target_beta, comparable, solver.x)
    hits = {"epsilon": epsilon}
    for name, values in series.items():
        i = stays_within_from(values, epsilon)
        hits[name] = None if i < 0 else {"t": i, "queries": i * spec["queriesPerStep"]}
    out = {
        "key": spec["key"],
        "name": spec["name"],
        "solver": spec["solver"],
        "target": {"beta": target_beta, "unique": bool(unique)},
        "equilibrium": [float(v) for v in jsexp(eq_log)],
        "queries": query.count,
        "final": {
            "policy": [float(v) for v in solver.pi],
            "average": [float(v) for v in average],
            "metrics": {k: finite_or_none(float(v)) for k, v in final.items()},
        },
        "hit": hits,
    }
    if solver.failure:
        out["stopped"] = solver.failure
    return out
`;
