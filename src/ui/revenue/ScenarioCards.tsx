import type { ScenarioCard } from '../../revenue';

/** Low / base / high projections side by side. */
export function ScenarioCards({ cards }: { cards: ScenarioCard[] }) {
  return (
    <div className="revenue-scenarios" data-testid="revenue-scenarios">
      {cards.map((card) => (
        <section key={card.key} className={`revenue-scenario revenue-scenario--${card.key}`} aria-label={`${card.label} scenario`}>
          <h4>{card.label}</h4>
          <p className="revenue-scenario-total">
            Revenue <strong>{card.revenue}</strong>
          </p>
          <p className="revenue-scenario-profit">Profit {card.profit}</p>
          <dl>
            {card.facts.map((f) => (
              <div key={f.term} className="revenue-fact">
                <dt>{f.term}</dt>
                <dd>
                  {f.value} <span className="field-hint">({f.note})</span>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
