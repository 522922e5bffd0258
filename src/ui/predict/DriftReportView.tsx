import type { DriftReport, DriftSeverity } from '../../predict/drift';
import { formatValue } from '../../predict/drift';
import { formatFixed, formatNumber, useT } from '../../i18n/locale';
import type { MessageKey } from '../../i18n/en';

const LABEL: Record<DriftSeverity, MessageKey> = { none: 'drift.none', low: 'drift.low', medium: 'drift.medium', high: 'drift.high' };
const pct = (share: number | null | undefined) => (share === null || share === undefined ? '–' : formatNumber(share, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }));

/** Monitoring: the batch compared with the training data, as a verdict, findings, and a per-column table. */
export function DriftReportView({ report }: { report: DriftReport }) {
  const t = useT();
  const findings = report.columns.flatMap((c) => c.findings.map((text) => ({ text, severity: c.severity })));
  return (
    <section className={`drift drift-${report.severity}`} aria-labelledby="drift-heading" data-testid="drift-report" data-severity={report.severity}>
      <h4 id="drift-heading">
        {t('drift.title')} <span className={`severity severity-${report.severity}`}>{t(LABEL[report.severity])}</span>
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
        <summary>{t('drift.perColumn')}</summary>
        <div className="table-scroll">
          <table className="compact-table" data-testid="drift-table">
            <caption className="visually-hidden">{t('drift.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('drift.column')}</th>
                <th scope="col">{t('drift.severity')}</th>
                <th scope="col">{t('drift.missing')}</th>
                <th scope="col">{t('drift.mean')}</th>
                <th scope="col">{t('drift.shift')}</th>
                <th scope="col">{t('drift.outside')}</th>
                <th scope="col">{t('drift.unseen')}</th>
                <th scope="col">{t('drift.psi')}</th>
              </tr>
            </thead>
            <tbody>
              {report.columns.map((c) => (
                <tr key={c.column}>
                  <th scope="row">{c.column}</th>
                  <td>{t(LABEL[c.severity])}</td>
                  <td>
                    {pct(c.missingShare)} / {pct(c.trainingMissingShare)}
                  </td>
                  <td>{c.mean !== undefined && c.trainingMean !== undefined ? `${formatValue(c.mean)} / ${formatValue(c.trainingMean)}` : '–'}</td>
                  <td>{c.meanShiftSd !== undefined && Number.isFinite(c.meanShiftSd) ? formatFixed(c.meanShiftSd, 2) : '–'}</td>
                  <td>{c.outsideRangeShare !== undefined ? pct(c.outsideRangeShare) : '–'}</td>
                  <td>{c.unseen && c.unseen.length > 0 ? c.unseen.map((u) => `${u.value} (${u.count})`).join(', ') : c.kind === 'categorical' ? t('drift.noneUnseen') : '–'}</td>
                  <td>{c.psi !== undefined ? `PSI ${formatFixed(c.psi, 2)}` : c.totalVariation !== undefined ? `TV ${formatFixed(c.totalVariation, 2)}` : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
