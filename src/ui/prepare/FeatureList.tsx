import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ColumnProfile } from '../../data/profile';
import { canBeFeature, canSwitchToText, effectiveType, type PrepareSettings } from '../../preprocess/settings';
import { DISPLAY_LIMITS } from '../../settings/limits';
import { formatNumber, t } from '../../i18n/locale';
import { matchesQuery, nextStep, normalizeQuery, pageColumns } from './column-paging';

interface FeatureListProps {
  profiles: ColumnProfile[];
  prepare: PrepareSettings;
  features: ReadonlySet<string>;
  setFeatureIncluded(name: string, include: boolean): void;
  setFeaturesIncluded(names: readonly string[] | null, include: boolean): void;
  setColumnType(name: string, type: 'text' | 'categorical'): void;
}

/**
 * The feature checkboxes. A wide table (5,000 columns) draws the first DISPLAY_LIMITS.columnsShown and a
 * "show more" button, with a search box and select all / none that act on every matching column without
 * drawing it (drawing 5,000 rows of controls blocked the page for 2–8 s).
 */
export function FeatureList({ profiles, prepare, features, setFeatureIncluded, setFeaturesIncluded, setColumnType }: FeatureListProps) {
  const candidates = useMemo(() => profiles.filter((p) => p.name !== prepare.target), [profiles, prepare.target]);
  const names = useMemo(() => candidates.map((p) => p.name), [candidates]);
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState(DISPLAY_LIMITS.columnsShown);
  const focusIndex = useRef<number | null>(null);
  const searchId = useId();
  const statusId = useId();
  const long = candidates.length > DISPLAY_LIMITS.columnsShown;
  const page = useMemo(() => pageColumns(names, long ? query : '', long ? shown : names.length), [names, query, shown, long]);
  const q = normalizeQuery(query);

  // After "show more", focus moves to the first newly drawn checkbox (the button may disappear).
  useEffect(() => {
    const index = focusIndex.current;
    if (index === null) return;
    focusIndex.current = null;
    document.getElementById(`feature-${index}`)?.focus();
  }, [shown]);

  const matchingNames = () => (q === '' ? null : names.filter((n) => matchesQuery(n, q)));
  const step = nextStep(page, DISPLAY_LIMITS.columnsMore);

  return (
    <fieldset className="feature-list" data-testid="feature-list">
      <legend>{t('prepare.features', { selected: features.size, total: candidates.length })}</legend>
      {long ? (
        <div className="feature-tools">
          <label htmlFor={searchId}>{t('prepare.findColumn')}</label>
          <input
            id={searchId}
            type="search"
            value={query}
            data-testid="feature-search"
            aria-describedby={statusId}
            onChange={(e) => {
              setQuery(e.target.value);
              setShown(DISPLAY_LIMITS.columnsShown);
            }}
          />
          <button type="button" className="button button-quiet" data-testid="features-select-all" onClick={() => setFeaturesIncluded(matchingNames(), true)}>
            {q === '' ? t('prepare.selectAll', { count: formatNumber(page.matching) }) : t('prepare.selectMatching', { count: formatNumber(page.matching) })}
          </button>
          <button type="button" className="button button-quiet" data-testid="features-select-none" onClick={() => setFeaturesIncluded(matchingNames(), false)}>
            {q === '' ? t('prepare.selectNone', { count: formatNumber(page.matching) }) : t('prepare.selectNoneMatching', { count: formatNumber(page.matching) })}
          </button>
          <span id={statusId} className="field-hint" role="status" data-testid="features-shown">
            {page.matching === 0
              ? t('prepare.noColumnMatches', { query: query.trim() })
              : t('prepare.featuresShowing', { shown: formatNumber(page.indices.length), total: formatNumber(page.matching) })}
          </span>
        </div>
      ) : null}
      {page.indices.map((i) => {
        const p = candidates[i];
        const allowed = canBeFeature(p);
        const id = `feature-${i}`;
        const type = effectiveType(p, prepare);
        return (
          <div key={i} className="feature-item">
            <input id={id} type="checkbox" checked={features.has(p.name)} disabled={!allowed.ok} onChange={(e) => setFeatureIncluded(p.name, e.target.checked)} aria-describedby={`${id}-why`} />
            <label htmlFor={id}>{p.name}</label>
            {canSwitchToText(p) && (type === 'text' || type === 'categorical') ? (
              <select
                aria-label={t('prepare.useAs', { column: p.name })}
                value={type}
                data-testid="column-use"
                data-column={p.name}
                onChange={(e) => {
                  const next = e.target.value === 'text' ? 'text' : 'categorical';
                  setColumnType(p.name, next);
                  if (next === 'text') setFeatureIncluded(p.name, true);
                }}
              >
                <option value="categorical">{t('prepare.kind.categorical')}</option>
                <option value="text">{t('prepare.kind.text')}</option>
              </select>
            ) : null}
            <span id={`${id}-why`} className="field-hint">
              {type}
              {!allowed.ok
                ? ` — ${allowed.reason}`
                : type === 'id'
                  ? t('prepare.idExcluded')
                  : type === 'text'
                    ? p.text
                      ? t('prepare.textTfidfStats', { median: formatNumber(p.text.medianTokens), distinct: formatNumber(p.text.vocabularySize) })
                      : t('prepare.textTfidf')
                    : p.storage === 'string'
                      ? t('prepare.oneHot')
                      : ''}
            </span>
          </div>
        );
      })}
      {long && step > 0 ? (
        <div className="feature-tools">
          <button
            type="button"
            className="button button-quiet"
            data-testid="features-more"
            onClick={() => {
              focusIndex.current = page.indices.length < page.matching ? (pageColumns(names, query, shown + 1).indices[shown] ?? null) : null;
              setShown((n) => n + DISPLAY_LIMITS.columnsMore);
            }}
          >
            {t('prepare.featuresMore', { count: formatNumber(step) })}
          </button>
        </div>
      ) : null}
    </fieldset>
  );
}
