/**
 * The fused engine's kernel table: one entry per registry solver, checked against SOLVER_IDS
 * (`satisfies Record<SolverId, FusedKernel>`), so a solver without a fused kernel is a type error.
 * An entry says how many K-vectors (slots) a member keeps, how its step reads in WGSL (cut at its
 * preference queries: the one-kernel path joins the pieces, the tiled path runs them one by one),
 * and what else differs from the common case: the slot a query writes, extra params, extra
 * starting slots, where π_t lives. The helpers the pieces call (linSlot, proxSlot, …) are in
 * wgsl.ts; the state layout in layout.ts.
 */
import type { SolverId } from '../../core/solvers';
import { LOG_ZERO, PARAM } from './layout';
import type { ShaderVariant, StepSegments } from './wgsl';

export interface FusedKernel {
  /** K-vectors a member keeps, slots 0–2 (log π, π, g) included, before a refreshed μ and π̄. */
  slots(players: number, inner: boolean): number;
  /** One step cut at its queries (wgsl.ts, StepSegments). */
  segments(players: number, variant: ShaderVariant): StepSegments;
  /** Host-side twin of segments' `dst`: the slot the queries of step t write. */
  dstSlot(players: number, t: number): number;
  /** Params after the shared row (PARAM): MNPO's λ. */
  extraParams(players: number): number;
  /** Slots that start as log π₀ (ONPO's π′₀) or as π₀ (RM+'s fallback), besides slots 0 and 1. */
  startLogPi: number | null;
  startPi: number | null;
  /** The slot that holds π_t itself (RM+: π_t may have exact zeros), else π_t = exp(slot 0). */
  probabilitySlot: number | null;
  /** The step calls pgStep (the π-weighted policy gradient, wgsl.ts POLICY_GRADIENT). */
  policyGradient: boolean;
}

/** The common case: queries of slot 1 into slot 2, nothing else to start or keep. */
function kernel(
  slots: number | FusedKernel['slots'],
  segments: FusedKernel['segments'],
  more: Partial<Omit<FusedKernel, 'slots' | 'segments'>> = {},
): FusedKernel {
  return {
    slots: typeof slots === 'number' ? () => slots : slots,
    segments,
    dstSlot: () => 2,
    extraParams: () => 0,
    startLogPi: null,
    startPi: null,
    probabilitySlot: null,
    policyGradient: false,
    ...more,
  };
}

/** A step whose queries read slot 1 and write slot 2. */
const plain = (code: string[]): StepSegments => ({ prelude: '', code, src: 1, dst: '2' });

/** (X) twice, anchored at π_t: exact, or approximated by m inner policy-gradient steps. */
const nashMp = kernel(
  // slot 3: the half step; slot 4: the logits θ of approximate Nash-MP's inner policy gradient
  (_players, inner) => (inner ? 5 : 4),
  (_players, variant) =>
    variant.inner
      ? {
          prelude: `let inner = i32(prm(b, ${PARAM.inner}));
        let alpha = prm(b, ${PARAM.innerStep});`,
          code: [
            'expSlot(b, 0, 1);',
            'pgSlot(b, 3, 0, 2, eta, beta, inner, alpha); expSlot(b, 3, 1);',
            'pgSlot(b, 0, 0, 2, eta, beta, inner, alpha);',
          ],
          src: 1,
          dst: '2',
        }
      : plain([
          'expSlot(b, 0, 1);',
          'proxSlot(b, 3, 0, 2, eta, beta); expSlot(b, 3, 1);',
          'proxSlot(b, 0, 0, 2, eta, beta);',
        ]),
);

/** One (X) step; mpo: β here is its magnet strength (PARAM.beta), its magnet the refreshed slot MG. */
const proximal = kernel(3, () => plain(['expSlot(b, 0, 1);', 'proxSlot(b, 0, 0, 2, eta, beta);']));

/** MNPO: slots 3… hold the last n − 1 iterates, then their win rates; one new query per step. */
const mnpo = kernel(
  (players) => 3 + 2 * (players - 1),
  (players) => {
    const n = players - 1;
    return {
      prelude: `let n = ${n};
        let r = t % n;
        let logSlot = 3 + r;
        let winAt = 3 + n + r;`,
      code: [
        `for (var i = 0; i < uniforms.K; i++) { result[at(b, logSlot, i)] = result[at(b, 0, i)]; }
        expSlot(b, 0, 1);`,
        `let stored = min(t + 1, n);
        var total = 0.0;
        for (var j = 0; j < stored; j++) { total += prm(b, ${PARAM.weights} + j); }
        let m = eta * beta;
        for (var i = 0; i < uniforms.K; i++) {
          var acc = m * lmu(b, i);
          for (var j = 0; j < stored; j++) {
            let slot = (r - j + n) % n;
            let w = prm(b, ${PARAM.weights} + j) / total;
            acc += w * ((1.0 - m) * result[at(b, 3 + slot, i)] + eta * result[at(b, 3 + n + slot, i)]);
          }
          result[at(b, 0, i)] = acc;
        }
        normalizeSlot(b, 0);`,
      ],
      src: 1,
      dst: 'winAt',
    };
  },
  {
    dstSlot: (players, t) => {
      const n = players - 1;
      return 3 + n + (t % n);
    },
    extraParams: (players) => players - 1,
  },
);

export const FUSED_KERNELS = {
  'nash-mp': nashMp,
  egpo: kernel(4, () =>
    plain([
      'expSlot(b, 0, 1);',
      'linSlot(b, 3, 0, 2, eta, beta); expSlot(b, 3, 1);',
      'linSlot(b, 0, 0, 2, eta, beta);',
    ]),
  ),
  inpo: kernel(3, () => plain(['expSlot(b, 0, 1);', 'linSlot(b, 0, 0, 2, eta, beta);'])),
  mnpo,
  'nash-md': kernel(4, () =>
    plain([
      `let m = mixWeight(b, eta, beta);
        for (var i = 0; i < uniforms.K; i++) { result[at(b, 3, i)] = (1.0 - m) * result[at(b, 0, i)] + m * lmu(b, i); }
        normalizeSlot(b, 3);
        expSlot(b, 3, 1);`,
      'linSlot(b, 0, 0, 2, eta, beta);',
    ]),
  ),
  sppo: kernel(3, () => plain(['expSlot(b, 0, 1);', 'linSlot(b, 0, 0, 2, eta, 0.0);'])),
  // slot 3: the auxiliary iterate π′, π′₀ = π₀
  onpo: kernel(
    4,
    () =>
      plain([
        'expSlot(b, 0, 1);',
        'linSlot(b, 3, 3, 2, eta, beta); linSlot(b, 0, 3, 2, eta, beta);',
      ]),
    { startLogPi: 3 },
  ),
  mmd: proximal,
  'fictitious-play': kernel(4, () =>
    plain([
      'expSlot(b, 0, 1);',
      `if (beta > 0.0) {
          for (var i = 0; i < uniforms.K; i++) { result[at(b, 3, i)] = lmu(b, i) + result[at(b, 2, i)] / beta; }
          normalizeSlot(b, 3);
          expSlot(b, 3, 3);
        } else {
          var best = 0;
          for (var i = 1; i < uniforms.K; i++) { if (result[at(b, 2, i)] > result[at(b, 2, best)]) { best = i; } }
          for (var i = 0; i < uniforms.K; i++) { result[at(b, 3, i)] = select(0.0, 1.0, i == best); }
        }
        let tf = f32(t);
        for (var i = 0; i < uniforms.K; i++) {
          result[at(b, 0, i)] = log((tf + 1.0) / (tf + 2.0) * result[at(b, 1, i)] + result[at(b, 3, i)] / (tf + 2.0));
        }
        normalizeSlot(b, 0);`,
    ]),
  ),
  // RK4 on y; slots: 0 y, 1 p, 2 g, 3 stage, 4..7 k1..k4
  replicator: kernel(8, () => ({
    prelude: 'let h = eta;',
    code: [
      'fieldPre(b, 0);',
      `fieldPost(b, 0, 4, beta);
        for (var i = 0; i < uniforms.K; i++) { result[at(b, 3, i)] = result[at(b, 0, i)] + 0.5 * h * result[at(b, 4, i)]; }
        fieldPre(b, 3);`,
      `fieldPost(b, 3, 5, beta);
        for (var i = 0; i < uniforms.K; i++) { result[at(b, 3, i)] = result[at(b, 0, i)] + 0.5 * h * result[at(b, 5, i)]; }
        fieldPre(b, 3);`,
      `fieldPost(b, 3, 6, beta);
        for (var i = 0; i < uniforms.K; i++) { result[at(b, 3, i)] = result[at(b, 0, i)] + h * result[at(b, 6, i)]; }
        fieldPre(b, 3);`,
      `fieldPost(b, 3, 7, beta);
        for (var i = 0; i < uniforms.K; i++) {
          result[at(b, 0, i)] = result[at(b, 0, i)] + h / 6.0 * (result[at(b, 4, i)] + 2.0 * result[at(b, 5, i)] + 2.0 * result[at(b, 6, i)] + result[at(b, 7, i)]);
        }
        normalizeSlot(b, 0);`,
    ],
    src: 1,
    dst: '2',
  })),
  // slots: 0 log π, 1 π (RM+ plays from it: π may have exact zeros), 2 g, 3 Q, 4 π₀ for Q = 0
  'rm-plus': kernel(
    5,
    () =>
      plain([
        '',
        `var v = 0.0;
        for (var i = 0; i < uniforms.K; i++) { v += result[at(b, 1, i)] * result[at(b, 2, i)]; }
        var total = 0.0;
        for (var i = 0; i < uniforms.K; i++) {
          let q = max(result[at(b, 3, i)] + result[at(b, 2, i)] - v, 0.0);
          result[at(b, 3, i)] = q;
          total += q;
        }
        for (var i = 0; i < uniforms.K; i++) {
          let p = select(result[at(b, 4, i)], result[at(b, 3, i)] / total, total > 0.0);
          result[at(b, 1, i)] = p;
          result[at(b, 0, i)] = select(${LOG_ZERO.toExponential()}, log(p), p > 0.0);
        }`,
      ]),
    { startPi: 4, probabilitySlot: 1 },
  ),
  // mpo is MMD with its magnet strength as β and its magnet refreshed (slot MG)
  mpo: proximal,
  'online-ipo': kernel(3, () => plain(['expSlot(b, 0, 1);', 'pgStep(b, 2, eta, beta);']), {
    policyGradient: true,
  }),
  // slot 3: Nash-MD's mixture, exponentiated in place; the query plays it
  'nash-md-pg': kernel(
    4,
    () => ({
      prelude: '',
      code: [
        `let m = mixWeight(b, eta, beta);
        for (var i = 0; i < uniforms.K; i++) { result[at(b, 3, i)] = (1.0 - m) * result[at(b, 0, i)] + m * lmu(b, i); }
        normalizeSlot(b, 3);
        expSlot(b, 3, 3);`,
        'expSlot(b, 0, 1); pgStep(b, 2, eta, beta);',
      ],
      src: 3,
      dst: '2',
    }),
    { policyGradient: true },
  ),
} satisfies Record<SolverId, FusedKernel>;

/** K-vectors per member before the average: the solver's slots, and the refreshed log μ. */
export function slotCount(solver: SolverId, players = 3, inner = false, refresh = false): number {
  return FUSED_KERNELS[solver].slots(players, inner) + (refresh ? 1 : 0);
}

/** Params per member: the shared row (PARAM), then the solver's own (MNPO's λ). */
export function paramCount(solver: SolverId, players = 3): number {
  return PARAM.weights + FUSED_KERNELS[solver].extraParams(players);
}
