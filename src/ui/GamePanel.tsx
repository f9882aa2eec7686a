import { useState } from 'react';
import { checkImportSize } from '../comparisons/import';
import { UncertaintyLink } from './UncertaintyLink';
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
  const prior = useStore((s) => s.prior);
  const priorError = useStore((s) => s.fieldErrors.prior);
  const setPrior = useStore((s) => s.setPrior);
  const setNotice = useStore((s) => s.setNotice);
  const readFile = (file: File | undefined): void => {
    if (!file) return;
    try {
      // Refused by size before reading: a 50 MB file must not stall the page.
      checkImportSize(file.size, file.name);
    } catch (e) {
      setNotice(`${file.name} was not imported — ${(e as Error).message}`);
      return;
    }
    void file.text().then((text) => importGame(text, file.name));
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
      <UncertaintyLink />
      <div className="file-actions">
        <label className="button">
          Import game
          <input
            type="file"
            accept=".json,.csv,.jsonl,.ndjson,application/json,text/csv"
            onChange={(e) => readFile(e.target.files?.[0])}
          />
        </label>
        <button
          type="button"
          onClick={() => download(`${game.name.replace(/[^\w-]+/g, '-')}.json`, gameFileText(game))}
        >
          Export game
        </button>
        <span className="hint">
          or drop a game file, or pairwise votes (CSV or JSON lines: a,b,winner or
          a,b,wins_a,wins_b[,ties]) here
        </span>
        <NumberField
          label="Vote prior a"
          ariaLabel="Prior strength a"
          title="Beta prior of imported votes: a wins each way per pair (0: the raw win rates)"
          value={prior}
          min={0}
          error={priorError}
          onCommit={(v) => setPrior(v ?? Number.NaN)}
        />
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
