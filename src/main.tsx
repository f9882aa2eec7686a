import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './ui/style.css';
import { useStore } from './state/store';
import { probeAdapter } from './ui/adapter';
import { startFileDrop } from './ui/fileDrop';
import { startMyGames } from './ui/myGames';
import { App } from './ui/App';
import { restoreExperiment, startAutosave } from './ui/persistence';
import { startTheme } from './ui/theme';
import { restorePage, startTourLinks } from './ui/tour/links';
import { clearHistory } from './state/history';

declare global {
  interface Window {
    /** The store, for the benchmark that drives the page and for curious users in the console. */
    nashStore: typeof useStore;
  }
}
window.nashStore = useStore;
startTheme();
// A share link or the autosave, then a tour or lesson over it (the experiment set aside as the
// person's own); the page opens with nothing to undo.
restorePage(restoreExperiment);
clearHistory();
startAutosave();
startTourLinks();
startMyGames();
startFileDrop();
// After the first paint: the adapter only names the device on the engine line.
setTimeout(() => void probeAdapter(), 0);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
