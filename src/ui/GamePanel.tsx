import { useState } from 'react';
import { UncertaintyLink } from './UncertaintyLink';
import { PRESETS, type Preset } from '../core/presets';
import { EDITOR_MAX_K } from '../experiment/draft';
import { gameFileText } from '../experiment/exports';
import { download } from './download';
import { IMPORT_ACCEPT, importFile } from './fileDrop';
import { useStore } from '../state/store';
import { MatrixEditor } from './MatrixEditor';
import { MY_GAME_PREFIX, pickMyGame, useMyGames } from './myGames';
import { NumberField } from './NumberField';
import { PopulationBuilder } from './PopulationBuilder';

/** Preset picker, the matrix editor and the annotator-population builder. */
export function GamePanel() {
  const presetId = useStore((s) => s.presetId);
  const game = useStore((s) => s.game);
  const setPreset = useStore((s) => s.setPreset);
  const populationOpen = useStore((s) => s.populationOpen);
  const setPopulationOpen = useStore((s) => s.setPopulationOpen);
  const myGames = useMyGames((s) => s.games);
  const myCurrent = useMyGames((s) => s.current);
  // A parametrized preset (`random:12:3`) is its base entry in the picker, with its arguments.
  const presetBase = presetId.split(':')[0]!;
  const preset = PRESETS.find((p) => p.id === presetBase);
  const prior = useStore((s) => s.prior);
  const priorError = useStore((s) => s.fieldErrors.prior);
  const setPrior = useStore((s) => s.setPrior);
  return (
    // A file dropped here, or anywhere on the page, is imported (src/ui/fileDrop.ts).
    <section className="panel" aria-labelledby="game-heading">
      <h2 id="game-heading">Game</h2>
      <label>
        Game{' '}
        <select
          value={presetId === 'custom' && myCurrent ? `${MY_GAME_PREFIX}${myCurrent}` : presetBase}
          onChange={(e) => {
            const value = e.target.value;
            if (value.startsWith(MY_GAME_PREFIX)) pickMyGame(value.slice(MY_GAME_PREFIX.length));
            else if (value !== 'custom') setPreset(value);
          }}
        >
          {/* Without storage the custom game has no entry: it is listed on its own. */}
          {presetId === 'custom' && !myCurrent && <option value="custom">{game.name}</option>}
          {myGames.length > 0 && (
            <optgroup label="My games">
              {myGames.map((g) => (
                <option key={g.id} value={`${MY_GAME_PREFIX}${g.id}`}>
                  {g.name}
                </option>
              ))}
            </optgroup>
          )}
          <optgroup label="Presets">
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </optgroup>
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
            accept={IMPORT_ACCEPT}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) importFile(file);
            }}
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
          a,b,wins_a,wins_b[,ties]) anywhere on the page
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
            data-tour-target="population"
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
