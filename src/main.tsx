import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './ui/style.css';
import { useStore } from './state/store';
import { App } from './ui/App';
import { restoreExperiment, startAutosave } from './ui/persistence';

declare global {
  interface Window {
    /** The store, for the benchmark that drives the page and for curious users in the console. */
    nashStore: typeof useStore;
  }
}
window.nashStore = useStore;
restoreExperiment();
startAutosave();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
