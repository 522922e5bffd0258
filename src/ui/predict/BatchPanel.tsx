import { useStudio } from '../../store/studio-store';
import type { BatchPrediction } from '../../predict/batch';
import { Message } from '../common/Message';
import { formatCount, formatPercentValue } from '../common/format';
import { downloadBlob } from '../../lib/download';
import { FilePicker } from '../export/FilePicker';
import { DriftReportView } from './DriftReportView';

const SHOWN_PROBABILITY_COLUMNS = 6;

function ResultsTable({ batch }: { batch: BatchPrediction }) {
  const k = batch.classes.length;
  const shownClasses = batch.classes.slice(0, SHOWN_PROBABILITY_COLUMNS);
  const problems = new Map(batch.invalidRows.map((p) => [p.row - 1, `${p.column}: ${p.message}`]));
  return (
    <div className="table-scroll batch-table">
      <table className="compact-table" data-testid="batch-table">
        <caption className="table-caption">
          {batch.preview.length < batch.rows ? `First ${batch.preview.length} of ${formatCount(batch.rows)} rows` : `All ${formatCount(batch.rows)} rows`}; download the CSV for all of them.
        </caption>
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Predicted</th>
            {shownClasses.map((c) => (
              <th scope="col" key={c}>
                P({c})
              </th>
            ))}
            <th scope="col">Problem</th>
            {batch.header.map((h, i) => (
              <th scope="col" key={`${i}-${h}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {batch.preview.map((cells, r) => (
            <tr key={r} data-testid="batch-row" data-label={batch.labels[r] >= 0 ? batch.classes[batch.labels[r]] : ''}>
              <th scope="row">{r + 1}</th>
              <td>{batch.labels[r] >= 0 ? batch.classes[batch.labels[r]] : '–'}</td>
              {shownClasses.map((c, i) => (
                <td key={c}>{batch.labels[r] >= 0 ? batch.probabilities[r * k + i].toFixed(3) : ''}</td>
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
  const batch = useStudio((s) => s.batch);
  const loading = useStudio((s) => s.batchLoading);
  const error = useStudio((s) => s.batchError);
  const predictCsv = useStudio((s) => s.predictCsv);
  const predicted = batch ? batch.rows - batch.invalidCount : 0;
  return (
    <div className="batch-panel">
      <h3>A CSV of rows</h3>
      <p className="field-hint">The file needs the model's input columns (any order). A target column, if present, is not used for prediction; it gives the accuracy.</p>
      <div className="button-row">
        <FilePicker label={loading ? `Predicting ${loading}…` : 'Predict a CSV file…'} accept=".csv,.tsv,.txt,text/csv" disabled={loading !== null} testId="batch-input" onFiles={(files) => void predictCsv(files[0])} />
        {batch ? (
          <button type="button" className="button" onClick={() => downloadBlob(batch.csv, batch.csvName)} data-testid="batch-download">
            Download predictions (CSV)
          </button>
        ) : null}
      </div>
      {error ? (
        <Message kind="error" title="The file could not be predicted" testId="batch-error">
          {error.message}
          {batch ? ` The results for ${batch.fileName} are still shown.` : ''}
        </Message>
      ) : null}
      {batch ? (
        <div data-testid="batch-result">
          <p className="result-facts" data-testid="batch-summary">
            {batch.fileName}: {formatCount(predicted)} of {formatCount(batch.rows)} rows predicted
            {batch.invalidCount > 0 ? `, ${formatCount(batch.invalidCount)} invalid` : ''} in {batch.seconds.toFixed(2)} s.
            {batch.accuracy ? (
              <>
                {' '}
                Accuracy against “{batch.accuracy.column}”: <strong data-testid="batch-accuracy">{formatPercentValue(batch.accuracy.accuracy)}</strong> ({formatCount(batch.accuracy.correct)} of {formatCount(batch.accuracy.rows)}
                {batch.accuracy.unknownLabels > 0 ? `; ${formatCount(batch.accuracy.unknownLabels)} rows have a class the model does not know` : ''}).
              </>
            ) : null}
            {batch.ignoredColumns.length > 0 ? ` Not used by the model: ${batch.ignoredColumns.slice(0, 8).join(', ')}${batch.ignoredColumns.length > 8 ? ', …' : ''}.` : ''}
          </p>
          {batch.invalidCount > 0 ? (
            <Message kind="warning" title={`${formatCount(batch.invalidCount)} ${batch.invalidCount === 1 ? 'row has' : 'rows have'} no prediction`} testId="invalid-rows">
              <ul className="invalid-rows">
                {batch.invalidRows.slice(0, 20).map((p) => (
                  <li key={p.row}>
                    Row {p.row}, column “{p.column}”: {p.message}.
                  </li>
                ))}
              </ul>
              {batch.invalidCount > 20 ? <p>…and {formatCount(batch.invalidCount - 20)} more; the downloaded CSV says why for each row.</p> : null}
              <p>Fix these values (or fill them in) and predict the file again.</p>
            </Message>
          ) : null}
          {batch.drift ? <DriftReportView report={batch.drift} /> : null}
          <ResultsTable batch={batch} />
        </div>
      ) : null}
    </div>
  );
}
