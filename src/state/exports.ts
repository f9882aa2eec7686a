/**
 * Files the app writes: the game (the one JSON format) and the run documents — made by the same
 * serializer as the CLI's `run`, so an export equals `npm run -s cli -- run` for the same settings.
 */
import { gameToJSON, type Game } from '../core/game';
import { runToJSON } from '../core/report';
import { defaultEvery, runReference } from '../core/run';
import type { SolverId, SolverParams } from '../core/solvers';

export function gameFileText(game: Game): string {
  return `${JSON.stringify(gameToJSON(game), null, 2)}\n`;
}

/** One CLI `run` document per selected solver (default trace density, as the CLI). */
export function runDocuments(s: {
  game: Game;
  beta: number;
  selected: SolverId[];
  params: Partial<Record<SolverId, SolverParams>>;
  budget: number;
}): Record<string, unknown>[] {
  return s.selected.map((solver) =>
    runToJSON(
      runReference({
        game: s.game,
        solver,
        beta: s.beta,
        params: s.params[solver] ?? {},
        steps: s.budget,
        every: defaultEvery(s.budget),
      }),
    ),
  );
}

/** Offers `text` as a download. */
export function download(name: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
