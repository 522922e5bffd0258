import type { DriftReport, DriftSeverity } from '../../predict/drift';
import { formatValue } from '../../predict/drift';

const LABEL: Record<DriftSeverity, string> = { none: 'OK', low: 'Low', medium: 'Medium', high: 'High' };
const pct = (share: number | null | undefined) => (share === null || share === undefined ? '–' : `${(share * 100).toFixed(1)}%`);

/** Monitoring: the batch compared with the training data, as a verdict, findings, and a per-column table. */
export function DriftReportView({ report }: { report: DriftReport }) {
  const findings = report.columns.flatMap((c) => c.findings.map((text) => ({ text, severity: c.severity })));
  return (
    <section className={`drift drift-${report.severity}`} aria-labelledby="drift-heading" data-testid="drift-report" data-severity={report.severity}>
      <h4 id="drift-heading">
        Drift check <span className={`severity severity-${report.severity}`}>{LABEL[report.severity]}</span>
      </h4>
      <p data-testid="drift-summary">{report.summary}</p>
      {findings.length > 0 ? (
        <ul className="drift-findings" data-testid="drift-findings">
          {findings.slice(0, 12).map((f) => (
            <li key={f.text}>{f.text}</li>
          ))}
        </ul>
      ) : null}
      {report.notes.map((n) => (
        <p key={n} className="field-hint">
          {n}
        </p>
      ))}
      <details>
        <summary>Per-column comparison</summary>
        <div className="table-scroll">
          <table className="compact-table" data-testid="drift-table">
            <caption className="visually-hidden">Batch compared with training, per column</caption>
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">Severity</th>
                <th scope="col">Missing (batch / training)</th>
                <th scope="col">Mean (batch / training)</th>
                <th scope="col">Shift (sd)</th>
                <th scope="col">Outside range</th>
                <th scope="col">Unseen categories</th>
                <th scope="col">PSI / TV</th>
              </tr>
            </thead>
            <tbody>
              {report.columns.map((c) => (
                <tr key={c.column}>
                  <th scope="row">{c.column}</th>
                  <td>{LABEL[c.severity]}</td>
                  <td>
                    {pct(c.missingShare)} / {pct(c.trainingMissingShare)}
                  </td>
                  <td>{c.mean !== undefined && c.trainingMean !== undefined ? `${formatValue(c.mean)} / ${formatValue(c.trainingMean)}` : '–'}</td>
                  <td>{c.meanShiftSd !== undefined && Number.isFinite(c.meanShiftSd) ? c.meanShiftSd.toFixed(2) : '–'}</td>
                  <td>{c.outsideRangeShare !== undefined ? pct(c.outsideRangeShare) : '–'}</td>
                  <td>{c.unseen && c.unseen.length > 0 ? c.unseen.map((u) => `${u.value} (${u.count})`).join(', ') : c.kind === 'categorical' ? 'none' : '–'}</td>
                  <td>{c.psi !== undefined ? `PSI ${c.psi.toFixed(2)}` : c.totalVariation !== undefined ? `TV ${c.totalVariation.toFixed(2)}` : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
