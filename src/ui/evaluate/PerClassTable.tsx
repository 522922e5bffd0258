import { useMemo, useState } from 'react';
import type { ClassificationReport } from '../../evaluate';
import { formatMetric } from '../common/format';
import { useT } from '../../i18n/locale';

/** Rows of the per-class report drawn at once; more classes are paged (largest support first). */
export const PER_CLASS_PAGE = 25;

/** The order the report lists classes in: as trained when they fit on one page, else by support (largest first, ties in class order). */
export function perClassOrder(labels: readonly string[], perClass: ClassificationReport['perClass']): number[] {
  const order = labels.map((_, i) => i);
  if (labels.length <= PER_CLASS_PAGE) return order;
  const support = (i: number) => perClass[labels[i]]?.support ?? 0;
  return order.sort((a, b) => support(b) - support(a) || a - b);
}

/** Per-class precision/recall/F1/support; a page at a time when there are many classes (1,000 rows froze the page's layout). */
export function PerClassTable({ report }: { report: ClassificationReport }) {
  const t = useT();
  const labels = report.confusionMatrix.labels;
  const order = useMemo(() => perClassOrder(labels, report.perClass), [labels, report.perClass]);
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(order.length / PER_CLASS_PAGE));
  const current = Math.min(page, pages - 1);
  const rows = order.slice(current * PER_CLASS_PAGE, (current + 1) * PER_CLASS_PAGE);
  return (
    <>
      <table className="metrics-table" data-testid="per-class-table">
        <caption>{t('evaluate.perClass')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('evaluate.class')}</th>
            <th scope="col">{t('evaluate.precision')}</th>
            <th scope="col">{t('evaluate.recall')}</th>
            <th scope="col">{t('evaluate.f1')}</th>
            <th scope="col">{t('evaluate.support')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((i) => {
            const label = labels[i];
            const c = report.perClass[label];
            return (
              <tr key={i}>
                <th scope="row">{label}</th>
                <td>{formatMetric(c?.precision)}</td>
                <td>{formatMetric(c?.recall)}</td>
                <td>{formatMetric(c?.f1)}</td>
                <td>{c?.support ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          {(['macro', 'weighted'] as const).map((avg) => (
            <tr key={avg}>
              <th scope="row">{avg === 'macro' ? t('evaluate.macroAvg') : t('evaluate.weightedAvg')}</th>
              <td>{formatMetric(report[avg].precision)}</td>
              <td>{formatMetric(report[avg].recall)}</td>
              <td>{formatMetric(report[avg].f1)}</td>
              <td>{report[avg].support}</td>
            </tr>
          ))}
        </tfoot>
      </table>
      {pages > 1 ? (
        <p className="table-pager" data-testid="per-class-pager">
          <span data-testid="per-class-range">{t('evaluate.perClassPaged', { count: order.length, from: current * PER_CLASS_PAGE + 1, to: current * PER_CLASS_PAGE + rows.length })}</span>{' '}
          <button type="button" disabled={current === 0} onClick={() => setPage(current - 1)} data-testid="per-class-previous">
            {t('evaluate.previousPage')}
          </button>{' '}
          <button type="button" disabled={current >= pages - 1} onClick={() => setPage(current + 1)} data-testid="per-class-next">
            {t('evaluate.nextPage')}
          </button>
        </p>
      ) : null}
    </>
  );
}
