/**
 * The majority relation of a preference matrix: i ≻ j when P[i][j] > ½. It is what a vote between
 * two actions would decide; a cycle in it (a Condorcet cycle) is what no reward model can represent.
 */

/**
 * |P[i][j] − ½| ≤ this is a tie, neither action beats the other. Aggregated matrices are sums of
 * sigmoids; a symmetric population can leave 0.5000000000000001 where the exact value is ½.
 */
export const TIE_TOLERANCE = 1e-12;

export interface MajorityAnalysis {
  /** beats[i][j]: P[i][j] > ½ + TIE_TOLERANCE. */
  beats: boolean[][];
  /** Pairs i < j with P[i][j] within TIE_TOLERANCE of ½. */
  ties: [number, number][];
  /**
   * A shortest cycle of the majority relation as action indices, without repeating the first:
   * among the shortest, the one found first from the lowest index (BFS in index order).
   */
  cycle: number[] | null;
  /** The action that beats every other, if there is one. */
  condorcetWinner: number | null;
  /** Without a cycle: the actions ordered so that no action is beaten by a later one. */
  order: number[] | null;
}

/** A shortest cycle through `start` in the digraph `beats`, or null. */
function shortestCycleThrough(beats: boolean[][], start: number): number[] | null {
  const K = beats.length;
  const parent = new Array<number>(K).fill(-1);
  const queue = [start];
  const seen = new Array<boolean>(K).fill(false);
  seen[start] = true;
  for (let q = 0; q < queue.length; q++) {
    const u = queue[q]!;
    for (let v = 0; v < K; v++) {
      if (!beats[u]![v]) continue;
      if (v === start) {
        const path = [u];
        while (path[0] !== start) path.unshift(parent[path[0]!]!);
        return path;
      }
      if (!seen[v]) {
        seen[v] = true;
        parent[v] = u;
        queue.push(v);
      }
    }
  }
  return null;
}

/** Kahn's algorithm, lowest index first among the ready: a majority order, or null on a cycle. */
function topologicalOrder(beats: boolean[][]): number[] | null {
  const K = beats.length;
  const beatenBy = beats[0]!.map((_, j) => beats.filter((row) => row[j]).length);
  const order: number[] = [];
  const done = new Array<boolean>(K).fill(false);
  while (order.length < K) {
    const next = beatenBy.findIndex((n, i) => n === 0 && !done[i]);
    if (next < 0) return null;
    done[next] = true;
    order.push(next);
    for (let j = 0; j < K; j++) if (beats[next]![j]) beatenBy[j]!--;
  }
  return order;
}

export function analyzeMajority(P: readonly (readonly number[])[]): MajorityAnalysis {
  const K = P.length;
  const beats = P.map((row) => row.map((p) => p > 0.5 + TIE_TOLERANCE));
  const ties: [number, number][] = [];
  for (let i = 0; i < K; i++)
    for (let j = i + 1; j < K; j++)
      if (Math.abs(P[i]![j]! - 0.5) <= TIE_TOLERANCE) ties.push([i, j]);
  let cycle: number[] | null = null;
  for (let s = 0; s < K; s++) {
    const c = shortestCycleThrough(beats, s);
    if (c && (!cycle || c.length < cycle.length)) cycle = c;
  }
  const winner = beats.findIndex((row, i) => row.every((b, j) => b || j === i));
  return {
    beats,
    ties,
    cycle,
    condorcetWinner: winner >= 0 ? winner : null,
    order: cycle ? null : topologicalOrder(beats),
  };
}

/** "concise ≻ detailed ≻ friendly ≻ concise" */
export function cycleText(cycle: readonly number[], actions: readonly string[]): string {
  return [...cycle, cycle[0]!].map((i) => actions[i]).join(' ≻ ');
}

/**
 * One line for the user: "Intransitive: Condorcet cycle a ≻ b ≻ c ≻ a; no Condorcet winner" or
 * "Transitive: a ≻ b ≻ c; Condorcet winner a". With ties and no cycle the relation is only
 * acyclic (a ≻ b, b ≻ c, a ~ c is possible), so the line says "No majority cycle" and lists them.
 */
export function describeMajority(m: MajorityAnalysis, actions: readonly string[]): string {
  const winner =
    m.condorcetWinner === null
      ? 'no Condorcet winner'
      : `Condorcet winner ${actions[m.condorcetWinner]}`;
  const ties = m.ties.map(([i, j]) => `${actions[i]} ~ ${actions[j]}`).join(', ');
  if (m.cycle) return `Intransitive: Condorcet cycle ${cycleText(m.cycle, actions)}; ${winner}`;
  const order = m.order!.map((i) => actions[i]).join(' ≻ ');
  if (m.ties.length > 0) return `No majority cycle: ${order} (ties at ½: ${ties}); ${winner}`;
  return `Transitive: ${order}; ${winner}`;
}
