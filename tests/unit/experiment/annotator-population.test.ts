/**
 * Annotator populations: aggregation, the majority relation (Condorcet cycles) and the
 * Bradley–Terry fit, against numbers computed by hand.
 */
import { describe, expect, it } from 'vitest';
import { rankingScores, scoresRanking, sigmoid } from '../../../src/core/annotators';
import { fitBradleyTerry, rewardModelPolicy } from '../../../src/core/bradleyTerry';
import { preferenceRows } from '../../../src/core/game';
import { analyzeMajority, describeMajority } from '../../../src/core/majority';
import { buildPopulation, type GroupSpec, type PopulationSpec } from '../../../src/core/population';
import { buildPreset, CONDORCET_GROUPS } from '../../../src/core/presets';
import { compareRewardModelWithNash } from '../../../src/core/rewardVsNash';
import { parseGame } from '../../../src/core/validate';

const ln = Math.log;

/**
 * The hand-computed example. Actions a, b, c; scores are logarithms so every σ is a fraction
 * (σ(ln x) = x/(1 + x)):
 *
 *   g1, weight 2, scores (ln 3, 0, −ln 3):   P(a≻b) = σ(ln 3) = 3/4, P(a≻c) = σ(ln 9) = 9/10,
 *                                            P(b≻c) = σ(ln 3) = 3/4
 *   g2, weight 1, ranking b, c, a with strength ln 2 → scores (a, b, c) = (0, 2 ln 2, ln 2):
 *                                            P(a≻b) = σ(−ln 4) = 1/5, P(a≻c) = σ(−ln 2) = 1/3,
 *                                            P(b≻c) = σ(ln 2) = 2/3
 *   g3, weight 1, scores (0, 0, ln 9):       P(a≻b) = 1/2, P(a≻c) = 1/10, P(b≻c) = 1/10
 *
 *   P(a≻b) = (2·3/4 + 1/5 + 1/2)/4 = 2.2/4 = 11/20 = 0.55
 *   P(a≻c) = (2·9/10 + 1/3 + 1/10)/4 = (67/30)/4 = 67/120 = 0.558333…
 *   P(b≻c) = (2·3/4 + 2/3 + 1/10)/4 = (34/15)/4 = 17/30 = 0.566666…
 *
 * a beats b and c, b beats c: transitive, Condorcet winner a.
 */
const HAND: PopulationSpec = {
  actions: ['a', 'b', 'c'],
  groups: [
    { name: 'g1', weight: 2, mode: 'scores', scores: [ln(3), 0, -ln(3)] },
    { name: 'g2', weight: 1, mode: 'ranking', ranking: [1, 2, 0], strength: ln(2) },
    { name: 'g3', weight: 1, mode: 'scores', scores: [0, 0, ln(9)] },
  ],
};

function build(spec: PopulationSpec): number[][] {
  const r = buildPopulation(spec);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.P;
}

function fit(P: number[][], actions?: string[]) {
  const r = fitBradleyTerry(P, actions);
  if (!r.ok) throw new Error(r.reason);
  return r.fit;
}

const CONDORCET: PopulationSpec = {
  actions: ['concise', 'detailed', 'friendly'],
  groups: CONDORCET_GROUPS.map((g) => ({ ...g, mode: 'scores' as const })),
};

describe('the ranking rule', () => {
  it('steps the scores down by the strength per place', () => {
    expect(rankingScores([1, 2, 0], 2)).toEqual([0, 4, 2]);
    expect(scoresRanking([0, 4, 2])).toEqual([1, 2, 0]);
    expect(scoresRanking([1, 1, 0])).toEqual([0, 1, 2]);
  });

  it('reproduces the preset: its groups are rankings of strength 1.5', () => {
    const asRankings: GroupSpec[] = CONDORCET_GROUPS.map((g) => ({
      name: g.name,
      weight: g.weight,
      mode: 'ranking',
      ranking: scoresRanking(g.scores),
      strength: 1.5,
    }));
    expect(build({ ...CONDORCET, groups: asRankings })).toEqual(build(CONDORCET));
  });
});

describe('aggregation', () => {
  it('matches the hand-computed example', () => {
    const P = build(HAND);
    expect(P[0]![1]).toBeCloseTo(11 / 20, 14);
    expect(P[0]![2]).toBeCloseTo(67 / 120, 14);
    expect(P[1]![2]).toBeCloseTo(17 / 30, 14);
    for (let i = 0; i < 3; i++) {
      expect(P[i]![i]).toBe(0.5);
      for (let j = 0; j < 3; j++) expect(P[i]![j]! + P[j]![i]!).toBe(1);
    }
  });

  it('equals the condorcet-annotators preset on its groups', () => {
    expect(build(CONDORCET)).toEqual(buildPreset('condorcet-annotators').preference);
  });
});

describe('validation names the group and the field', () => {
  const messages = (spec: PopulationSpec): string[] => {
    const r = buildPopulation(spec);
    return r.ok ? [] : r.issues.map((i) => i.message);
  };
  const group = (over: Partial<GroupSpec>): GroupSpec =>
    ({ name: 'experts', weight: 1, mode: 'scores', scores: [1, 0, 0], ...over }) as GroupSpec;

  it('refuses weights that are not positive and finite', () => {
    expect(messages({ actions: ['a', 'b', 'c'], groups: [group({ weight: 0 })] })).toEqual([
      'groups[0].weight of group "experts" is 0; a population weight must be a positive finite number',
    ]);
    expect(messages({ actions: ['a', 'b', 'c'], groups: [group({ weight: -1 })] })).toHaveLength(1);
    expect(
      messages({ actions: ['a', 'b', 'c'], groups: [group({ weight: Infinity })] }),
    ).toHaveLength(1);
  });

  it('refuses non-finite scores, naming the action', () => {
    expect(
      messages({ actions: ['a', 'b', 'c'], groups: [group({ scores: [1, NaN, 0] })] }),
    ).toEqual([
      'groups[0].scores[1] of group "experts" ("b") is NaN; scores must be finite numbers',
    ]);
  });

  it('refuses a ranking that is not a permutation', () => {
    const ranking = (r: number[]): GroupSpec =>
      ({ name: 'students', weight: 1, mode: 'ranking', ranking: r, strength: 1 }) as GroupSpec;
    expect(messages({ actions: ['a', 'b', 'c'], groups: [ranking([0, 0, 2])] })).toEqual([
      'groups[0].ranking[1] of group "students" repeats "a" (already at place 1); a ranking lists every action once',
      'groups[0].ranking of group "students" leaves out "b"; a ranking lists every action once',
    ]);
    expect(messages({ actions: ['a', 'b', 'c'], groups: [ranking([0, 1, 3])] })[0]).toMatch(
      /groups\[0\]\.ranking\[2\] of group "students" is 3; it must be an action index from 0 to 2/,
    );
    expect(
      messages({
        actions: ['a', 'b', 'c'],
        groups: [{ ...ranking([0, 1, 2]), strength: -2 } as GroupSpec],
      }),
    ).toEqual([
      'groups[0].strength of group "students" is -2; the ranking strength must be positive and finite',
    ]);
  });

  it('refuses duplicate or empty labels, K outside 2–12, and an empty population', () => {
    expect(messages({ actions: ['a', 'a', 'c'], groups: [group({})] })).toEqual([
      'actions[1] duplicates actions[0] ("a"); labels must be distinct',
    ]);
    expect(messages({ actions: ['a'], groups: [group({ scores: [0] })] })[0]).toMatch(
      /^actions has 1 labels; a population needs 2 to 12 actions/,
    );
    const K13 = Array.from({ length: 13 }, (_, i) => `x${i}`);
    expect(
      messages({ actions: K13, groups: [group({ scores: new Array<number>(13).fill(0) })] }),
    ).toHaveLength(1);
    expect(messages({ actions: ['a', 'b'], groups: [] })).toEqual([
      'groups is empty; a population needs at least one group',
    ]);
    expect(messages({ actions: ['a', 'b', 'c'], groups: [group({ scores: [1, 2] })] })).toEqual([
      'groups[0].scores of group "experts" has 2 scores, but there are 3 actions',
    ]);
    expect(messages({ actions: ['a', 'b', 'c'], groups: [group({ name: ' ' })] })).toEqual([
      'groups[0].name of group 1 is empty; every group needs a name',
    ]);
  });
});

describe('majority relation and Condorcet cycles', () => {
  it('names the cycle of the condorcet-annotators preset', () => {
    const m = analyzeMajority(build(CONDORCET));
    expect(m.cycle).toEqual([0, 1, 2]);
    expect(m.condorcetWinner).toBeNull();
    expect(describeMajority(m, CONDORCET.actions)).toBe(
      'Intransitive: Condorcet cycle concise ≻ detailed ≻ friendly ≻ concise; no Condorcet winner',
    );
  });

  it('finds no cycle in a transitive population and names the winner', () => {
    const m = analyzeMajority(build(HAND));
    expect(m.cycle).toBeNull();
    expect(m.order).toEqual([0, 1, 2]);
    expect(describeMajority(m, HAND.actions)).toBe('Transitive: a ≻ b ≻ c; Condorcet winner a');
  });

  it('for K > 3 reports a shortest cycle, and a Condorcet winner outside it', () => {
    // w beats everyone. Among the rest: x ≻ y, y ≻ z, z ≻ x, z ≻ v, v ≻ x, v ≻ y — the 3-cycles
    // x ≻ y ≻ z ≻ x and y ≻ z ≻ v ≻ y, and the 4-cycle x ≻ y ≻ z ≻ v ≻ x; the BFS from x finds
    // x ≻ y ≻ z ≻ x first.
    const P = [
      [0.5, 0.9, 0.9, 0.9, 0.9],
      [0.1, 0.5, 0.8, 0.4, 0.3],
      [0.1, 0.2, 0.5, 0.7, 0.4],
      [0.1, 0.6, 0.3, 0.5, 0.8],
      [0.1, 0.7, 0.6, 0.2, 0.5],
    ];
    const m = analyzeMajority(P);
    expect(m.condorcetWinner).toBe(0);
    expect(m.cycle).toHaveLength(3);
    expect(describeMajority(m, ['w', 'x', 'y', 'z', 'v'])).toBe(
      'Intransitive: Condorcet cycle x ≻ y ≻ z ≻ x; Condorcet winner w',
    );
  });

  it('treats P = ½ (within 1e-12) as a tie, not a win', () => {
    const m = analyzeMajority([
      [0.5, 0.5 + 1e-13, 0.7],
      [0.5 - 1e-13, 0.5, 0.6],
      [0.3, 0.4, 0.5],
    ]);
    expect(m.ties).toEqual([[0, 1]]);
    expect(m.condorcetWinner).toBeNull();
    expect(describeMajority(m, ['a', 'b', 'c'])).toBe(
      'No majority cycle: a ≻ b ≻ c (ties at ½: a ~ b); no Condorcet winner',
    );
  });
});

describe('Bradley–Terry fit', () => {
  it('two actions: s₁ − s₂ = logit(P[0][1]) (closed form)', () => {
    const p = 0.8;
    const f = fit([
      [0.5, p],
      [1 - p, 0.5],
    ]);
    expect(f.scores[0]! - f.scores[1]!).toBeCloseTo(ln(p / (1 - p)), 12);
    expect(f.scores[0]! + f.scores[1]!).toBeCloseTo(0, 15);
  });

  it('recovers Bradley–Terry scores exactly: P = σ(s_i − s_j) with s = (ln 4, ln 2, 0) → (ln 2, 0, −ln 2)', () => {
    const s = [ln(4), ln(2), 0];
    const P = s.map((a) => s.map((b) => sigmoid(a - b)));
    const f = fit(P);
    expect(Array.from(f.scores)).toEqual([
      expect.closeTo(ln(2), 12),
      expect.closeTo(0, 12),
      expect.closeTo(-ln(2), 12),
    ]);
    expect(f.maxResidual).toBeLessThan(1e-12);
    // π_RM ∝ μ·exp(s/β) at β = 1, μ uniform: ∝ (2, 1, ½) = (4/7, 2/7, 1/7).
    const pi = rewardModelPolicy(f, [1 / 3, 1 / 3, 1 / 3], 1);
    expect(Array.from(pi)).toEqual([
      expect.closeTo(4 / 7, 14),
      expect.closeTo(2 / 7, 14),
      expect.closeTo(1 / 7, 14),
    ]);
    // β = 0: the top action only.
    expect(Array.from(rewardModelPolicy(f, [0.2, 0.3, 0.5], 0))).toEqual([1, 0, 0]);
  });

  it('satisfies the stationarity equations Σ_j (P[i][j] − σ(s_i − s_j)) = 0 on the hand example', () => {
    const P = build(HAND);
    const f = fit(P);
    for (let i = 0; i < 3; i++) {
      let r = 0;
      for (let j = 0; j < 3; j++)
        if (j !== i) r += P[i]![j]! - sigmoid(f.scores[i]! - f.scores[j]!);
      expect(Math.abs(r)).toBeLessThan(1e-12);
    }
    expect(f.scores.reduce((a, v) => a + v, 0)).toBeCloseTo(0, 14);
    // The fitted order follows the majority order a ≻ b ≻ c, but P is not exactly Bradley–Terry.
    expect(f.ranking).toEqual([0, 1, 2]);
    expect(f.top).toEqual([0]);
    expect(f.maxResidual).toBeGreaterThan(0.01);
  });

  it('sees nothing on the symmetric Condorcet cycle: every score 0, P misfit σ(0) vs P', () => {
    // P is circulant (each group a rotation), so by symmetry the fit ties all three actions.
    const P = build(CONDORCET);
    const f = fit(P);
    for (const v of f.scores) expect(Math.abs(v)).toBeLessThan(1e-12);
    expect(f.top).toEqual([0, 1, 2]);
    expect(f.maxResidual).toBeCloseTo(P[0]![1]! - 0.5, 12);
  });

  it('says when no finite maximum exists (an action that never wins)', () => {
    const r = fitBradleyTerry(
      [
        [0.5, 1, 1],
        [0, 0.5, 0.7],
        [0, 0.3, 0.5],
      ],
      ['a', 'b', 'c'],
    );
    expect(r).toEqual({
      ok: false,
      reason:
        'the Bradley–Terry fit has no finite maximum: b, c never beat a (P = 0), so the score gap would be infinite',
    });
  });
});

describe('reward model vs Nash equilibrium', () => {
  it('on experts × 2 the reward model overcommits to concise; π*_β keeps all three', () => {
    const spec = {
      ...CONDORCET,
      groups: CONDORCET.groups.map((g, i) => ({ ...g, weight: i === 0 ? 2 : 1 })),
    };
    const P = build(spec);
    const game = parseGame({ name: 'x', actions: spec.actions, preference: P });
    expect(preferenceRows(game)).toEqual(P);
    const r = compareRewardModelWithNash(game, 0.1);
    if (!r.ok) throw new Error(r.reason);
    const { fit: f, rewardPolicy, nashBeta, nash0 } = r.value;
    expect(f.top).toEqual([0]);
    // π_RM = softmax(s/β) with μ uniform.
    const w = Array.from(f.scores, (s) => Math.exp(s / 0.1));
    const total = w.reduce((a, v) => a + v, 0);
    w.forEach((v, i) => expect(rewardPolicy[i]).toBeCloseTo(v / total, 14));
    expect(rewardPolicy[0]).toBeGreaterThan(0.9);
    expect(nashBeta[0]).toBeLessThan(0.6);
    expect(nash0[0]).toBeCloseTo(1, 12); // concise is a Condorcet winner: the β = 0 NE is pure
    expect(r.value.distance).toBeGreaterThan(0.3);
  });
});
