/**
 * Built-in lessons beside the tour: the papers' figures, rebuilt as races. Each has a short id,
 * so `#lesson=<id>` opens it (a shared lesson's link is `#lesson=v1.…`, which no id looks like).
 * Like the tour's, every number a slide states is recomputed by the float64 reference engine in
 * tests/unit/lessons/lesson-claims.test.ts, and docs/replications.md gives the same numbers with commands.
 */
import { buildPreset } from '../core/presets';
import { parseGame } from '../core/validate';
import { DEFAULT_EXPERIMENT, type Experiment } from '../state/fields';
import type { Lesson, Slide } from './model';

export interface BuiltinLesson {
  /** The link's id: `#lesson=<id>`. */
  id: string;
  /** One line for the Lessons list. */
  summary: string;
  lesson: Lesson;
}

interface SlideSpec {
  caption: string;
  text: string;
  tryThis: string;
  preset: string;
  changes: Partial<Omit<Experiment, 'presetId' | 'game'>>;
}

function slide(s: SlideSpec): Slide {
  return {
    caption: s.caption,
    text: s.text.trim(),
    tryThis: s.tryThis.trim(),
    experiment: {
      ...DEFAULT_EXPERIMENT,
      ...s.changes,
      presetId: s.preset,
      game: parseGame(buildPreset(s.preset)),
    },
    reveal: [],
  };
}

/** The game of the EGPO figure: game 1 of the authors' seed (`grid_search.py`, batch index 1). */
export const EGPO_GAME = 'egpo-grid:2018011309:1';

/**
 * The five methods of the EGPO authors' exact tabular experiment with their step `lr`, mapped
 * as in docs/algorithms.md §7 (K = 10): Online IPO 1 (OMD) → inpo and EGPO → egpo with
 * η = 4·lr/(Kβ); Online IPO 2 → online-ipo with η = 4·lr/β; Nash-MD → nash-md with η = 4·lr/(Kβ)
 * and the code's mixture m = 2·lr/K; Nash-MD-PG → nash-md-pg with η = lr and m = 2·lr/K. Written
 * as the decimals they are (0.8, not 4·0.02/(10·0.01)), so that links show them plainly.
 */
function egpoMethods(eta: number, onlineIpo: number, lr: number, mix: number) {
  return {
    solvers: ['egpo', 'inpo', 'online-ipo', 'nash-md', 'nash-md-pg'] as Experiment['solvers'],
    params: {
      egpo: { eta },
      inpo: { schedule: 'constant' as const, eta },
      'online-ipo': { eta: onlineIpo },
      'nash-md': { schedule: 'constant' as const, eta, mix },
      'nash-md-pg': { eta: lr, mix },
    },
  };
}

const EGPO_LESSON: Lesson = {
  title: 'Why extragradient — EGPO’s experiment',
  slides: [
    slide({
      caption: 'EGPO’s game at β = 0.1',
      preset: EGPO_GAME,
      changes: { beta: 0.1, budget: 1000, ...egpoMethods(0.4, 4, 0.1, 0.02) },
      text: String.raw`
This is the tabular experiment of Zhou, Fazel and Du (EGPO, arXiv 2503.08942), rebuilt from
their code: game 1 of their seed, drawn by PyTorch's generator as they drew it (10 answers,
$\mu = \pi_0 = \mathrm{softmax}(\theta_{\mathrm{ref}})$), and their five methods with their
step lr = 0.1, mapped to this app's η: EGPO, Online IPO 1 (INPO here) and Nash-MD take
η = 4·lr/(Kβ) = 0.4, Online IPO 2 η = 4·lr/β = 4, Nash-MD-PG η = lr; both Nash-MDs mix with the
code's weight m = 2·lr/K = 0.02.

The chart is their metric, the duality gap of the β-game. At β = 0.1 three methods converge: the
gap stays below $10^{-6}$ from iteration 133 for EGPO, 137 for INPO and 211 for Online IPO.
Nash-MD stops at $9.8\times10^{-6}$: its opponent is pulled towards μ, so its fixed point is not
$\pi^\star_\beta$. Nash-MD-PG, with its small step η = 0.1, is at $5.4\times10^{-3}$ after the
authors' 1,000 iterations, and later stops on the same floor as Nash-MD.`,
      tryThis:
        'Clear Nash-MD’s mixture field (it becomes ηβ = 0.04, Nash-MD’s own rule): its floor moves, because the bias grows with m.',
    }),
    slide({
      caption: 'β = 0.01: only EGPO converges',
      preset: EGPO_GAME,
      changes: { beta: 0.01, budget: 5000, ...egpoMethods(0.8, 8, 0.02, 0.004) },
      text: String.raw`
With the authors' lr = 0.02 at β = 0.01 (η = 0.8 for EGPO, INPO and Nash-MD), EGPO's gap stays
below $10^{-6}$ from iteration 667. None of the others gets there in the authors' 5,000
iterations: INPO ends at 0.032, Nash-MD at 0.027, Nash-MD-PG at 0.11 and Online IPO at 0.20.
Plain mirror descent steps partly around the equilibrium; the extragradient step's look-ahead
cancels that rotation.

The paper's plot cuts each curve at its first dip below $10^{-6}$, which makes a biased method
that passes close to $\pi^\star_\beta$ look converged. This app counts a method as converged only
where its gap stays ≤ ε to the end of the run.`,
      tryThis:
        'Switch the game to run 0 (egpo-grid:2018011309:0): Nash-MD’s gap dips below 1e-6 at iteration 1,240, and then climbs back to 1.2e-5.',
    }),
    slide({
      caption: 'β = 0.001: 85,000 iterations, and only EGPO',
      preset: EGPO_GAME,
      changes: { beta: 0.001, budget: 100_000, ...egpoMethods(0.08, 0.8, 0.0002, 0.00004) },
      text: String.raw`
At β = 0.001 the authors take lr = 2e-4 (η = 0.08) and 100,000 iterations. EGPO contracts at
about ηβ = 8e-5 per iteration and its gap stays below $10^{-6}$ from iteration 84,693; after
100,000 iterations every other method is still above 0.06. A smaller β brings
$\pi^\star_\beta$ closer to an equilibrium of the game itself, and costs iterations: the rate is
linear in ηβ.`,
      tryThis:
        'Switch the x axis to preference queries: EGPO asks two per iteration, the others one, and still wins.',
    }),
  ],
};

const NASH_MP_LESSON: Lesson = {
  title: 'Nash-MP’s rate does not depend on K',
  slides: [
    slide({
      caption: 'Ten answers',
      preset: 'random:10:1',
      changes: { beta: 0.1, solvers: ['nash-mp', 'egpo'], xAxis: 'queries' },
      text: String.raw`
Nash-MP (Tiapkin et al., arXiv 2505.19731) is mirror prox on the regularized game, and its
proven rate is $\mathrm{KL}(\pi^\star_\beta\|\pi_k) \le (1+2\beta)^{-k}\,\mathrm{KL}_0$ with
η = 2: the number of answers K appears nowhere. The wide pale lines on the convergence chart are
these bounds (EGPO's is $(1-\eta\beta)^t\,\mathrm{KL}_0$).

On a random game with K = 10 at β = 0.1, Nash-MP's KL stays below $10^{-6}$ from iteration 33
(66 preference queries), EGPO's from iteration 64 (128 queries), both under their bounds.`,
      tryThis: 'Press Next: the same race with ten times as many answers.',
    }),
    slide({
      caption: 'A hundred answers: the same 33 iterations',
      preset: 'random:100:1',
      changes: { beta: 0.1, solvers: ['nash-mp', 'egpo'], xAxis: 'queries' },
      text: String.raw`
With K = 100, a matrix a hundred times larger, Nash-MP again stays below $10^{-6}$ from
iteration 33 and EGPO from iteration 64. The rate is the contraction $(1+2\beta)^{-1}$ per
iteration whatever K is; only the cost of a query grows with K.`,
      tryThis:
        'Set β to 0.01: both need more iterations, as the bound $(1+2\beta)^{-k}$ says, on either game.',
    }),
  ],
};

/** EGPO under the authors' noise (`pairs`) and under importance weighting (`sampled`). */
const NOISE_CHANGES = {
  beta: 0.01,
  budget: 20_000,
  solvers: ['egpo'] as Experiment['solvers'],
  params: { egpo: { eta: 0.08 } },
  seeds: 32,
};

const NOISE_LESSON: Lesson = {
  title: 'Noise',
  slides: [
    slide({
      caption: 'EGPO with the authors’ noisy pairs',
      preset: EGPO_GAME,
      changes: { ...NOISE_CHANGES, queries: { kind: 'pairs', samples: 100, seed: 0 } },
      text: String.raw`
The EGPO authors also train from samples: each step judges 100 pairs of answers drawn uniformly,
each against an opponent drawn from the policy. That is the query model **pairs** here; every
query estimates $P\pi$ without dividing by any probability. EGPO runs on their game at
β = 0.01 with η = 0.08 (ten times their lr of 2e-4, so that 20,000 iterations show what their
100,000 do), and the charts show the median of 32 seeds.

Noise keeps a constant step from converging: after iteration 2,000 the median gap stays between
0.007 and 0.030, and ends at 0.021 with KL 0.009. Without noise the same run
converges.`,
      tryThis: 'Set the query model to exact: the gap stays below 1e-6 from iteration 7,552.',
    }),
    slide({
      caption: 'The same run, importance-weighted',
      preset: EGPO_GAME,
      changes: { ...NOISE_CHANGES, queries: { kind: 'sampled', samples: 100, seed: 0 } },
      text: String.raw`
The other estimator plays 100 comparisons of the policy against itself and weights each by
$1/\pi(y)$ to make it unbiased. On this game μ puts 1.9% on one answer, and as EGPO moves the
weights of rare answers grow: the estimates blow up, the policy collapses onto a few answers, and
the median gap ends at 0.74 (KL 12) instead of 0.021. Same game, step, budget and number of
comparisons: only the estimator changed.`,
      tryThis:
        'Set the query model to pairs-binary (0/1 verdicts instead of the preferences, as human labels are): noisier than pairs, the median gap ends at 0.053, still far below 0.74.',
    }),
  ],
};

export const BUILTIN_LESSONS: readonly BuiltinLesson[] = [
  {
    id: 'egpo-experiment',
    summary:
      'EGPO’s tabular experiment: its game, its five methods and step sizes at β = 0.1, 0.01 and 0.001.',
    lesson: EGPO_LESSON,
  },
  {
    id: 'nash-mp-rate',
    summary:
      'Nash-MP on 10 and 100 answers at β = 0.1: KL ≤ 1e-6 at iteration 33 on both, as its bound says.',
    lesson: NASH_MP_LESSON,
  },
  {
    id: 'noise',
    summary:
      'EGPO on the authors’ game at β = 0.01 with noisy queries: their pairs against importance weighting.',
    lesson: NOISE_LESSON,
  },
];

/** The built-in lesson with this id, if any. */
export function builtinLesson(id: string): BuiltinLesson | undefined {
  return BUILTIN_LESSONS.find((l) => l.id === id);
}
