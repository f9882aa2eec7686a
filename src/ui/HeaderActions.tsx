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
