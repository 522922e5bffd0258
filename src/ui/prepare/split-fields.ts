import { PREPARE_RANGES } from '../../settings/limits';
import { t } from '../../i18n/locale';
import type { RangeField } from '../common/RangeFields';

/** The split settings (test and validation fractions, split seed), shown for tables and for images alike. */
export function splitFields(): RangeField<'testFraction' | 'validationFraction' | 'seed'>[] {
  return [
    { key: 'testFraction', label: t('prepare.testFraction'), range: PREPARE_RANGES.testFraction, step: 0.05, testId: 'test-fraction' },
    { key: 'validationFraction', label: t('prepare.validationFraction'), range: PREPARE_RANGES.validationFraction, step: 0.05, testId: 'validation-fraction' },
    { key: 'seed', label: t('prepare.splitSeed'), range: PREPARE_RANGES.seed, testId: 'split-seed' },
  ];
}
