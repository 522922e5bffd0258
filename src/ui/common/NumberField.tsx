import { useEffect, useId, useState } from 'react';
import { useT } from '../../i18n/locale';

interface NumberFieldProps {
  label: string;
  value: number;
  onChange: (value: number) => void;
  min?: number;
  max?: number;
  step?: number;
  integer?: boolean;
  hint?: string;
  testId?: string;
}

/**
 * A labelled number input that keeps what the user types while it is invalid (and says why),
 * committing only valid numbers to the store.
 */
export function NumberField({ label, value, onChange, min, max, step, integer, hint, testId }: NumberFieldProps) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText((current) => (Number(current) === value ? current : String(value)));
  }, [value]);
  const commit = (next: string) => {
    setText(next);
    const parsed = Number(next);
    let problem: string | null = null;
    if (next.trim() === '' || !Number.isFinite(parsed)) problem = t('field.enterNumber');
    else if (integer && !Number.isInteger(parsed)) problem = t('field.enterWhole');
    else if (min !== undefined && parsed < min) problem = t('field.atLeast', { min: String(min) });
    else if (max !== undefined && parsed > max) problem = t('field.atMost', { max: String(max) });
    setError(problem);
    if (!problem) onChange(parsed);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode={integer ? 'numeric' : 'decimal'}
        value={text}
        min={min}
        max={max}
        step={step ?? (integer ? 1 : 'any')}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? `${id}-note` : undefined}
        data-testid={testId}
        onChange={(e) => commit(e.target.value)}
      />
      {error || hint ? (
        <span id={`${id}-note`} className={error ? 'field-error' : 'field-hint'}>
          {error ?? hint}
        </span>
      ) : null}
    </div>
  );
}
