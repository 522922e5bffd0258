import type { ReactNode } from 'react';

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (next: string) => void;
  error?: string;
  hint?: ReactNode;
  placeholder?: string;
  inputMode?: 'decimal' | 'numeric' | 'text';
  /** Extra class for layout (e.g. `field-narrow`). */
  className?: string;
}

/**
 * Labelled text input for exact entries (money, rates): numbers are typed as text, not type="number", so
 * the person's exact characters stay in the store and invalid text is shown with a message instead of
 * being silently dropped by the browser. Same look as NumberField (`.field`).
 */
export function TextField(props: TextFieldProps) {
  const { id, label, value, onChange, error, hint, placeholder, inputMode = 'decimal', className } = props;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter((s) => s !== '').join(' ');
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode={inputMode}
        autoComplete="off"
        spellCheck={false}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
