import { PRESETS } from '../core/presets';
import { EDITOR_MAX_K } from '../state/draft';
import { download, gameFileText } from '../state/exports';
import { useStore } from '../state/store';
import { MatrixEditor } from './MatrixEditor';
import { PopulationBuilder } from './PopulationBuilder';

/** Preset picker, the matrix editor and the annotator-population builder. */
export function GamePanel() {
  const presetId = useStore((s) => s.presetId);
  const game = useStore((s) => s.game);
  const setPreset = useStore((s) => s.setPreset);
  const importGame = useStore((s) => s.importGame);
  const readFile = (file: File | undefined): void => {
    if (file) void file.text().then((text) => importGame(text, file.name));
  };
  return (
    <section
      className="panel"
      aria-labelledby="game-heading"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        readFile(e.dataTransfer.files[0]);
      }}
    >
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
      <div className="file-actions">
        <label className="button">
          Import game
          <input
            type="file"
            accept=".json,application/json"
            onChange={(e) => readFile(e.target.files?.[0])}
          />
        </label>
        <button
          type="button"
          onClick={() => download(`${game.name.replace(/[^\w-]+/g, '-')}.json`, gameFileText(game))}
        >
          Export game
        </button>
        <span className="hint">or drop a game file here</span>
      </div>
      {game.K <= EDITOR_MAX_K ? (
        <>
          <MatrixEditor />
          <details className="population-details">
            <summary>Annotator population</summary>
            <PopulationBuilder />
          </details>
        </>
      ) : (
        <p className="hint">{game.K} actions: too many to edit here.</p>
      )}
    </section>
  );
}
