/** Members for the `mix` (Nash-MD's mixture weight) checks, shared by the engine tests. */
import { resolveParams } from '../../src/core/solvers';
import type { Game } from '../../src/core/game';
import type { BatchSpec } from '../../src/engine/types';

/**
 * nash-md and nash-md-pg with and without a fixed mixture weight in one batch (so a group holds
 * members of both kinds), under constant steps and Nash-MD's theory schedule.
 */
export function mixMembers(game: Game, steps = 600, every = 150): BatchSpec {
  const start = game.start;
  return {
    game,
    members: [
      { solver: 'nash-md', params: resolveParams('nash-md', 0.1, { eta: 0.4 }), start },
      { solver: 'nash-md', params: resolveParams('nash-md', 0.1, { eta: 0.4, mix: 0.02 }), start },
      { solver: 'nash-md', params: resolveParams('nash-md', 0.1, { mix: 0.3 }), start },
      { solver: 'nash-md-pg', params: resolveParams('nash-md-pg', 0.1, { eta: 0.5 }), start },
      {
        solver: 'nash-md-pg',
        params: resolveParams('nash-md-pg', 0.1, { eta: 0.5, mix: 0.01 }),
        start,
      },
    ],
    steps,
    every,
  };
}
