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
  /** Extra class for layout (e.g. narrow inputs). */
  className?: string;
}

/**
 * Labelled text input. Numbers are typed as text (not type="number") so the
 * user's exact characters stay in the store and invalid text is shown with a
 * message instead of being silently dropped by the browser.
 */
export function TextField(props: TextFieldProps) {
  const { id, label, value, onChange, error, hint, placeholder, inputMode = 'decimal', className } = props;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter((s) => s !== '').join(' ');
  return (
    <div className={`revenue-field${error ? ' revenue-field--invalid' : ''}${className ? ` ${className}` : ''}`}>
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
        <p id={hintId} className="revenue-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="revenue-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export interface SelectFieldProps<T extends string> {
  id: string;
  label: string;
  value: string;
  options: readonly { value: T; label: string }[];
  onChange: (next: T) => void;
  error?: string;
}

export function SelectField<T extends string>(props: SelectFieldProps<T>) {
  const { id, label, value, options, onChange, error } = props;
  const errorId = `${id}-error`;
  return (
    <div className={`revenue-field${error ? ' revenue-field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => {
          const next = options.find((o) => o.value === e.target.value);
          if (next) onChange(next.value);
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      >
        {/* Keep an unknown stored value visible rather than silently showing the first option. */}
        {options.some((o) => o.value === value) ? null : <option value={value}>{value || '(none)'}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p id={errorId} className="revenue-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
