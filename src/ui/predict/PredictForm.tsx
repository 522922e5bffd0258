import { formatValue } from '../evaluate/RegressionEvaluation';
import { useEffect, useId, useMemo, useState } from 'react';
import { useStudio } from '../../store/studio-store';
import type { FittedPreprocessor } from '../../preprocess/fitted';
import { formFields, formValues, OTHER_CATEGORY, outOfRange, type FormField } from '../../predict/form-fields';
import { Message } from '../common/Message';
import { ProbabilityBars } from './ProbabilityBars';
import { useT } from '../../i18n/locale';

function Field({ field, value, onChange }: { field: FormField; value: string; onChange: (value: string) => void }) {
  const t = useT();
  const id = useId();
  const warn = outOfRange(field, value);
  return (
    <div className="field">
      <label htmlFor={id}>{field.name}</label>
      {field.kind === 'text' ? (
        <textarea
          id={id}
          rows={3}
          value={value}
          aria-describedby={`${id}-hint`}
          onChange={(e) => onChange(e.target.value)}
          data-testid="predict-field"
          data-column={field.name}
          placeholder="Type or paste text…"
        />
      ) : field.kind === 'numeric' ? (
        <input id={id} type="text" inputMode="decimal" value={value} aria-describedby={`${id}-hint`} onChange={(e) => onChange(e.target.value)} data-testid="predict-field" data-column={field.name} />
      ) : (
        <select id={id} value={value} aria-describedby={`${id}-hint`} onChange={(e) => onChange(e.target.value)} data-testid="predict-field" data-column={field.name}>
          <option value="">{t('form.missing')}</option>
          {field.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
          <option value={OTHER_CATEGORY}>{t('form.other')}</option>
        </select>
      )}
      <span id={`${id}-hint`} className={warn ? 'field-warning' : 'field-hint'}>
        {warn ? t('form.outside', { range: field.hint.replace(/;.*/, '').replace('Training range ', '') }) : field.hint}
      </span>
    </div>
  );
}

/** One field per input column (generated from the preprocessing), with live class probabilities. */
export function PredictForm({ fitted, classes }: { fitted: FittedPreprocessor; classes: string[] }) {
  const t = useT();
  const fields = useMemo(() => formFields(fitted), [fitted]);
  const [values, setValues] = useState(() => new Map(fields.map((f) => [f.name, f.initial])));
  const prediction = useStudio((s) => s.formPrediction);
  const error = useStudio((s) => s.formError);
  const predictRecord = useStudio((s) => s.predictRecord);

  useEffect(() => {
    // Typing fast sends one request per pause, not one per key.
    const timer = setTimeout(() => void predictRecord(formValues(fields, values)), 120);
    return () => clearTimeout(timer);
  }, [fields, values, predictRecord]);

  return (
    <form className="predict-form" aria-label={t('form.label')} onSubmit={(e) => e.preventDefault()} data-testid="predict-form">
      <h3>{t('form.title')}</h3>
      <div className="predict-form-layout">
        <div className="field-grid">
          {fields.map((f) => (
            <Field key={f.name} field={f} value={values.get(f.name) ?? ''} onChange={(v) => setValues((old) => new Map(old).set(f.name, v))} />
          ))}
        </div>
        <div className="predict-output" aria-live="polite" data-testid="form-result">
          {prediction?.problem ? (
            <Message kind="warning">
              {prediction.problem.column}: {prediction.problem.message}.
            </Message>
          ) : prediction?.value !== undefined ? (
            <p className="predicted-class">
              Predicted: <strong data-testid="form-predicted">{formatValue(prediction.value)}</strong>
              {prediction.interval ? (
                <span className="field-hint" data-testid="form-interval">
                  {' '}
                  ({Math.round(prediction.interval.level * 100)}% interval {formatValue(prediction.interval.lower)} to {formatValue(prediction.interval.upper)}, from validation errors)
                </span>
              ) : null}
            </p>
          ) : prediction?.probabilities ? (
            <>
              <p className="predicted-class">
                {t('form.predicted')} <strong data-testid="form-predicted">{prediction.label}</strong>
              </p>
              <ProbabilityBars classes={classes} probabilities={prediction.probabilities} predicted={prediction.label} testId="form-probabilities" />
            </>
          ) : (
            <p className="empty-note">{t('form.predicting')}</p>
          )}
          {error ? <Message kind="error">{error.message}</Message> : null}
        </div>
      </div>
    </form>
  );
}
