import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './ui/style.css';
import { useStore } from './state/store';
import { App } from './ui/App';
import { restoreExperiment, startAutosave } from './ui/persistence';
import { restoreTourLink, startTourLinks } from './ui/tour/links';

declare global {
  interface Window {
    /** The store, for the benchmark that drives the page and for curious users in the console. */
    nashStore: typeof useStore;
  }
}
window.nashStore = useStore;
// A tour or lesson link sets the experiment itself; otherwise a share link or the autosave does.
if (!restoreTourLink()) restoreExperiment();
startAutosave();
startTourLinks();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
