import type { Range } from '../../settings/limits';
import { NumberField } from './NumberField';

/** One number setting: its limits come from the settings table (src/settings/limits.json), never written again here. */
export interface RangeField<K extends string> {
  key: K;
  label: string;
  range: Range;
  step?: number;
  hint?: string;
  testId?: string;
}

interface RangeFieldsProps<K extends string> {
  fields: readonly RangeField<K>[];
  values: { readonly [key in K]: number };
  onChange: (patch: { [key in K]?: number }) => void;
}

/**
 * A run of NumberFields for settings of one object (prepare, training, augmentation): min, max and
 * whole-number-ness from the settings table, each change passed on as a one-key patch. Renders the fields
 * only, so it sits in any `.field-grid` beside other controls.
 */
export function RangeFields<K extends string>({ fields, values, onChange }: RangeFieldsProps<K>) {
  return (
    <>
      {fields.map(({ key, label, range, step, hint, testId }) => (
        <NumberField
          key={key}
          label={label}
          value={values[key]}
          min={range.min}
          max={range.max}
          integer={range.integer}
          step={step}
          hint={hint}
          testId={testId}
          onChange={(value) => onChange({ [key]: value } as { [key in K]?: number })}
        />
      ))}
    </>
  );
}
