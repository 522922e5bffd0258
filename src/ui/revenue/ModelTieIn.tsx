import type { ModelLinkInputs, ModelView } from '../../revenue';
import { SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';
import { t, useT } from '../../i18n/locale';

export interface ModelTieInProps {
  idPrefix: string;
  view: ModelView;
  onLinkChange: (next: ModelLinkInputs) => void;
  onUseAsN: (customersText: string) => void;
}

/** Estimate N from the trained classifier's confusion matrix. */
export function ModelTieIn({ idPrefix, view, onLinkChange, onUseAsN }: ModelTieInProps) {
  useT();
  const link: ModelLinkInputs = {
    classLabel: view.classLabel,
    conversionRate: view.conversionRate,
    populationScale: view.populationScale,
  };
  const matrixError = view.errors.matrix ?? view.errors.classLabel;
  const customersText = view.customersText;
  return (
    <section className="revenue-model" aria-labelledby={`${idPrefix}-model-heading`} data-testid="revenue-model">
      <h3 id={`${idPrefix}-model-heading`}>{t('revenue.modelHeading')}</h3>
      {matrixError ? (
        <p className="field-error" role="alert">
          {matrixError}
        </p>
      ) : null}
      <div className="revenue-grid">
        <SelectField
          id={`${idPrefix}-model-class`}
          label="Class that marks a potential customer"
          value={view.classLabel}
          options={view.labels.map((l) => ({ value: l, label: l }))}
          onChange={(classLabel) => onLinkChange({ ...link, classLabel })}
        />
        <TextField
          id={`${idPrefix}-model-conversion`}
          label="Conversion rate (% of correctly found cases who buy)"
          value={view.conversionRate}
          onChange={(conversionRate) => onLinkChange({ ...link, conversionRate })}
          error={view.errors.conversionRate}
        />
        <TextField
          id={`${idPrefix}-model-scale`}
          label="Population scale (real population ÷ evaluation cases)"
          value={view.populationScale}
          onChange={(populationScale) => onLinkChange({ ...link, populationScale })}
          error={view.errors.populationScale}
          hint="1 if the evaluation set is the whole market."
        />
      </div>
      {view.metricsText ? <p className="revenue-model-metrics">{view.metricsText}</p> : null}
      {view.explanation ? (
        <p className="revenue-model-explanation" aria-live="polite">
          {view.explanation}
        </p>
      ) : null}
      <button
        type="button"
        className="button"
        disabled={customersText === null}
        onClick={() => {
          if (customersText !== null) onUseAsN(customersText);
        }}
      >
        Use as N
      </button>
    </section>
  );
}
