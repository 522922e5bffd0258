/** Class probabilities as bars with their numbers as text (the text is the accessible alternative). */
export function ProbabilityBars({ classes, probabilities, predicted, testId }: { classes: string[]; probabilities: number[]; predicted: string | null; testId?: string }) {
  const order = classes.map((c, i) => ({ c, p: probabilities[i] })).sort((a, b) => b.p - a.p);
  return (
    <ul className="probability-bars" data-testid={testId} aria-label="Class probabilities">
      {order.map(({ c, p }) => (
        <li key={c} className={c === predicted ? 'predicted' : undefined} data-testid="probability" data-class={c} data-value={p}>
          <span className="probability-label">{c}</span>
          <span className="probability-track" aria-hidden="true">
            <span className="probability-fill" style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%` }} />
          </span>
          <span className="probability-value">{(p * 100).toFixed(1)}%</span>
        </li>
      ))}
    </ul>
  );
}
