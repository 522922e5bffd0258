import { Suspense, lazy, useDeferredValue, useEffect } from 'react';
import { prefetchResultPanels } from '../prefetch';
import { TRAIN_RANGES } from '../../settings/limits';
import { useStudio } from '../../store/studio-store';
import { BACKEND_LABELS, type BackendChoice, type OptimizerName } from '../../train/settings';
import { describeProbe } from '../../runtime/backends';
import { Section } from '../common/Section';
import { Message } from '../common/Message';
import { RangeFields } from '../common/RangeFields';
import { SelectField } from '../common/SelectField';
// Lazy: recharts stays out of the initial JavaScript.
const HistoryCharts = lazy(() => import('./HistoryCharts').then((m) => ({ default: m.HistoryCharts })));
import type { EpochRecord } from '../../train/train-loop';
// Lazy (issue 19, initial JS): the search panel shows only once a table is loaded.
const SearchPanel = lazy(() => import('../search/SearchPanel').then((m) => ({ default: m.SearchPanel })));
import { formatFixed, formatNumber, useT } from '../../i18n/locale';

const EMPTY_HISTORY: EpochRecord[] = [];

export function TrainSection({ step }: { step: number }) {
  const t = useT();
  const OPTIMIZERS: { value: OptimizerName; label: string }[] = [
    { value: 'adam', label: 'Adam' },
    { value: 'sgd', label: t('train.sgd') },
  ];
  const dataset = useStudio((s) => s.dataset);
  const settings = useStudio((s) => s.notebook.training);
  const results = useStudio((s) => s.notebook.results);
  // The status only: the progress and live curves (TrainProgress, TrainHistory) follow every progress batch, the form does not.
  const status = useStudio((s) => s.training.status);
  const trainError = useStudio((s) => s.trainError);
  const backends = useStudio((s) => s.backends);
  const setTraining = useStudio((s) => s.setTraining);
  const train = useStudio((s) => s.train);
  const stopTraining = useStudio((s) => s.stopTraining);
  const target = useStudio((s) => s.notebook.prepare.target);

  const backendOptions: { value: BackendChoice; label: string; disabled?: boolean }[] = [
    { value: 'auto', label: t('train.autoFastest') },
    ...(['webgpu', 'webgl', 'wasm', 'cpu'] as const).map((name) => {
      const probe = backends?.find((b) => b.name === name);
      return { value: name, label: probe && !probe.available ? t('train.unavailable', { backend: BACKEND_LABELS[name] }) : BACKEND_LABELS[name], disabled: probe ? !probe.available : false };
    }),
  ];
  const running = status !== 'idle';
  useEffect(() => {
    if (running) prefetchResultPanels();
  }, [running]);

  return (
    <Section id="train" step={step} title={t('train.title')}>
      <div className="field-grid">
        <SelectField label={t('train.optimizer')} value={settings.optimizer} options={OPTIMIZERS} onChange={(optimizer) => setTraining({ optimizer })} />
        <RangeFields
          fields={[
            { key: 'learningRate', label: t('train.learningRate'), range: TRAIN_RANGES.learningRate, testId: 'learning-rate' },
            { key: 'batchSize', label: t('train.batchSize'), range: TRAIN_RANGES.batchSize, testId: 'batch-size' },
            { key: 'epochs', label: t('train.epochs'), range: TRAIN_RANGES.epochs, testId: 'epochs' },
          ]}
          values={settings}
          onChange={setTraining}
        />
        <div className="field">
          <label>
            <input type="checkbox" checked={settings.earlyStopping} onChange={(e) => setTraining({ earlyStopping: e.target.checked })} data-testid="early-stopping" /> {t('train.earlyStopping')}
          </label>
        </div>
        <RangeFields
          fields={[
            { key: 'patience', label: t('train.patience'), range: TRAIN_RANGES.patience },
            { key: 'reduceLearningRateAfter', label: t('train.halveLr'), range: TRAIN_RANGES.reduceLearningRateAfter, testId: 'reduce-lr-after', hint: t('train.halveLrHint') },
            { key: 'seed', label: t('train.seed'), range: TRAIN_RANGES.seed, testId: 'train-seed' },
          ]}
          values={settings}
          onChange={setTraining}
        />
        <SelectField
          label={t('train.backend')}
          value={settings.backend}
          options={backendOptions}
          onChange={(backend) => setTraining({ backend })}
          testId="backend-select"
          hint={t('train.backendHint')}
        />
      </div>
      {backends ? (
        <details className="backend-details">
          <summary>{t('train.offers')}</summary>
          <ul data-testid="backend-probes">
            {backends.map((b) => (
              <li key={b.name}>{describeProbe(b)}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <div className="button-row">
        <button type="button" className="button button-primary" disabled={!dataset || (dataset.kind === 'table' && !target) || running} onClick={() => void train()} data-testid="train-button">
          {results ? t('train.trainAgain') : t('train.train')}
        </button>
        <button type="button" className="button" disabled={status !== 'running'} onClick={stopTraining} data-testid="stop-button">
          {t('train.stop')}
        </button>
        {!dataset ? <span className="field-hint">{t('train.loadFirst')}</span> : dataset.kind === 'table' && !target ? <span className="field-hint">{t('train.targetFirst')}</span> : null}
      </div>
      {running ? <TrainProgress /> : null}
      {trainError ? (
        <Message kind={trainError.code === 'cancelled' ? 'info' : 'error'} title={trainError.code === 'cancelled' ? t('train.stopped') : t('train.failed')} testId="train-error">
          {trainError.message}
        </Message>
      ) : null}
      <TrainHistory running={running} />
      {!running && results ? (
        <p className="result-facts" data-testid="training-facts">
          {t('train.facts', {
            model: results.modelDescription,
            epochs: results.training.epochs,
            stopped: t(results.training.stoppedBy === 'early-stopping' ? 'train.stoppedEarly' : results.training.stoppedBy === 'user' ? 'train.stoppedUser' : 'train.bestEpoch', {
              epoch: results.training.bestEpoch,
            }),
            seconds: formatFixed(results.training.seconds, 1),
            speed: formatNumber(Math.round(results.training.samplesPerSecond)),
            backend: BACKEND_LABELS[results.backend],
          })}
          {results.autoSelection ? <span className="field-hint"> · {results.autoSelection.reason}</span> : null}
        </p>
      ) : null}
      {!running && results ? (
        <p className="field-hint" data-testid="backend-reason">
          {t('train.why', { backend: BACKEND_LABELS[results.backend], reason: results.backendReason })}
        </p>
      ) : null}
      {/* The search panel shows nothing without data: its chunk loads once there is some. */}
      {dataset ? (
        <Suspense fallback={null}>
          <SearchPanel />
        </Suspense>
      ) : null}
    </Section>
  );
}

/** The progress row: re-renders with every progress batch (alone, not the whole section). */
function TrainProgress() {
  const t = useT();
  const training = useStudio((s) => s.training);
  const progressValue = training.epochs > 0 ? (training.epoch - 1 + (training.batches > 0 ? training.batch / training.batches : 0)) / training.epochs : 0;
  return (
    <div className="progress-row" data-testid="train-progress" aria-live="polite">
      <label>
        {training.message ||
          (training.search && !training.candidate
            ? t('train.searchProgress', { trials: training.search.trialsDone })
            : t('train.epochProgress', { candidate: training.candidate, epoch: training.epoch, epochs: training.epochs }))}
        <progress max={1} value={progressValue} />
      </label>
    </div>
  );
}

/** The loss and accuracy curves: the live run's while it trains, the result's after. */
function TrainHistory({ running }: { running: boolean }) {
  const t = useT();
  const live = useStudio((s) => s.training.runs[s.training.runs.length - 1]);
  const results = useStudio((s) => s.notebook.results);
  const shownHistory = useDeferredValue(running ? live?.history : results?.training.history);
  if (!shownHistory || shownHistory.length === 0) return null;
  return (
    <Suspense fallback={null}>
      <HistoryCharts history={shownHistory ?? EMPTY_HISTORY} live={running} title={running ? (live?.candidate ?? '') : (results?.modelDescription ?? t('train.notTrained'))} />
    </Suspense>
  );
}
