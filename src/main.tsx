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
import { restoreTourLink, startTourLinks } from './ui/tour/links';

declare global {
  interface Window {
    /** The store, for the benchmark that drives the page and for curious users in the console. */
    nashStore: typeof useStore;
  }
}
window.nashStore = useStore;
startTheme();
// A tour or lesson link sets the experiment itself; otherwise a share link or the autosave does.
if (!restoreTourLink()) restoreExperiment();
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
