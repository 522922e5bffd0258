import { useId, useState } from 'react';
import { useStudio } from '../../store/studio-store';
import type { BatchPrediction, InferencePrecision } from '../../predict/batch';
import { Message } from '../common/Message';
import { formatCount, formatPercentValue } from '../common/format';
import { downloadBlob } from '../../lib/download';
import { FilePicker } from '../export/FilePicker';
import { DriftReportView } from './DriftReportView';
import { formatFixed, useT } from '../../i18n/locale';
import { formatValue } from '../evaluate/RegressionEvaluation';

const SHOWN_PROBABILITY_COLUMNS = 6;

function ResultsTable({ batch }: { batch: BatchPrediction }) {
  const t = useT();
  const regression = batch.regression;
  const k = batch.classes.length;
  const shownClasses = batch.classes.slice(0, SHOWN_PROBABILITY_COLUMNS);
  const problems = new Map(batch.invalidRows.map((p) => [p.row - 1, `${p.column}: ${p.message}`]));
  return (
    <div className="table-scroll batch-table">
      <table className="compact-table" data-testid="batch-table">
        <caption className="table-caption">
          {batch.preview.length < batch.rows ? t('batch.firstRows', { shown: batch.preview.length, rows: formatCount(batch.rows) }) : t('batch.allRows', { rows: formatCount(batch.rows) })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('batch.row')}</th>
            <th scope="col">{t('batch.predicted')}</th>
            {regression?.interval ? (
              <>
                <th scope="col">{t('batch.lower', { percent: Math.round(regression.interval.level * 100) })}</th>
                <th scope="col">{t('batch.upper', { percent: Math.round(regression.interval.level * 100) })}</th>
              </>
            ) : null}
            {shownClasses.map((c) => (
              <th scope="col" key={c}>
                P({c})
              </th>
            ))}
            <th scope="col">{t('batch.problem')}</th>
            {batch.header.map((h, i) => (
              <th scope="col" key={`${i}-${h}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {batch.preview.map((cells, r) => (
            <tr
              key={r}
              data-testid="batch-row"
              data-label={regression ? (Number.isNaN(regression.values[r]) ? '' : String(regression.values[r])) : batch.labels[r] >= 0 ? batch.classes[batch.labels[r]] : ''}
            >
              <th scope="row">{r + 1}</th>
              <td>{regression ? formatValue(regression.values[r]) : batch.labels[r] >= 0 ? batch.classes[batch.labels[r]] : '–'}</td>
              {regression?.interval ? (
                <>
                  <td>{formatValue(regression.values[r] + regression.interval.lower)}</td>
                  <td>{formatValue(regression.values[r] + regression.interval.upper)}</td>
                </>
              ) : null}
              {shownClasses.map((c, i) => (
                <td key={c}>{batch.labels[r] >= 0 ? formatFixed(batch.probabilities[r * k + i], 3) : ''}</td>
              ))}
              <td className="cell-problem">{problems.get(r) ?? ''}</td>
              {cells.map((cell, i) => (
                <td key={i}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Batch prediction on a CSV: results, invalid rows by number, accuracy when the target is present, drift. */
export function BatchPanel() {
  const t = useT();
  const batch = useStudio((s) => s.batch);
  const loading = useStudio((s) => s.batchLoading);
  const error = useStudio((s) => s.batchError);
  const predictCsv = useStudio((s) => s.predictCsv);
  const predicted = batch ? batch.rows - batch.invalidCount : 0;
  const [precision, setPrecision] = useState<InferencePrecision>('float32');
  const precisionId = useId();
  return (
    <div className="batch-panel">
      <h3>{t('batch.title')}</h3>
      <p className="field-hint">{t('batch.hint')}</p>
      <div className="button-row">
        <FilePicker
          label={loading ? t('batch.predicting', { name: loading }) : t('batch.pick')}
          accept=".csv,.tsv,.txt,text/csv"
          disabled={loading !== null}
          testId="batch-input"
          onFiles={(files) => void predictCsv(files[0], precision)}
        />
        <span className="inline-field">
          <label htmlFor={precisionId}>{t('batch.precision')}</label>
          <select id={precisionId} value={precision} data-testid="inference-precision" onChange={(e) => setPrecision(e.target.value as InferencePrecision)}>
            <option value="float32">{t('batch.precision.float32')}</option>
            <option value="float16">{t('batch.precision.float16')}</option>
            <option value="float32-shader">{t('batch.precision.shader')}</option>
          </select>
        </span>
        {batch ? (
          <button type="button" className="button" onClick={() => downloadBlob(batch.csv, batch.csvName)} data-testid="batch-download">
            {t('batch.download')}
          </button>
        ) : null}
      </div>
      {error ? (
        <Message kind="error" title={t('batch.failed')} testId="batch-error">
          {error.message}
          {batch ? t('batch.stillShown', { name: batch.fileName }) : ''}
        </Message>
      ) : null}
      {batch ? (
        <div data-testid="batch-result">
          {batch.inference ? (
            <p className="status-line" data-testid="inference-note">
              {batch.inference.note}
            </p>
          ) : null}
          <p className="result-facts" data-testid="batch-summary">
            {t('batch.summary', {
              name: batch.fileName,
              predicted: formatCount(predicted),
              rows: formatCount(batch.rows),
              invalid: batch.invalidCount > 0 ? t('batch.invalid', { count: formatCount(batch.invalidCount) }) : '',
              seconds: formatFixed(batch.seconds, 2),
            })}
            {batch.accuracy ? (
              <>
                {' '}
                {t('batch.accuracy', { column: batch.accuracy.column })} <strong data-testid="batch-accuracy">{formatPercentValue(batch.accuracy.accuracy)}</strong>{' '}
                {t('batch.accuracyOf', {
                  correct: formatCount(batch.accuracy.correct),
                  rows: formatCount(batch.accuracy.rows),
                  unknown: batch.accuracy.unknownLabels > 0 ? t('batch.unknownLabels', { count: formatCount(batch.accuracy.unknownLabels) }) : '',
                })}
              </>
            ) : null}
            {batch.regression?.errors ? (
              <>
                {t('batch.against', { column: batch.regression.errors.column, rows: formatCount(batch.regression.errors.rows) })} MAE{' '}
                <strong data-testid="batch-mae">{formatValue(batch.regression.errors.mae)}</strong>, RMSE {formatValue(batch.regression.errors.rmse)}, R² {formatValue(batch.regression.errors.r2)}.
              </>
            ) : null}
            {batch.ignoredColumns.length > 0 ? t('batch.ignored', { columns: `${batch.ignoredColumns.slice(0, 8).join(', ')}${batch.ignoredColumns.length > 8 ? ', …' : ''}` }) : ''}
          </p>
          {batch.invalidCount > 0 ? (
            <Message kind="warning" title={t(batch.invalidCount === 1 ? 'batch.invalidOne' : 'batch.invalidMany', { count: formatCount(batch.invalidCount) })} testId="invalid-rows">
              <ul className="invalid-rows">
                {batch.invalidRows.slice(0, 20).map((p) => (
                  <li key={p.row}>{t('batch.invalidRow', { row: String(p.row), column: p.column, message: p.message })}</li>
                ))}
              </ul>
              {batch.invalidCount > 20 ? <p>{t('batch.more', { count: formatCount(batch.invalidCount - 20) })}</p> : null}
              <p>{t('batch.fix')}</p>
            </Message>
          ) : null}
          {batch.drift ? <DriftReportView report={batch.drift} /> : null}
          <ResultsTable batch={batch} />
        </div>
      ) : null}
    </div>
  );
}
