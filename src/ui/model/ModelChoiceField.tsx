import { useStudio } from '../../store/studio-store';
import type { ModelChoice } from '../../models/spec';
import { useT } from '../../i18n/locale';

export interface ModelChoiceOption {
  value: ModelChoice;
  label: string;
  hint: string;
}

/** The model radio group, shared by the table and image model sections (their options differ). */
export function ModelChoiceField({ options }: { options: readonly ModelChoiceOption[] }) {
  const t = useT();
  const choice = useStudio((s) => s.notebook.model.choice);
  const setModelChoice = useStudio((s) => s.setModelChoice);
  return (
    <fieldset className="choice-group" data-testid="model-choice">
      <legend>{t('model.legend')}</legend>
      {options.map((c) => (
        <label key={c.value} className="choice">
          <input type="radio" name="model-choice" value={c.value} checked={choice === c.value} onChange={() => setModelChoice(c.value)} />
          <span>
            <strong>{c.label}</strong> <span className="field-hint">{c.hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
