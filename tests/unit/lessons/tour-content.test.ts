/** The built-in tour as content: seven short chapters, each a valid experiment with a prompt. */
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { aggregateAnnotators } from '../../../src/core/annotators';
import { buildPreset, CONDORCET_GROUPS } from '../../../src/core/presets';
import { raceEntries } from '../../../src/experiment/race';
import { defaultPopulation, evaluatePopulation } from '../../../src/experiment/population';
import { paragraphs, wordCount } from '../../../src/lessons/rich';
import { TOUR } from '../../../src/lessons/tour';
import { experimentFromJson, experimentToJson } from '../../../src/state/fields';
import { decodeExperiment, encodeExperiment } from '../../../src/state/link';

const chapters = TOUR.slides;

describe('the tour', () => {
  it('has at least seven chapters', () => {
    expect(chapters.length).toBeGreaterThanOrEqual(7);
  });

  chapters.forEach((c, i) => {
    describe(`chapter ${i + 1}: ${c.caption}`, () => {
      it('is at most 120 words, with a caption and one “try this” prompt', () => {
        expect(wordCount(c.text)).toBeLessThanOrEqual(120);
        expect(wordCount(c.text)).toBeGreaterThan(40);
        expect(c.caption.length).toBeGreaterThan(0);
        expect(c.tryThis.length).toBeGreaterThan(0);
      });

      it('decodes to a valid experiment, through the link codec too', () => {
        const json = experimentToJson(c.experiment);
        expect(experimentToJson(experimentFromJson(json))).toEqual(json);
        const linked = decodeExperiment(encodeExperiment(c.experiment));
        expect(linked.ok && experimentToJson(linked.value)).toEqual(json);
      });

      it('races every solver it names (no η that its β refuses)', () => {
        const e = c.experiment;
        const { entries, refused } = raceEntries({ ...e, queries: e.queries, seeds: e.seeds });
        expect(refused).toEqual({});
        expect(entries.map((x) => x.solver)).toEqual(e.solvers);
      });

      it('every formula is valid TeX for KaTeX', () => {
        const formulas = [...paragraphs(c.text), ...paragraphs(c.tryThis)]
          .flat()
          .filter((s) => s.kind === 'math');
        for (const f of formulas)
          expect(
            () => katex.renderToString(f.value, { throwOnError: true }),
            f.value,
          ).not.toThrow();
      });
    });
  });

  it('teaches the seven ideas with the states that show them', () => {
    const [rps, mwu, kl, eg, sweep, annotators, sampled] = chapters.map((c) => c.experiment);
    expect(rps!.presetId).toBe('rps');
    expect([mwu!.beta, mwu!.solvers, mwu!.gapMetric]).toEqual([0, ['sppo'], 'exploitability']);
    expect(kl!.beta).toBeGreaterThan(0);
    expect(kl!.solvers).toContain('mmd');
    expect(eg!.solvers).toEqual(['nash-mp', 'egpo', 'inpo', 'mmd']);
    expect(sweep!.openViews).toEqual(['sweep']);
    expect(annotators!.presetId).toBe('condorcet-annotators');
    expect(chapters[5]!.reveal).toEqual(['population']);
    expect(sampled!.queries.kind).toBe('sampled');
  });

  it('chapter 6 opens the builder on the groups the Condorcet matrix is made of', () => {
    const draft = defaultPopulation(3);
    const evaluated = evaluatePopulation(draft, ['concise', 'detailed', 'friendly']);
    expect(evaluated.ok && evaluated.P).toEqual(aggregateAnnotators(CONDORCET_GROUPS));
    expect(buildPreset('condorcet-annotators').preference).toEqual(
      aggregateAnnotators(CONDORCET_GROUPS),
    );
  });
});
