/**
 * The built-in tour: a lesson like any other (src/lessons/model.ts), one idea per chapter, each
 * with the experiment that shows it and one thing to try. Every number a chapter states is
 * recomputed from its experiment by the float64 reference engine in tests/unit/lessons/tour-claims.test.ts,
 * so a change of a solver's defaults that breaks a sentence breaks a test.
 *
 * Chapters are written as changes from TOUR_BASE (not from the page's default experiment, which
 * may change) and expanded here into full experiments, the form every slide has.
 */
import { buildPreset } from '../core/presets';
import { parseGame } from '../core/validate';
import { DEFAULT_EXPERIMENT, type Experiment } from '../state/fields';
import type { Lesson, Reveal, Slide } from './model';

/** The tour's own base: the page's defaults, racing Nash-MP alone. */
const TOUR_BASE: Omit<Experiment, 'presetId' | 'game'> = {
  ...DEFAULT_EXPERIMENT,
  solvers: ['nash-mp'],
};

interface Chapter {
  caption: string;
  text: string;
  tryThis: string;
  preset: string;
  changes: Partial<Omit<Experiment, 'presetId' | 'game'>>;
  reveal?: Reveal[];
  /** Present mode: the controls the prompt names, and a prompt of its own where it differs. */
  present?: PresentTry;
}

/**
 * What a chapter's prompt needs in present mode, which hides the editing panels, the chart
 * options and the views: a compact strip of the controls the prompt names, and for a prompt about
 * a hidden panel (the sweep map, the annotator population) a prompt written for present mode.
 */
export interface PresentTry {
  controls: PresentControl[];
  tryThis?: string;
}
/** `eta:<solver id>` is that solver's η field. */
export type PresentControl = 'beta' | 'iterate' | 'samples' | `eta:${string}`;

function slide(c: Chapter): Slide {
  return {
    caption: c.caption,
    text: c.text.trim(),
    tryThis: c.tryThis.trim(),
    experiment: {
      ...TOUR_BASE,
      ...c.changes,
      presetId: c.preset,
      game: parseGame(buildPreset(c.preset)),
    },
    reveal: c.reveal ?? [],
  };
}

const CHAPTERS: Chapter[] = [
  {
    caption: 'Rock, paper, scissors',
    preset: 'rps',
    changes: { beta: 0.1, solvers: ['mmd'] },
    text: String.raw`
A preference game gives, for every pair of answers, the probability $P(y \succ y')$ that a judge
prefers $y$ to $y'$. Here paper beats rock, scissors beat paper and rock beats scissors: a cycle,
so every answer loses to another and no reward can rank them.

A policy $\pi$ mixes answers. The Nash equilibrium $\pi^\star$ is the mix that no policy beats
more than half the time, $\min_{\pi'} P(\pi^\star \succ \pi') = \tfrac12$; here it is uniform.
The triangle shows policies as points; the line is MMD's policy, chasing whatever beats it and
spiralling in.`,
    tryThis:
      'Press Play, then click anywhere in the triangle to start from there: every start spirals in to the centre.',
  },
  {
    caption: 'Multiplicative weights cycle',
    present: { controls: ['iterate'] },
    preset: 'rps',
    changes: { beta: 0, solvers: ['sppo'], gapMetric: 'exploitability' },
    text: String.raw`
At β = 0, SPPO is multiplicative weights: each answer's log-probability grows by its win rate
against the current policy, $\log\pi_{t+1} = \log\pi_t + \eta\,P\pi_t - \log Z$. It chases the
cycle: rock-heavy policies push toward paper, paper toward scissors, and the last iterate orbits
$\pi^\star$, drifting outward. Its exploitability $\max_{\pi'} P(\pi' \succ \pi_t) - \tfrac12$,
what the best reply wins by, never settles.

The running average $\bar\pi_t = \frac{1}{t+1}\sum_{s \le t}\pi_s$ does converge: no-regret
guarantees are about averages. But a trained model is its last iterate, not an average.`,
    tryThis:
      'Switch “Charts show the” to running average: the same run’s exploitability now falls toward 0.',
  },
  {
    caption: 'KL regularization: converge, but elsewhere',
    present: { controls: ['beta'] },
    preset: 'weighted-rps',
    changes: { beta: 0.1, solvers: ['mmd', 'sppo'], gapMetric: 'exploitability' },
    text: String.raw`
Now pull every policy toward a reference $\mu$ with strength $\beta$: the regularized game charges
$\beta\,\mathrm{KL}(\pi\|\mu)$, and its equilibrium $\pi^\star_\beta$ is unique. MMD is SPPO's
step plus that pull,
$\log\pi_{t+1} = \frac{\log\pi_t + \eta\beta\log\mu + \eta P\pi_t}{1+\eta\beta} - \log Z$,
and its last iterate converges: on weighted rock–paper–scissors at β = 0.1,
$\mathrm{KL}(\pi^\star_\beta\|\pi_t)$ falls to the float64 floor. SPPO ignores β and keeps cycling.

The gap chart measures exploitability in the unregularized game: MMD's levels off at 0.041,
because $\pi^\star_\beta \ne \pi^\star$. Regularization buys convergence with bias.`,
    tryThis: String.raw`
Set β to 1: the floor rises to 0.075 as $\pi^\star_\beta$ moves toward $\mu$. At β = 0.01 it drops
to 0.004, but MMD no longer gets there in 2,000 iterations.`,
  },
  {
    caption: 'Extragradient: look ahead, then step',
    present: { controls: ['eta:nash-mp', 'eta:mmd'] },
    preset: 'weighted-rps',
    changes: { beta: 0.03, solvers: ['nash-mp', 'egpo', 'inpo', 'mmd'] },
    text: String.raw`
Plain mirror descent (INPO, MMD) steps with the preference where it stands, and in a cycle that
step points partly around $\pi^\star_\beta$, not toward it. Mirror prox (Nash-MP) and EGPO first
take a trial step to $\pi_{t+\frac12}$, then step from $\pi_t$ with the preference seen there:
$\pi_{t+1} = X(\pi_t;\, P\pi_{t+\frac12})$. The look-ahead cancels the rotation, so larger steps
stay stable.

On the log axis a linear rate is a straight line. At β = 0.03, KL stays below $10^{-6}$ from
iteration 74 for Nash-MP, 176 for EGPO, 1,168 for INPO and 1,926 for MMD. A look-ahead costs a
second query per step: switch the x axis to preference queries to charge for it.`,
    tryThis:
      'Set both Nash-MP’s and MMD’s η to 5: Nash-MP needs only 23 iterations, and MMD stops converging.',
  },
  {
    caption: 'The β trade-off',
    present: {
      controls: ['beta'],
      tryThis: String.raw`
Set β to 1: the gap chart's floor rises to 0.075, the exploitability of $\pi^\star_\beta$ there;
at β = 0.001 it is far lower, but slow to reach. (Esc leaves present mode for the sweep map.)`,
    },
    preset: 'weighted-rps',
    changes: {
      beta: 0.1,
      solvers: ['nash-mp', 'mmd'],
      gapMetric: 'exploitability',
      openViews: ['sweep'],
    },
    text: String.raw`
β sets two things at once. Large β: solvers contract fast, but $\pi^\star_\beta$ sits near $\mu$,
far from $\pi^\star$. Small β: $\pi^\star_\beta$ is close to $\pi^\star$, but the contraction,
about $\eta\beta$ per step, is slow. On weighted rock–paper–scissors the exploitability of
$\pi^\star_\beta$ is 0.0004 at β = 0.001, 0.041 at β = 0.1 and 0.075 at β = 1.

The sweep map below runs 32 × 32 settings of (η, β) per solver in one batch and colours the
iterations until KL stays ≤ $10^{-6}$. No MMD cell with β ≤ 0.01 gets there within 2,000
iterations; Nash-MP still does at β = 0.001.`,
    tryThis:
      'Click a cell in Nash-MP’s top row, then one near the bottom: the race takes that η and β, and the gap chart’s floor drops as the iterations climb.',
  },
  {
    caption: 'Annotators vote a cycle',
    present: {
      controls: [],
      tryThis:
        'Press Play: Nash-MP settles on the uniform mix that no answer beats, which the reward model cannot see. (Esc leaves present mode to reweight the annotators.)',
    },
    preset: 'condorcet-annotators',
    changes: { beta: 0.1, solvers: ['nash-mp'] },
    reveal: ['population'],
    text: String.raw`
Three groups of annotators each rank the answers transitively, Bradley–Terry style:
$\Pr(i \succ j) = \sigma(s_i - s_j)$. Experts prefer concise ≻ detailed ≻ friendly, students
detailed ≻ friendly ≻ concise, casual users friendly ≻ concise ≻ detailed. Pooled, 56% prefer
concise to detailed, detailed to friendly, and friendly to concise: a Condorcet cycle.

RLHF fits one Bradley–Terry reward model to these comparisons. Its best fit gives every answer
the same score and predicts ½ for every pair: it cannot see the cycle, and its policy is just
$\mu$. The Nash equilibrium is a deliberate uniform mix that no answer beats. The annotator
population, opened under the matrix, shows both.`,
    tryThis: String.raw`
Set the experts’ weight to 1.3 and press “Apply to game” (the charts change only then): the majority still cycles, but the reward model now ranks friendly
last ($\pi_{RM}$ gives it 10%), while the Nash equilibrium $\pi^\star_0$ plays it 46% of the time:
friendly is what beats concise.`,
  },
  {
    caption: 'Sampled preferences',
    present: { controls: ['samples'] },
    preset: 'rps',
    changes: {
      beta: 0.1,
      solvers: ['nash-mp', 'nash-md'],
      queries: { kind: 'sampled', samples: 20, seed: 0 },
      seeds: 32,
    },
    text: String.raw`
Real feedback is a finite set of judged comparisons, not $P\pi$ itself. Here each query estimates
$P\pi_t$ from n = 20 sampled comparisons, so every run is noisy: the charts show the median over
32 seeds, with a band from the 25th to the 75th percentile (few seeds, so that the race answers
within seconds; the Seeds menu goes up to 1,024 for smoother lines).

A constant step keeps reacting to fresh noise: Nash-MP (η = 2) stalls near KL 0.07, its median
wandering between 0.02 and 0.16 after iteration 200. A decaying step averages the noise away:
Nash-MD's schedule $\eta_t = \frac{2}{\beta(t+2)}$ keeps lowering KL, about fourfold from
iteration 500 to 2,000, to below $10^{-3}$ at 2,000: about a hundred times below Nash-MP.`,
    tryThis:
      'Raise “Samples per query” to 200: the bands narrow and Nash-MP’s plateau drops about tenfold.',
  },
];

export const TOUR: Lesson = { title: 'Tour', slides: CHAPTERS.map(slide) };

/** Each chapter's present-mode prompt and controls, by chapter index. */
export const TOUR_PRESENT: readonly PresentTry[] = CHAPTERS.map((c) => ({
  controls: c.present?.controls ?? [],
  ...(c.present?.tryThis ? { tryThis: c.present.tryThis.trim() } : {}),
}));
