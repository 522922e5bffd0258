import { useState } from 'react';
import { rowNormalize } from '../../evaluate';
import { formatNumber, useT } from '../../i18n/locale';

/** Classes drawn in the matrix; the report lists every class. */
export const MAX_SHOWN = 40;

interface ConfusionMatrixProps {
  labels: string[];
  matrix: number[][];
}

/** Rows are true classes and columns predicted ones (as scikit-learn); a real table, so it reads aloud. */
export function ConfusionMatrix({ labels, matrix }: ConfusionMatrixProps) {
  const t = useT();
  const [normalized, setNormalized] = useState(false);
  // A million cells would freeze the page: the first MAX_SHOWN classes are drawn, the rest are counted
  // (rows are normalized over all their columns, but only the drawn rows are computed).
  const limited = labels.length > MAX_SHOWN;
  const rows = limited ? matrix.slice(0, MAX_SHOWN) : matrix;
  const full = normalized ? rowNormalize(rows) : rows;
  const shown = limited ? full.map((row) => row.slice(0, MAX_SHOWN)) : full;
  let max = 1;
  for (const row of shown) for (const v of row) if (v > max) max = v;
  return (
    <figure className="confusion" data-testid="confusion-matrix">
      <figcaption>
        {t('confusion.caption')}{' '}
        <label className="inline-toggle">
          <input type="checkbox" checked={normalized} onChange={(e) => setNormalized(e.target.checked)} data-testid="normalize-toggle" /> {t('confusion.normalize')}
        </label>
      </figcaption>
      {limited ? (
        <p className="muted" data-testid="confusion-limited">
          {t('confusion.limited', { count: formatNumber(labels.length), shown: MAX_SHOWN })}
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="confusion-table">
          <thead>
            <tr>
              <td className="confusion-corner" rowSpan={2}>
                <span className="axis-label">{t('confusion.axes')}</span>
              </td>
              <th scope="colgroup" colSpan={shown.length} className="axis-label">
                {t('confusion.predicted')}
              </th>
            </tr>
            <tr>
              {labels.slice(0, shown.length).map((l, i) => (
                <th key={i} scope="col" title={l}>
                  {l}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row, r) => (
              <tr key={r}>
                <th scope="row" title={t('confusion.trueClass', { label: labels[r] })}>
                  <span className="visually-hidden">{t('confusion.trueClassPrefix')}</span>
                  {labels[r]}
                </th>
                {row.map((value, c) => {
                  const intensity = value / max;
                  return (
                    <td
                      key={c}
                      data-testid="confusion-cell"
                      data-count={matrix[r][c]}
                      className={r === c ? 'diagonal' : undefined}
                      style={{ background: `color-mix(in srgb, var(${r === c ? '--accent' : '--bad'}) ${Math.round(intensity * 70)}%, transparent)` }}
                    >
                      {normalized ? formatNumber(value, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }) : formatNumber(value)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
