import {
  addAction,
  editCell,
  editDistribution,
  editLabel,
  EDITOR_MAX_K,
  EDITOR_MIN_K,
  removeAction,
} from '../experiment/draft';
import { useStore } from '../state/store';

/**
 * The K×K preference editor: editing P[i][j] sets P[j][i] = 1 − P[i][j]; labels are editable;
 * actions can be added and removed. An invalid entry is marked in place with the reason and never
 * reaches the engine: the last valid game keeps running. Compact: each column's "−" sits in a row
 * under the matrix rather than in a column beside it, so six actions fit the side panel.
 */
/** Shows at most 6 decimals of an untouched value; what the user types is shown as typed. */
function short(text: string): string {
  return /^\d*\.\d{7,}$/.test(text) ? String(+Number(text).toFixed(6)) : text;
}

const COMPACT_K = 5;

export function MatrixEditor() {
  const draft = useStore((s) => s.draft);
  const edit = useStore((s) => s.editDraft);
  const K = draft.actions.length;
  const invalid = new Map(draft.issues.map((i) => [i.path, i.message]));
  const counts = useStore((s) => s.game.counts);
  const gameK = useStore((s) => s.game.K);
  // A game from votes: pairs nobody compared sit at ½ by default and are marked as such.
  const uncompared = (i: number, j: number): boolean =>
    counts !== undefined &&
    K === gameK &&
    counts.wins[i * K + j]! + counts.wins[j * K + i]! + counts.ties[i * K + j]! === 0;
  const cellIssue = (i: number, j: number): string | undefined =>
    invalid.get(`preference[${i}][${j}]`) ?? invalid.get(`preference[${j}][${i}]`);
  return (
    // Five or more actions: smaller cells, so that six fit the side panel without scrolling.
    <div className={K >= COMPACT_K ? 'editor compact' : 'editor'}>
      <table className="matrix" aria-label="Preference matrix editor: P[i][j] = Pr(row ≻ column)">
        <thead>
          <tr>
            <th scope="col" className="corner">
              P(row ≻ col)
            </th>
            {draft.actions.map((a, j) => (
              <th key={j} scope="col" title={a}>
                {a}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {draft.actions.map((a, i) => (
            <tr key={i}>
              <th scope="row">
                <input
                  className="label"
                  aria-label={`Label of action ${i + 1}`}
                  // Compact cells cut long names: the whole name on hover (and on focus, style.css).
                  title={a}
                  value={a}
                  aria-invalid={invalid.has(`actions[${i}]`) || undefined}
                  onChange={(e) => edit((d) => editLabel(d, i, e.target.value))}
                />
              </th>
              {draft.actions.map((b, j) =>
                i === j ? (
                  <td key={j} className="diagonal">
                    ½
                  </td>
                ) : (
                  <td key={j}>
                    <input
                      className="cell"
                      inputMode="decimal"
                      aria-label={`P(${a} ≻ ${b})`}
                      value={short(draft.cells[i]![j]!)}
                      aria-invalid={cellIssue(i, j) ? true : undefined}
                      title={
                        cellIssue(i, j) ??
                        (uncompared(i, j) ? 'never compared: ½ by default' : undefined)
                      }
                      data-uncompared={uncompared(i, j) || undefined}
                      onChange={(e) => edit((d) => editCell(d, i, j, e.target.value))}
                    />
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="remove-row">
            <th scope="row">remove</th>
            {draft.actions.map((a, i) => (
              <td key={i}>
                <button
                  type="button"
                  aria-label={`Remove ${a}`}
                  title={`Remove ${a}`}
                  disabled={K <= EDITOR_MIN_K}
                  onClick={() => edit((d) => removeAction(d, i))}
                >
                  −
                </button>
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
      <table className="matrix distributions" aria-label="Reference policy μ and start π₀">
        <tbody>
          {(['reference', 'start'] as const).map((field) => (
            <tr key={field}>
              <th
                scope="row"
                title={
                  field === 'reference'
                    ? 'reference policy μ (full support, sums to 1)'
                    : 'start π₀ (positive, sums to 1)'
                }
              >
                {field === 'reference' ? 'μ' : 'π₀'}
              </th>
              {draft.actions.map((a, i) => (
                <td key={i}>
                  <input
                    className="cell"
                    inputMode="decimal"
                    aria-label={`${field === 'reference' ? 'μ' : 'π₀'}(${a})`}
                    value={short(draft[field][i]!)}
                    aria-invalid={invalid.has(`${field}[${i}]`) || invalid.has(field) || undefined}
                    onChange={(e) => edit((d) => editDistribution(d, field, i, e.target.value))}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="editor-actions">
        <button type="button" disabled={K >= EDITOR_MAX_K} onClick={() => edit(addAction)}>
          Add action
        </button>
      </div>
      {draft.issues.length > 0 && (
        <div role="alert" className="error">
          Not applied — the race keeps the last valid game:
          <ul>
            {draft.issues.slice(0, 5).map((issue) => (
              <li key={issue.path + issue.message}>{issue.message}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
