/** What the line chart's marks draw: one series per solver (and per proven-rate overlay). */

export interface Series {
  id: string;
  name: string;
  color: string;
  dash: string;
  /** One value per iteration. */
  values: Float64Array;
  /** x of each value (iterations, or queries). */
  xs: Float64Array;
  /**
   * The iteration of each value, where `xs` counts something else (preference queries): the
   * hover readout then gives each series' own x and its iteration.
   */
  times?: Float64Array;
  /** 1 where the value is below what float32 resolves: marked, not drawn as if meaningful. */
  floor?: Uint8Array;
  /**
   * A band around the line (e.g. the interquartile range over seeds when `values` is the median),
   * one lower and upper value per x, drawn as a translucent area under the line.
   */
  band?: { lower: Float64Array; upper: Float64Array };
  /** Faded, out of the readout and the label: another solver is isolated in the legend. */
  muted?: boolean;
  /**
   * Where the series comes within ε for good: the index of that value and the sentence that says
   * so ("stays ≤ 1e-6 from iteration 412 (824 queries)"), or null with "not within the budget".
   * Marked on the curve (HitMarks) and said in the chart's aria-label; left out: no ε reading.
   */
  hit?: { index: number | null; text: string };
  /**
   * What the value is measured against, where the series of one chart differ in that (π*₀ for
   * refreshed runs and MPO, π*_β for the others): named in the hover readout.
   */
  target?: string;
}
