import { useState } from 'react';
import { formatNumber, type PriceFromModel as PriceOffer } from '../../revenue';
import { t, useLocale, useT } from '../../i18n/locale';

export interface PriceFromModelProps {
  idPrefix: string;
  offer: PriceOffer;
  /** Fill P, and the low/high scenario prices when the model has an interval. */
  onUse: (price: string, scenario: { low: string; high: string } | null) => void;
}

/** One-click P from a regression model whose target is (or the user says is) money. */
export function PriceFromModel({ idPrefix, offer, onUse }: PriceFromModelProps) {
  useT();
  const locale = useLocale();
  const [confirmed, setConfirmed] = useState(false);
  const usable = offer.moneyLike || confirmed;
  const n = (x: number) => formatNumber(x, locale, 2);
  return (
    <section className="revenue-model" aria-labelledby={`${idPrefix}-price-heading`} data-testid="revenue-price-from-model">
      <h3 id={`${idPrefix}-price-heading`}>{t('revenue.priceHeading')}</h3>
      {offer.moneyLike ? null : (
        <p className="field-hint">
          {t('revenue.priceNotMoney', { target: offer.target })}{' '}
          <label>
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> {t('revenue.priceConfirm', { target: offer.target })}
          </label>
        </p>
      )}
      <p className="field-hint" aria-live="polite">
        {offer.basis === 'all'
          ? t('revenue.priceMean', { target: offer.target, rows: n(offer.rows), mean: n(offer.mean) })
          : t('revenue.priceMeanSample', { target: offer.target, rows: n(offer.rows), total: n(offer.testRows), mean: n(offer.mean) })}
        {offer.scenario ? ` ${t('revenue.priceInterval', { low: offer.scenario.lowText, high: offer.scenario.highText, level: n(offer.scenario.level * 100) })}` : ''}
      </p>
      <button type="button" className="button" disabled={!usable} onClick={() => onUse(offer.priceText, offer.scenario ? { low: offer.scenario.lowText, high: offer.scenario.highText } : null)}>
        {t('revenue.priceUse')}
      </button>
    </section>
  );
}
