import { useStore as useVanillaStore } from 'zustand';
import { useStore } from '../state/store';
import { toggleTheme } from './theme';

/** Present mode on and off (also key P; Esc leaves). */
export function PresentButton() {
  const presenting = useStore((s) => s.presenting);
  const setPresenting = useStore((s) => s.setPresenting);
  return presenting ? (
    <button type="button" onClick={() => setPresenting(false)} title="Esc also leaves">
      Exit presentation
    </button>
  ) : (
    <button
      type="button"
      onClick={() => setPresenting(true)}
      title="Charts only, enlarged for a projector (key P; Esc leaves)"
    >
      Present
    </button>
  );
}

/** The dark theme on and off for this browser (the system's theme until it is used). */
export function ThemeToggle() {
  const theme = useStore((s) => s.theme);
  return (
    <button
      type="button"
      aria-pressed={theme === 'dark'}
      onClick={toggleTheme}
      title="Remembered in this browser; not part of share links"
    >
      Dark theme
    </button>
  );
}

/**
 * Undo and Redo of the experiment (also Ctrl/Cmd+Z, Ctrl+Shift+Z and Ctrl+Y outside text fields):
 * every change of a field is a step, a slider drag one step (src/state/history.ts).
 */
export function UndoRedo() {
  const canUndo = useVanillaStore(useStore.temporal, (h) => h.pastStates.length > 0);
  const canRedo = useVanillaStore(useStore.temporal, (h) => h.futureStates.length > 0);
  const undo = useStore((s) => s.undo);
  const redo = useStore((s) => s.redo);
  // On a phone the arrows alone keep the header on one row; the names stay "Undo" and "Redo".
  return (
    <>
      <HistoryButton
        name="Undo"
        arrow="↶"
        enabled={canUndo}
        onClick={undo}
        title="Undo (Ctrl+Z, ⌘Z)"
      />
      <HistoryButton
        name="Redo"
        arrow="↷"
        enabled={canRedo}
        onClick={redo}
        title="Redo (Ctrl+Shift+Z or Ctrl+Y)"
      />
    </>
  );
}

/** An arrow, and its name where the header has room (CSS hides .history-word on a phone). */
function HistoryButton({
  name,
  arrow,
  enabled,
  onClick,
  title,
}: {
  name: string;
  arrow: string;
  enabled: boolean;
  onClick: () => void;
  title: string;
}) {
  return (
    <button
      type="button"
      className="history-button"
      aria-label={name}
      disabled={!enabled}
      onClick={onClick}
      title={title}
    >
      <span aria-hidden="true">{arrow}</span>
      <span className="history-word">{` ${name}`}</span>
    </button>
  );
}
