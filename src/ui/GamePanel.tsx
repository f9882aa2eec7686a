import { PRESETS } from '../core/presets';
import { EDITOR_MAX_K } from '../state/draft';
import { useStore } from '../state/store';
import { MatrixEditor } from './MatrixEditor';

/** Preset picker and the matrix editor. */
export function GamePanel() {
  const presetId = useStore((s) => s.presetId);
  const game = useStore((s) => s.game);
  const setPreset = useStore((s) => s.setPreset);
  return (
    <section className="panel" aria-labelledby="game-heading">
      <h2 id="game-heading">Game</h2>
      <label>
        Game{' '}
        <select value={presetId} onChange={(e) => setPreset(e.target.value)}>
          {presetId === 'custom' && <option value="custom">Custom (edited)</option>}
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <p className="hint">{game.description}</p>
      {game.K <= EDITOR_MAX_K ? (
        <MatrixEditor />
      ) : (
        <p className="hint">{game.K} actions: too many to edit here.</p>
      )}
    </section>
  );
}
