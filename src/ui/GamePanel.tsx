import { useState } from 'react';
import { PRESETS, type Preset } from '../core/presets';
import { EDITOR_MAX_K } from '../experiment/draft';
import { gameFileText } from '../experiment/exports';
import { download } from './download';
import { useStore } from '../state/store';
import { MatrixEditor } from './MatrixEditor';
import { NumberField } from './NumberField';
import { PopulationBuilder } from './PopulationBuilder';

/** Preset picker, the matrix editor and the annotator-population builder. */
export function GamePanel() {
  const presetId = useStore((s) => s.presetId);
  const game = useStore((s) => s.game);
  const setPreset = useStore((s) => s.setPreset);
  const importGame = useStore((s) => s.importGame);
  const populationOpen = useStore((s) => s.populationOpen);
  const setPopulationOpen = useStore((s) => s.setPopulationOpen);
  // A parametrized preset (`random:12:3`) is its base entry in the picker, with its arguments.
  const presetBase = presetId.split(':')[0]!;
  const preset = PRESETS.find((p) => p.id === presetBase);
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
        <select value={presetBase} onChange={(e) => setPreset(e.target.value)}>
          {presetId === 'custom' && <option value="custom">Custom (edited)</option>}
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      {preset && preset.args.length > 0 && <PresetArgs preset={preset} spec={presetId} />}
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
          <details
            className="population-details"
            open={populationOpen}
            onToggle={(e) => setPopulationOpen(e.currentTarget.open)}
          >
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

/** The arguments of a parametrized preset (the random game's K and seed, a mixing λ). */
function PresetArgs({ preset, spec }: { preset: Preset; spec: string }) {
  const setPreset = useStore((s) => s.setPreset);
  const error = useStore((s) => s.fieldErrors.presetId);
  // The argument whose last value was refused shows why.
  const [refused, setRefused] = useState<number | null>(null);
  const given = spec.split(':').slice(1);
  const values = preset.args.map((a, i) =>
    given[i] !== undefined && given[i] !== '' ? Number(given[i]) : a.default,
  );
  return (
    <div className="preset-args">
      {preset.args.map((arg, i) => (
        <NumberField
          key={arg.name}
          label={arg.name}
          ariaLabel={`${preset.name}: ${arg.description}`}
          title={arg.description}
          value={values[i]}
          min={arg.min}
          max={arg.max}
          step={arg.integer ? 1 : 'any'}
          integer={arg.integer}
          error={refused === i ? error : undefined}
          onCommit={(v) => {
            const ok =
              v !== undefined &&
              setPreset(`${preset.id}:${values.map((x, k) => (k === i ? v : x)).join(':')}`);
            setRefused(ok ? null : i);
            return ok;
          }}
        />
      ))}
    </div>
  );
}
