/**
 * Which three actions the simplex shows for a game of K > 3 actions until the user picks: the three
 * with the most equilibrium mass. The first three would put a dominated action on a vertex and
 * collapse every trajectory onto the opposite edge (a model that loses to every other one).
 */

/** Masses closer than this are a tie (solvers leave ~1e-16 between equal masses): the lower index wins. */
const TIE = 1e-9;

/** The indices of the three largest entries of `policy`, in index order. */
export function mostMassActions(policy: ArrayLike<number>): [number, number, number] {
  const order = Array.from({ length: policy.length }, (_, i) => i);
  const mass = (i: number): number => (Number.isFinite(policy[i]!) ? policy[i]! : -Infinity);
  order.sort((a, b) => {
    const d = mass(b) - mass(a);
    return Math.abs(d) > TIE ? d : a - b;
  });
  const top = order.slice(0, 3).sort((a, b) => a - b);
  while (top.length < 3) top.push(top.length);
  return top as [number, number, number];
}
