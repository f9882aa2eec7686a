/** Share links carry the unregularized game's parameters (refresh, mpo's magnet) and refuse bad ones. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPERIMENT, type Experiment } from '../../../src/state/fields';
import { decodeExperiment, encodeExperiment } from '../../../src/state/link';

const experiment = (over: Partial<Experiment>): Experiment => ({ ...DEFAULT_EXPERIMENT, ...over });

describe('links: refresh and magnet', () => {
  it('round-trip mpo and a refreshed INPO at β = 0', () => {
    const e = experiment({
      beta: 0,
      solvers: ['mpo', 'inpo', 'online-ipo', 'nash-md-pg'],
      params: { mpo: { magnet: 0.3, refresh: 50 }, inpo: { eta: 1, refresh: 200 } },
    });
    const d = decodeExperiment(encodeExperiment(e));
    if (!d.ok) throw new Error(d.error);
    expect(d.value.params).toEqual(e.params);
    expect(d.value.solvers).toEqual(e.solvers);
  });

  it('refuses a negative period, mpo without refresh, and a refresh where there is no μ', () => {
    for (const params of [
      { inpo: { refresh: -1 } },
      { mpo: { refresh: 0 } },
      { mpo: { magnet: -0.1 } },
      { sppo: { refresh: 10 } },
    ]) {
      const d = decodeExperiment(encodeExperiment(experiment({ params })));
      expect(d.ok, JSON.stringify(params)).toBe(false);
    }
  });
});
