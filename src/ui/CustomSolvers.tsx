import { useEffect, useId, useMemo, useState } from 'react';
import { checkFormula, formatIssue, issueLine, toLatex } from '../formula';
import { CUSTOM_DASH, MAX_CUSTOM_SOLVERS, type CustomSolverSpec } from '../formula/custom';
import { useStore } from '../state/store';
import { NumberField } from './NumberField';
import { SolverSwatch } from './SolverSwatch';

/**
 * Your own solvers: update rules typed as formulas (docs/custom-solvers.md). Each card checks its
 * rule while it is typed (a positioned message, never an evaluation) and shows the parsed rule in
 * KaTeX; the race takes it when the field is left or on Ctrl+Enter. Several may race at once.
 */
export function CustomSolvers() {
  const custom = useStore((s) => s.custom);
  const add = useStore((s) => s.addCustomSolver);
  return (
    <fieldset className="custom-solvers">
      <legend>Custom solvers</legend>
      {custom.map((spec) => (
        <CustomSolverCard key={spec.id} spec={spec} />
      ))}
      <button type="button" onClick={add} disabled={custom.length >= MAX_CUSTOM_SOLVERS}>
        Add custom solver
      </button>
      {custom.length === 0 && (
        <p className="hint">
          Type an update rule in log space, e.g. <code>next = logpi + eta * P·pi</code>{' '}
          (multiplicative weights); it races beside the built-ins and travels in share links.
        </p>
      )}
    </fieldset>
  );
}

/**
 * A rule typeset with KaTeX, or null until KaTeX has loaded: it loads with the first custom
 * solver card (as with the tour), not with the page, so the first look does not wait for it.
 */
function useTex(latex: string | null): string | null {
  const [render, setRender] = useState<((tex: string) => string | null) | null>(null);
  useEffect(() => {
    let live = true;
    void import('./tour/RichText').then((m) => {
      if (live) setRender(() => m.renderTex);
    });
    return () => {
      live = false;
    };
  }, []);
  return useMemo(() => (latex !== null && render ? render(latex) : null), [latex, render]);
}

function CustomSolverCard({ spec }: { spec: CustomSolverSpec }) {
  const edit = useStore((s) => s.editCustomSolver);
  const remove = useStore((s) => s.removeCustomSolver);
  const error = useStore((s) => s.customErrors[spec.id]);
  const [text, setText] = useState(spec.formula);
  const [name, setName] = useState(spec.name);
  useEffect(() => setText(spec.formula), [spec.formula]);
  useEffect(() => setName(spec.name), [spec.name]);
  const id = useId();
  const outcome = useMemo(() => checkFormula(text), [text]);
  const latex = useMemo(() => (outcome.ok ? toLatex(outcome.program) : null), [outcome]);
  const tex = useTex(latex);
  const issue = outcome.ok ? null : outcome.issues[0]!;
  const commit = (): void => {
    if (text !== spec.formula && outcome.ok) edit(spec.id, { formula: text });
  };
  return (
    <section className="custom-solver" aria-label={`Custom solver ${spec.name}`}>
      <div className="custom-head">
        <SolverSwatch solver={{ color: spec.color, dash: CUSTOM_DASH }} />
        <label>
          Name{' '}
          <input
            aria-label={`${spec.name} name`}
            value={name}
            maxLength={40}
            onChange={(e) => setName(e.target.value)}
            onBlur={() => name !== spec.name && edit(spec.id, { name })}
          />
        </label>
        <label>
          Colour{' '}
          <input
            type="color"
            aria-label={`${spec.name} colour`}
            value={spec.color.toLowerCase()}
            onChange={(e) => edit(spec.id, { color: e.target.value })}
          />
        </label>
        <button type="button" aria-label={`Remove ${spec.name}`} onClick={() => remove(spec.id)}>
          Remove
        </button>
      </div>
      <label className="formula-field">
        Update rule
        <textarea
          aria-label={`${spec.name} formula`}
          aria-invalid={issue ? true : undefined}
          aria-describedby={issue ? `${id}-issue` : undefined}
          spellCheck={false}
          rows={Math.min(8, Math.max(2, text.split('\n').length))}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) commit();
          }}
        />
      </label>
      {issue ? (
        <pre id={`${id}-issue`} role="alert" className="formula-issue">
          {issueLine(issue)}
          {'\n'}
          {formatIssue(text, issue)}
        </pre>
      ) : (
        tex && (
          <div
            className="formula-tex"
            aria-label={`${spec.name} rule, typeset`}
            role="img"
            dangerouslySetInnerHTML={{ __html: tex }}
          />
        )
      )}
      {!issue && text !== spec.formula && (
        <p className="hint">Leave the field (or press Ctrl+Enter) to race this rule.</p>
      )}
      <NumberField
        label="η"
        ariaLabel={`${spec.name} η`}
        value={spec.eta}
        min={0}
        max={100}
        onCommit={(v) => edit(spec.id, { eta: v ?? Number.NaN })}
      />
      {error && (
        <p role="alert" className="param-error">
          {error}
        </p>
      )}
    </section>
  );
}
