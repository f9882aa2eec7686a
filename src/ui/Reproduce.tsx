/**
 * "Reproduce": a dialog with the race outside the app — the CLI commands that give its numbers and
 * a standalone Python script (numpy only) that runs it (src/experiment/reproduce.ts) — each with
 * a Copy button (and the script a download).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { cliCommands, pythonScript, reproInput } from '../experiment/reproduce';
import { useStore } from '../state/store';
import { download } from './download';

function CopyButton({ text, what }: { text: string; what: string }) {
  const [status, setStatus] = useState('');
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus('Copied');
    } catch {
      setStatus('Copy failed: select the text and copy it');
    }
  };
  return (
    <>
      <button type="button" onClick={() => void copy()}>
        Copy {what}
      </button>
      <span role="status" className="copy-status">
        {status}
      </span>
    </>
  );
}

export function ReproduceButton() {
  const race = useStore((s) => s.race);
  const [texts, setTexts] = useState<{ commands: string; python: string } | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const open = (): void => {
    const state = useStore.getState();
    if (!state.race) return;
    const input = reproInput(state.race.settings, state.epsilon);
    setTexts({ commands: cliCommands(input), python: pythonScript(input) });
  };
  useEffect(() => {
    const d = dialog.current;
    if (!texts || !d || d.open) return;
    // showModal traps focus and closes on Esc; a browser without it still shows the dialog.
    if (typeof d.showModal === 'function') d.showModal();
    else d.setAttribute('open', '');
  }, [texts]);
  const close = (): void => {
    dialog.current?.close?.();
    setTexts(null);
  };
  return (
    <>
      <button
        type="button"
        disabled={!race}
        onClick={open}
        title="The CLI commands and a standalone Python script that give this race's numbers"
      >
        Reproduce
      </button>
      {texts && (
        <dialog
          ref={dialog}
          className="reproduce-dialog"
          aria-labelledby={titleId}
          onClose={() => setTexts(null)}
        >
          <h2 id={titleId}>Reproduce this race</h2>
          <p className="hint">
            Both give the float64 numbers of this race outside the app: the final policy, metrics
            and hitting times of every solver.
            {race !== null &&
              race.queries.kind !== 'exact' &&
              ` With noisy queries (${race.queries.kind}) they run seed ${race.queries.seed}, the first of the race’s ${race.seeds} seeds (the charts show their median).`}
          </p>
          <section aria-label="CLI commands">
            <h3>CLI commands</h3>
            <p className="hint">From a clone of the repository, after npm ci.</p>
            <pre tabIndex={0} aria-label="The CLI commands">
              {texts.commands}
            </pre>
            <CopyButton text={texts.commands} what="commands" />
          </section>
          <section aria-label="Python script">
            <h3>Python script (numpy only)</h3>
            <p className="hint">Runs the same race and prints JSON: python3 race.py</p>
            <pre tabIndex={0} aria-label="The Python script" className="reproduce-script">
              {texts.python}
            </pre>
            <CopyButton text={texts.python} what="script" />{' '}
            <button
              type="button"
              onClick={() => download('race.py', texts.python, 'text/x-python')}
            >
              Download race.py
            </button>
          </section>
          <p>
            <button type="button" className="primary" onClick={close}>
              Close
            </button>
          </p>
        </dialog>
      )}
    </>
  );
}
