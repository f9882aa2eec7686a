import { useEffect, useId, useState, type ReactNode } from 'react';

/**
 * A number field that keeps what is being typed and hands the value over on commit (Enter or
 * leaving the field), never on each keystroke: "12" can be typed on the way from 1 to 16, and a
 * half-typed "100" is not judged as "10". The store says whether it took the value; its error is
 * shown here until a valid value is committed, and the text then follows the store again.
 */
export function NumberField({
  label,
  ariaLabel,
  value,
  onCommit,
  error,
  title,
  placeholder,
  min,
  max,
  step = 'any',
  integer = false,
}: {
  /** The visible label (may differ from the accessible name). */
  label: ReactNode;
  /** The accessible name ("EGPO η"); defaults to the label text. */
  ariaLabel?: string;
  /** The value in use (undefined: the default, shown as the placeholder). */
  value: number | undefined;
  /**
   * Takes the committed number, or undefined for an emptied field (a parameter goes back to its
   * default; a required value refuses it), and returns whether it was accepted.
   */
  onCommit: (value: number | undefined) => unknown;
  error?: string | undefined;
  title?: string;
  placeholder?: string;
  min?: number;
  max?: number;
  step?: number | 'any';
  integer?: boolean;
}) {
  const shown = value === undefined ? '' : String(value);
  const [text, setText] = useState(shown);
  const [local, setLocal] = useState<string | null>(null);
  const id = useId();
  useEffect(() => setText(shown), [shown]);
  const commit = (): void => {
    const trimmed = text.trim();
    if (trimmed === '') {
      setLocal(null);
      if (value !== undefined) onCommit(undefined);
      return;
    }
    const number = Number(trimmed);
    if (!Number.isFinite(number)) {
      setLocal(`“${trimmed.slice(0, 20)}” is not a number`);
      return;
    }
    if (integer && !Number.isInteger(number)) {
      setLocal(`enter a whole number, got ${number}`);
      return;
    }
    setLocal(null);
    // A refused value keeps its text, and the store's error is shown beside it.
    if (number !== value) onCommit(number);
  };
  const message = local ?? error;
  return (
    <label title={title}>
      {label}{' '}
      <input
        type="number"
        inputMode={integer ? 'numeric' : 'decimal'}
        step={step}
        min={min}
        max={max}
        aria-label={ariaLabel}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${id}-error` : undefined}
        placeholder={placeholder}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setText(shown);
            setLocal(null);
          }
        }}
      />
      {message && (
        <span id={`${id}-error`} role="alert" className="param-error">
          {message}
        </span>
      )}
    </label>
  );
}
