import { Suspense, lazy, useId, useMemo, useState } from 'react';
import { useStudio } from '../../store/studio-store';
import { selectFeatures, type MissingStrategy, type ScalingKind } from '../../preprocess/settings';
import { checkTargetForTask, chooseTask, type TaskChoice } from '../../train/task';
import { Section } from '../common/Section';
import { Message } from '../common/Message';
import { RangeFields } from '../common/RangeFields';
import { splitFields } from './split-fields';
import { FeatureList } from './FeatureList';
import { pageColumns } from './column-paging';
import { DISPLAY_LIMITS } from '../../settings/limits';
import { SelectField } from '../common/SelectField';
import { formatNumber, t, useT } from '../../i18n/locale';

// Lazy (issue 19, initial JS): shown only once an image dataset is loaded.
const ImagePrepareSection = lazy(() => import('../images/ImagePrepareSection').then((m) => ({ default: m.ImagePrepareSection })));

const missingOptions = (): { value: MissingStrategy; label: string }[] => [
  { value: 'median', label: t('prepare.missing.median') },
  { value: 'mean', label: t('prepare.missing.mean') },
  { value: 'most_frequent', label: t('prepare.missing.mostFrequent') },
  { value: 'drop', label: t('prepare.missing.drop') },
];
const taskOptions = (): { value: TaskChoice; label: string }[] => [
  { value: 'auto', label: t('prepare.task.auto') },
  { value: 'classification', label: t('prepare.task.classification') },
  { value: 'regression', label: t('prepare.task.regression') },
];
const scalingOptions = (): { value: ScalingKind; label: string }[] => [
  { value: 'standardize', label: t('prepare.scaling.standardize') },
  { value: 'minmax', label: t('prepare.scaling.minmax') },
  { value: 'none', label: t('prepare.scaling.none') },
];

export function PrepareSection({ step }: { step: number }) {
  useT();
  const dataset = useStudio((s) => s.dataset);
  const prepare = useStudio((s) => s.notebook.prepare);
  const setPrepare = useStudio((s) => s.setPrepare);
  const setFeatureIncluded = useStudio((s) => s.setFeatureIncluded);
  const setFeaturesIncluded = useStudio((s) => s.setFeaturesIncluded);
  const setColumnType = (name: string, type: 'text' | 'categorical') => setPrepare({ columnTypes: [...(prepare.columnTypes ?? []).filter((c) => c.name !== name), { name, type }] });
  const targetId = useId();
  const targetNoteId = useId();
  const targetFindId = useId();
  const [targetQuery, setTargetQuery] = useState('');
  const columnNames = useMemo(() => (dataset?.kind === 'table' ? dataset.profiles.map((p) => p.name) : []), [dataset]);

  if (!dataset) {
    return (
      <Section id="prepare" step={step} title={t('prepare.title')}>
        <p className="empty-note">{t('prepare.empty')}</p>
      </Section>
    );
  }
  if (dataset.kind === 'images')
    return (
      <Suspense fallback={null}>
        <ImagePrepareSection step={step} images={dataset} />
      </Suspense>
    );
  const profiles = dataset.profiles;
  const targetProfile = profiles.find((p) => p.name === prepare.target);
  const task = targetProfile ? chooseTask(targetProfile, prepare.task ?? 'auto') : null;
  const targetCheck = targetProfile && task ? checkTargetForTask(targetProfile, task.task) : null;
  const features = new Set(selectFeatures(profiles, prepare));
  const trainFraction = 1 - prepare.testFraction - prepare.validationFraction;
  // A wide table lists the first columns (or those matching the search) as targets, plus the chosen one:
  // 5,000 <option>s were most of the DOM the page built for a 5,000-column file.
  const wideTarget = profiles.length > DISPLAY_LIMITS.columnsShown;
  const targetPage = wideTarget ? pageColumns(columnNames, targetQuery, DISPLAY_LIMITS.columnsShown) : null;
  const targetIndices = targetPage ? targetPage.indices : profiles.map((_, i) => i);
  const chosenIndex = targetProfile ? profiles.indexOf(targetProfile) : -1;
  if (chosenIndex >= 0 && !targetIndices.includes(chosenIndex)) targetIndices.unshift(chosenIndex);

  return (
    <Section id="prepare" step={step} title={t('prepare.title')} summary={<span>{t('prepare.summary', { features: features.size, target: prepare.target ?? t('prepare.noTarget') })}</span>}>
      <div className="field-grid">
        <div className="field">
          <label htmlFor={targetId}>{t('prepare.target')}</label>
          <select
            id={targetId}
            value={prepare.target ?? ''}
            data-testid="target-select"
            aria-invalid={targetCheck && !targetCheck.ok ? true : undefined}
            aria-describedby={targetNoteId}
            onChange={(e) => setPrepare({ target: e.target.value === '' ? null : e.target.value })}
          >
            <option value="">{t('prepare.choose')}</option>
            {targetIndices.map((i) => (
              <option key={i} value={profiles[i].name}>
                {t('prepare.targetOption', { name: profiles[i].name, type: profiles[i].type, distinct: profiles[i].distinct })}
              </option>
            ))}
          </select>
          {targetPage ? (
            <>
              <label htmlFor={targetFindId} className="field-hint">
                {t('prepare.findTarget', { shown: formatNumber(targetPage.indices.length), total: formatNumber(targetPage.matching) })}
              </label>
              <input id={targetFindId} type="search" value={targetQuery} data-testid="target-search" onChange={(e) => setTargetQuery(e.target.value)} />
            </>
          ) : null}
          <span id={targetNoteId} className={targetCheck && !targetCheck.ok ? 'field-error' : 'field-hint'} data-testid="target-note">
            {targetCheck && targetProfile
              ? targetCheck.ok
                ? task?.task === 'regression'
                  ? t('prepare.targetNumbers', { min: String(targetProfile.min), max: String(targetProfile.max) })
                  : t('prepare.classes', { count: targetProfile.distinct })
                : targetCheck.message
              : t('prepare.chooseTarget')}
          </span>
        </div>
        <div>
          <SelectField label={t('prepare.task')} value={prepare.task ?? 'auto'} options={taskOptions()} onChange={(value) => setPrepare({ task: value })} testId="task-select" />
          {task ? (
            <span className="field-hint" data-testid="task-reason">
              {task.reason}
            </span>
          ) : null}
        </div>
        <SelectField label={t('prepare.missing')} value={prepare.missing} options={missingOptions()} onChange={(missing) => setPrepare({ missing })} testId="missing-select" />
        <SelectField label={t('prepare.scaling')} value={prepare.scaling} options={scalingOptions()} onChange={(scaling) => setPrepare({ scaling })} testId="scaling-select" />
        <RangeFields fields={splitFields()} values={prepare} onChange={setPrepare} />
      </div>
      {trainFraction < 0.3 ? <Message kind="warning">{t('prepare.fewRows', { percent: formatNumber(trainFraction, { style: 'percent', maximumFractionDigits: 0 }) })}</Message> : null}
      <p className="field-hint">{t('prepare.leakNote')}</p>
      <FeatureList profiles={profiles} prepare={prepare} features={features} setFeatureIncluded={setFeatureIncluded} setFeaturesIncluded={setFeaturesIncluded} setColumnType={setColumnType} />
    </Section>
  );
}
