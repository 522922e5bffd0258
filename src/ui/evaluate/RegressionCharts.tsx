import type { ReactNode } from 'react';
import type { RegressionDetails } from '../../train/result';
import { downloadText } from '../../lib/download';
import { formatValue } from './RegressionEvaluation';
import { maxOf } from '../../lib/arrays';
import { t, useT } from '../../i18n/locale';

const W = 320;
const H = 240;
const PAD = { left: 48, right: 12, top: 10, bottom: 36 };
/** Rows shown in a chart's table alternative (the CSV download has them all). */
const TABLE_ROWS = 200;

interface Scale {
  lo: number;
  hi: number;
}

function range(values: number[]): Scale {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi > lo)) return { lo: lo - 1, hi: hi + 1 };
  const pad = (hi - lo) * 0.04;
  return { lo: lo - pad, hi: hi + pad };
}

const sx = (v: number, s: Scale) => PAD.left + ((v - s.lo) / (s.hi - s.lo)) * (W - PAD.left - PAD.right);
const sy = (v: number, s: Scale) => H - PAD.bottom - ((v - s.lo) / (s.hi - s.lo)) * (H - PAD.top - PAD.bottom);

function Axes({ x, y, xLabel, yLabel }: { x: Scale; y: Scale; xLabel: string; yLabel: string }) {
  return (
    <g fontSize="10" fill="currentColor">
      <line x1={PAD.left} y1={H - PAD.bottom} x2={W - PAD.right} y2={H - PAD.bottom} stroke="currentColor" strokeOpacity="0.5" />
      <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} stroke="currentColor" strokeOpacity="0.5" />
      <text x={PAD.left} y={H - PAD.bottom + 12}>
        {formatValue(x.lo)}
      </text>
      <text x={W - PAD.right} y={H - PAD.bottom + 12} textAnchor="end">
        {formatValue(x.hi)}
      </text>
      <text x={(W + PAD.left) / 2} y={H - 4} textAnchor="middle">
        {xLabel}
      </text>
      <text x={PAD.left - 4} y={H - PAD.bottom} textAnchor="end">
        {formatValue(y.lo)}
      </text>
      <text x={PAD.left - 4} y={PAD.top + 8} textAnchor="end">
        {formatValue(y.hi)}
      </text>
      <text x={10} y={(H - PAD.bottom + PAD.top) / 2} textAnchor="middle" transform={`rotate(-90 10 ${(H - PAD.bottom + PAD.top) / 2})`}>
        {yLabel}
      </text>
    </g>
  );
}

function Figure({ testId, caption, children, table, csv, fileName }: { testId: string; caption: string; children: ReactNode; table: ReactNode; csv: () => string; fileName: string }) {
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{caption}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={caption}>
        {children}
      </svg>
      <details>
        <summary>{t('regressionChart.asTable', { caption })}</summary>
        <div className="table-scroll">{table}</div>
      </details>
      <button type="button" onClick={() => downloadText(csv(), fileName, 'text/csv')}>
        {t('regressionChart.downloadCsv')}
      </button>
    </figure>
  );
}

function PointsTable({ headers, rows }: { headers: string[]; rows: number[][] }) {
  return (
    <table className="compact-table">
      <thead>
        <tr>
          {headers.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.slice(0, TABLE_ROWS).map((r, i) => (
          <tr key={i}>
            {r.map((v, j) => (
              <td key={j}>{formatValue(v)}</td>
            ))}
          </tr>
        ))}
      </tbody>
      {rows.length > TABLE_ROWS ? (
        <tfoot>
          <tr>
            <td colSpan={headers.length}>{t('regressionChart.firstRows', { shown: String(TABLE_ROWS), rows: String(rows.length) })}</td>
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}

const toCsv = (headers: string[], rows: number[][]) => [headers.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n';

/** Bins residuals into `bins` equal-width bins: [from, to, count]. */
export function residualHistogram(residuals: number[], bins = 20): number[][] {
  const { lo, hi } = range(residuals);
  const width = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const r of residuals) counts[Math.min(bins - 1, Math.max(0, Math.floor((r - lo) / width)))]++;
  return counts.map((c, i) => [lo + i * width, lo + (i + 1) * width, c]);
}

export function RegressionCharts({ details }: { details: RegressionDetails }) {
  useT();
  const { actual, predicted, target } = details;
  const residuals = actual.map((a, i) => a - predicted[i]);
  const both = range([...actual, ...predicted]);
  const pr = range(predicted);
  const rr = range([...residuals, 0]);
  const hist = residualHistogram(residuals);
  const maxCount = maxOf(
    hist.map((h) => h[2]),
    1,
  );
  const histX = { lo: hist[0][0], hi: hist[hist.length - 1][1] };
  const histY = { lo: 0, hi: maxCount };
  const pointRows = actual.map((a, i) => [a, predicted[i], residuals[i]]);
  return (
    <div className="chart-row">
      <Figure
        testId="predicted-vs-actual"
        caption={t('regressionChart.predictedVsActual', { target, rows: String(actual.length) })}
        table={<PointsTable headers={[t('regressionChart.actual'), t('regressionChart.predicted'), t('regressionChart.residual')]} rows={pointRows} />}
        csv={() => toCsv(['actual', 'predicted', 'residual'], pointRows)}
        fileName="predicted-vs-actual.csv"
      >
        <Axes x={both} y={both} xLabel={t('regressionChart.actualOf', { target })} yLabel={t('regressionChart.predicted')} />
        <line data-testid="identity-line" x1={sx(both.lo, both)} y1={sy(both.lo, both)} x2={sx(both.hi, both)} y2={sy(both.hi, both)} stroke="var(--muted, #888)" strokeDasharray="4 3" />
        {actual.map((a, i) => (
          <circle key={i} cx={sx(a, both)} cy={sy(predicted[i], both)} r="2" fill="var(--accent, #2563eb)" fillOpacity="0.6" />
        ))}
      </Figure>
      <Figure
        testId="residuals-vs-predicted"
        caption={t('regressionChart.residualsVsPredicted')}
        table={<PointsTable headers={[t('regressionChart.predicted'), t('regressionChart.residual')]} rows={pointRows.map((r) => [r[1], r[2]])} />}
        csv={() =>
          toCsv(
            ['predicted', 'residual'],
            pointRows.map((r) => [r[1], r[2]]),
          )
        }
        fileName="residuals.csv"
      >
        <Axes x={pr} y={rr} xLabel={t('regressionChart.predicted')} yLabel={t('regressionChart.residual')} />
        <line x1={PAD.left} y1={sy(0, rr)} x2={W - PAD.right} y2={sy(0, rr)} stroke="var(--muted, #888)" strokeDasharray="4 3" />
        {predicted.map((p, i) => (
          <circle key={i} cx={sx(p, pr)} cy={sy(residuals[i], rr)} r="2" fill="var(--accent, #2563eb)" fillOpacity="0.6" />
        ))}
      </Figure>
      <Figure
        testId="residual-histogram"
        caption={t('regressionChart.distribution')}
        table={<PointsTable headers={[t('regressionChart.from'), t('regressionChart.to'), t('regressionChart.rows')]} rows={hist} />}
        csv={() => toCsv(['from', 'to', 'rows'], hist)}
        fileName="residual-histogram.csv"
      >
        <Axes x={histX} y={histY} xLabel={t('regressionChart.residual')} yLabel={t('regressionChart.rows')} />
        {hist.map(([from, to, c], i) => (
          <rect
            key={i}
            x={sx(from, histX)}
            y={sy(c, histY)}
            width={Math.max(0.5, sx(to, histX) - sx(from, histX) - 1)}
            height={sy(0, histY) - sy(c, histY)}
            fill="var(--accent, #2563eb)"
            fillOpacity="0.7"
          />
        ))}
      </Figure>
    </div>
  );
}
