import { Suspense, lazy, useDeferredValue } from 'react';
import { TRAIN_RANGES } from '../../settings/limits';
import { useStudio } from '../../store/studio-store';
import { BACKEND_LABELS, type BackendChoice, type OptimizerName } from '../../train/settings';
import { describeProbe } from '../../runtime/backends';
import { Section } from '../common/Section';
import { Message } from '../common/Message';
import { NumberField } from '../common/NumberField';
import { SelectField } from '../common/SelectField';
// Lazy: recharts stays out of the initial JavaScript.
const HistoryCharts = lazy(() => import('./HistoryCharts').then((m) => ({ default: m.HistoryCharts })));
import type { EpochRecord } from '../../train/train-loop';

const OPTIMIZERS: { value: OptimizerName; label: string }[] = [
  { value: 'adam', label: 'Adam' },
  { value: 'sgd', label: 'SGD with momentum 0.9' },
];

const EMPTY_HISTORY: EpochRecord[] = [];

export function TrainSection({ step }: { step: number }) {
  const dataset = useStudio((s) => s.dataset);
  const settings = useStudio((s) => s.notebook.training);
  const results = useStudio((s) => s.notebook.results);
  const training = useStudio((s) => s.training);
  const trainError = useStudio((s) => s.trainError);
  const backends = useStudio((s) => s.backends);
  const setTraining = useStudio((s) => s.setTraining);
  const train = useStudio((s) => s.train);
  const stopTraining = useStudio((s) => s.stopTraining);
  const target = useStudio((s) => s.notebook.prepare.target);

  const backendOptions: { value: BackendChoice; label: string; disabled?: boolean }[] = [
    { value: 'auto', label: 'Auto (fastest available)' },
    ...(['webgpu', 'webgl', 'wasm', 'cpu'] as const).map((name) => {
      const probe = backends?.find((b) => b.name === name);
      return { value: name, label: probe && !probe.available ? `${BACKEND_LABELS[name]} (unavailable)` : BACKEND_LABELS[name], disabled: probe ? !probe.available : false };
    }),
  ];
  const running = training.status !== 'idle';
  const live = training.runs[training.runs.length - 1];
  const shownHistory = useDeferredValue(running ? live?.history : results?.training.history);
  const progressValue = training.epochs > 0 ? (training.epoch - 1 + (training.batches > 0 ? training.batch / training.batches : 0)) / training.epochs : 0;

  return (
    <Section id="train" step={step} title="Train">
      <div className="field-grid">
        <SelectField label="Optimizer" value={settings.optimizer} options={OPTIMIZERS} onChange={(optimizer) => setTraining({ optimizer })} />
        <NumberField label="Learning rate" value={settings.learningRate} min={TRAIN_RANGES.learningRate.min} max={TRAIN_RANGES.learningRate.max} onChange={(learningRate) => setTraining({ learningRate })} testId="learning-rate" />
        <NumberField label="Batch size" value={settings.batchSize} min={TRAIN_RANGES.batchSize.min} max={TRAIN_RANGES.batchSize.max} integer onChange={(batchSize) => setTraining({ batchSize })} testId="batch-size" />
        <NumberField label="Epochs (at most)" value={settings.epochs} min={TRAIN_RANGES.epochs.min} max={TRAIN_RANGES.epochs.max} integer onChange={(epochs) => setTraining({ epochs })} testId="epochs" />
        <div className="field">
          <label>
            <input type="checkbox" checked={settings.earlyStopping} onChange={(e) => setTraining({ earlyStopping: e.target.checked })} data-testid="early-stopping" /> Early stopping on
            validation loss (keeps the best epoch)
          </label>
        </div>
        <NumberField label="Patience (epochs)" value={settings.patience} min={TRAIN_RANGES.patience.min} max={TRAIN_RANGES.patience.max} integer onChange={(patience) => setTraining({ patience })} />
        <NumberField
          label="Halve learning rate after (epochs)"
          value={settings.reduceLearningRateAfter}
          min={TRAIN_RANGES.reduceLearningRateAfter.min}
          max={TRAIN_RANGES.reduceLearningRateAfter.max}
          integer
          onChange={(reduceLearningRateAfter) => setTraining({ reduceLearningRateAfter })}
          testId="reduce-lr-after"
          hint="Epochs without a better validation loss before the step is halved; 0 never changes it."
        />
        <NumberField label="Seed" value={settings.seed} min={TRAIN_RANGES.seed.min} max={TRAIN_RANGES.seed.max} integer onChange={(seed) => setTraining({ seed })} testId="train-seed" />
        <SelectField
          label="Backend"
          value={settings.backend}
          options={backendOptions}
          onChange={(backend) => setTraining({ backend })}
          testId="backend-select"
          hint="Results repeat exactly for one seed on one backend; another backend may differ in the last digits."
        />
      </div>
      {backends ? (
        <details className="backend-details">
          <summary>What this browser offers</summary>
          <ul data-testid="backend-probes">
            {backends.map((b) => (
              <li key={b.name}>{describeProbe(b)}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <div className="button-row">
        <button type="button" className="button button-primary" disabled={!dataset || (dataset.kind === 'table' && !target) || running} onClick={() => void train()} data-testid="train-button">
          {results ? 'Train again' : 'Train'}
        </button>
        <button type="button" className="button" disabled={training.status !== 'running'} onClick={stopTraining} data-testid="stop-button">
          Stop (keep best so far)
        </button>
        {!dataset ? <span className="field-hint">Load data first.</span> : dataset.kind === 'table' && !target ? <span className="field-hint">Choose a target first.</span> : null}
      </div>
      {running ? (
        <div className="progress-row" data-testid="train-progress" aria-live="polite">
          <label>
            {training.message || `${training.candidate}: epoch ${training.epoch} of ${training.epochs}`}
            <progress max={1} value={progressValue} />
          </label>
        </div>
      ) : null}
      {trainError ? (
        <Message kind={trainError.code === 'cancelled' ? 'info' : 'error'} title={trainError.code === 'cancelled' ? 'Stopped' : 'Training failed'} testId="train-error">
          {trainError.message}
        </Message>
      ) : null}
      {shownHistory && shownHistory.length > 0 ? (
        <Suspense fallback={null}>
          <HistoryCharts history={shownHistory ?? EMPTY_HISTORY} live={running} title={running ? (live?.candidate ?? '') : (results?.modelDescription ?? 'not trained yet')} />
        </Suspense>
      ) : null}
      {!running && results ? (
        <p className="result-facts" data-testid="training-facts">
          {results.modelDescription}: {results.training.epochs} epochs ({results.training.stoppedBy === 'early-stopping' ? `early stopping kept epoch ${results.training.bestEpoch}` : results.training.stoppedBy === 'user' ? `stopped by you; kept epoch ${results.training.bestEpoch}` : `best epoch ${results.training.bestEpoch}`}) in {results.training.seconds.toFixed(1)} s ·{' '}
          {Math.round(results.training.samplesPerSecond).toLocaleString('en-US')} samples/s on {BACKEND_LABELS[results.backend]}
          {results.autoSelection ? <span className="field-hint"> · {results.autoSelection.reason}</span> : null}
        </p>
      ) : null}
      {!running && results ? (
        <p className="field-hint" data-testid="backend-reason">
          Why {BACKEND_LABELS[results.backend]}: {results.backendReason}
        </p>
      ) : null}
    </Section>
  );
}
