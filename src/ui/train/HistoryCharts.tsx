import { memo, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EpochRecord } from '../../train/train-loop';
import { formatMetric } from '../common/format';

interface HistoryChartsProps {
  history: EpochRecord[];
  title: string;
}

/** Loss and accuracy per epoch, training and validation side by side, with a table as text alternative. */
export const HistoryCharts = memo(function HistoryCharts({ history, title }: HistoryChartsProps) {
  // The table is built only when opened: re-rendering hundreds of rows on every epoch would block the page.
  const [tableOpen, setTableOpen] = useState(false);
  const hasValidation = history.some((h) => h.valLoss !== null);
  const chart = (metric: 'loss' | 'accuracy', label: string) => (
    <figure className="chart" data-testid={`chart-${metric}`}>
      <figcaption>
        {label} — {title}
      </figcaption>
      <div style={{ height: 200 }} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={history} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
            <XAxis dataKey="epoch" label={{ value: 'epoch', position: 'insideBottomRight', offset: -4 }} />
            <YAxis domain={metric === 'accuracy' ? [0, 1] : ['auto', 'auto']} width={48} tickFormatter={(v: number) => formatMetric(v, 2)} />
            <Tooltip formatter={(v) => formatMetric(Number(v), 4)} />
            <Legend />
            <Line type="monotone" dataKey={metric} name={`train ${metric}`} stroke="var(--accent)" dot={false} isAnimationActive={false} />
            {hasValidation ? (
              <Line
                type="monotone"
                dataKey={metric === 'loss' ? 'valLoss' : 'valAccuracy'}
                name={`validation ${metric}`}
                stroke="var(--accent-2)"
                dot={false}
                isAnimationActive={false}
              />
            ) : null}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
  return (
    <div className="history">
      <div className="chart-pair">
        {chart('loss', 'Loss')}
        {chart('accuracy', 'Accuracy')}
      </div>
      <details onToggle={(e) => setTableOpen(e.currentTarget.open)}>
        <summary>Training history as a table ({history.length} epochs)</summary>
        {tableOpen ? (
        <div className="table-scroll">
          <table className="compact-table" data-testid="history-table">
            <thead>
              <tr>
                <th scope="col">Epoch</th>
                <th scope="col">Loss</th>
                <th scope="col">Accuracy</th>
                <th scope="col">Validation loss</th>
                <th scope="col">Validation accuracy</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.epoch}>
                  <td>{h.epoch}</td>
                  <td>{formatMetric(h.loss, 4)}</td>
                  <td>{formatMetric(h.accuracy)}</td>
                  <td>{formatMetric(h.valLoss, 4)}</td>
                  <td>{formatMetric(h.valAccuracy)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        ) : null}
      </details>
    </div>
  );
});
