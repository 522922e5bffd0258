import { useId } from 'react';

interface SelectFieldProps<T extends string> {
  label: string;
  /** A stored value that is not among the options stays visible (never silently shown as the first option). */
  value: T | string;
  options: readonly { value: T; label: string; disabled?: boolean }[];
  onChange: (value: T) => void;
  hint?: string;
  error?: string;
  testId?: string;
  /** A fixed id (forms whose labels other elements refer to); otherwise one is made. */
  id?: string;
}

export function SelectField<T extends string>({ label, value, options, onChange, hint, error, testId, id: givenId }: SelectFieldProps<T>) {
  const madeId = useId();
  const id = givenId ?? madeId;
  const noteId = `${id}-${error ? 'error' : 'hint'}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        data-testid={testId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? noteId : undefined}
        onChange={(e) => {
          const next = options.find((o) => o.value === e.target.value);
          if (next) onChange(next.value);
        }}
      >
        {options.some((o) => o.value === value) ? null : <option value={value}>{value || '(none)'}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
      {error || hint ? (
        <span id={noteId} className={error ? 'field-error' : 'field-hint'}>
          {error ?? hint}
        </span>
      ) : null}
    </div>
  );
}
