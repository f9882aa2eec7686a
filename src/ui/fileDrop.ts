/**
 * Files into the importer: the Import button and a file dropped anywhere on the page go the same
 * way (a game JSON file, or pairwise votes as CSV or JSON lines). Anything else is refused with a
 * message, and the page never lets the browser navigate to a dropped file (which would leave the
 * app and its experiment).
 */
import { checkImportSize } from '../comparisons/import';
import { useStore } from '../state/store';

/** What the importer reads, by file name; the rest is refused before it is read. */
const IMPORTABLE = /\.(json|csv|jsonl|ndjson|txt)$/i;
export const IMPORT_ACCEPT = '.json,.csv,.jsonl,.ndjson,.txt,application/json,text/csv';

/** Imports one file, or says in the notice why it was not imported (the game stays). */
export function importFile(file: File): void {
  const { setNotice, importGame } = useStore.getState();
  if (!IMPORTABLE.test(file.name)) {
    setNotice(
      `${file.name} was not imported — drop a game file (.json) or pairwise votes (.csv, .jsonl, .ndjson).`,
    );
    return;
  }
  try {
    // Refused by size before reading: a 50 MB file must not stall the page.
    checkImportSize(file.size, file.name);
  } catch (e) {
    setNotice(`${file.name} was not imported — ${(e as Error).message}`);
    return;
  }
  file.text().then(
    (text) => importGame(text, file.name),
    (e: unknown) => setNotice(`${file.name} could not be read — ${(e as Error).message}`),
  );
}

function carriesFiles(e: DragEvent): boolean {
  return e.dataTransfer?.types.includes('Files') ?? false;
}

/** Makes the whole page a drop target for files; returns the function that stops it. */
export function startFileDrop(): () => void {
  const onDragOver = (e: DragEvent): void => {
    // Without this the browser opens the file in place of the app.
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = carriesFiles(e) ? 'copy' : 'none';
  };
  const onDrop = (e: DragEvent): void => {
    e.preventDefault();
    const files = e.dataTransfer?.files;
    if (!files || files.length === 0) return; // dragged text or a link: nothing to import
    if (files.length > 1) {
      useStore
        .getState()
        .setNotice(`${files.length} files were dropped — drop one game or votes file at a time.`);
      return;
    }
    importFile(files[0]!);
  };
  window.addEventListener('dragover', onDragOver);
  window.addEventListener('drop', onDrop);
  return () => {
    window.removeEventListener('dragover', onDragOver);
    window.removeEventListener('drop', onDrop);
  };
}
