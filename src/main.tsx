import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './ui/style.css';
import { useStore } from './state/store';
import { App } from './ui/App';

declare global {
  interface Window {
    /** The store, for the benchmark that drives the page and for curious users in the console. */
    nashStore: typeof useStore;
  }
}
window.nashStore = useStore;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
