import { PRESETS } from '../core/presets';
import { preferenceRows } from '../core/game';
import { useStore } from '../state/store';

/** Preset picker and a read-out of the game (the editor comes with the full app issue). */
export function GamePanel() {
  const presetId = useStore((s) => s.presetId);
  const game = useStore((s) => s.game);
  const setPreset = useStore((s) => s.setPreset);
  const rows = preferenceRows(game);
  return (
    <section className="panel" aria-labelledby="game-heading">
      <h2 id="game-heading">Game</h2>
      <label>
        Game{' '}
        <select value={presetId} onChange={(e) => setPreset(e.target.value)}>
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <p className="hint">{game.description}</p>
      {game.K <= 12 && (
        <table className="matrix" aria-label="Preference matrix P[i][j] = Pr(i ≻ j)">
          <thead>
            <tr>
              <th scope="col">P</th>
              {game.actions.map((a) => (
                <th key={a} scope="col">
                  {a}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={game.actions[i]}>
                <th scope="row">{game.actions[i]}</th>
                {row.map((v, j) => (
                  <td key={j}>{+v.toFixed(3)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
