import { formatNumber, useT } from '../../i18n/locale';
/** Class probabilities as bars with their numbers as text (the text is the accessible alternative). */
export function ProbabilityBars({ classes, probabilities, predicted, testId }: { classes: string[]; probabilities: number[]; predicted: string | null; testId?: string }) {
  const t = useT();
  const order = classes.map((c, i) => ({ c, p: probabilities[i] })).sort((a, b) => b.p - a.p);
  return (
    <ul className="probability-bars" data-testid={testId} aria-label={t('probability.label')}>
      {order.map(({ c, p }) => (
        <li key={c} className={c === predicted ? 'predicted' : undefined} data-testid="probability" data-class={c} data-value={p}>
          <span className="probability-label">{c}</span>
          <span className="probability-track" aria-hidden="true">
            <span className="probability-fill" style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%` }} />
          </span>
          <span className="probability-value">{formatNumber(p, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })}</span>
        </li>
      ))}
    </ul>
  );
}
