import { useState } from 'react';
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis } from 'recharts';
import type { ColumnProfile } from '../../data/profile';
import { formatCount, formatStat } from '../common/format';
import { formatNumber, useT } from '../../i18n/locale';
import type { MessageKey } from '../../i18n/en';

const TYPE_LABELS: Record<ColumnProfile['type'], MessageKey> = {
  numeric: 'data.type.numeric',
  categorical: 'data.type.categorical',
  boolean: 'data.type.boolean',
  text: 'data.type.text',
  id: 'data.type.id',
};

/** One card per column: inferred type, missing and distinct counts, statistics and a histogram. */
/** Cards drawn at first: 20,000 columns would be 20,000 charts and freeze the page. */
export const PROFILES_SHOWN = 60;

export function ColumnProfiles({ profiles }: { profiles: ColumnProfile[] }) {
  const t = useT();
  const [shown, setShown] = useState(PROFILES_SHOWN);
  return (
    <div>
      <h3>{t('data.columns')}</h3>
      {profiles.length > shown ? (
        <p className="muted" data-testid="profiles-limited">
          {t('data.profilesShowing', { shown: formatNumber(shown), total: formatNumber(profiles.length) })}{' '}
          <button type="button" className="button button-quiet" onClick={() => setShown((n) => n + PROFILES_SHOWN * 4)}>
            {t('data.profilesMore', { count: formatNumber(Math.min(PROFILES_SHOWN * 4, profiles.length - shown)) })}
          </button>
        </p>
      ) : null}
      <ul className="profiles" data-testid="column-profiles">
        {profiles.slice(0, shown).map((p, i) => (
          <li key={i} className="profile-card" data-testid="column-profile">
            <div className="profile-head">
              <strong className="profile-name" title={p.name}>
                {p.name}
              </strong>
              <span className={`type-badge type-${p.type}`} data-testid="column-type">
                {t(TYPE_LABELS[p.type])}
              </span>
            </div>
            <dl className="profile-stats">
              <dt>{t('data.missing')}</dt>
              <dd>{formatCount(p.missing)}</dd>
              <dt>{t('data.distinct')}</dt>
              <dd>{formatCount(p.distinct)}</dd>
              {p.storage === 'numeric' && p.min !== undefined ? (
                <>
                  <dt>{t('data.minMax')}</dt>
                  <dd>
                    {formatStat(p.min)} / {formatStat(p.max)}
                  </dd>
                  <dt>{t('data.meanSd')}</dt>
                  <dd>
                    {formatStat(p.mean)} ± {formatStat(p.std)}
                  </dd>
                </>
              ) : null}
              {p.text ? (
                <>
                  <dt>Words per cell</dt>
                  <dd data-testid="text-tokens">
                    median {p.text.medianTokens}, 95% ≤ {p.text.p95Tokens}
                  </dd>
                  <dt>Vocabulary</dt>
                  <dd>
                    {formatCount(p.text.vocabularySize)} words{p.text.sampled ? ' (first 5,000 cells)' : ''}
                  </dd>
                  <dt>Frequent words</dt>
                  <dd title={p.text.topTokens.map((t) => `${t.token} (${t.count})`).join(', ')} data-testid="text-top-tokens">
                    {p.text.topTokens
                      .slice(0, 6)
                      .map((t) => `${t.token} (${t.count})`)
                      .join(', ')}
                  </dd>
                  {p.text.overlong > 0 ? (
                    <>
                      <dt>Long cells</dt>
                      <dd>{formatCount(p.text.overlong)} over 10,000 characters: only their start is read</dd>
                    </>
                  ) : null}
                </>
              ) : p.top && p.storage === 'string' ? (
                <>
                  <dt>{t('data.top')}</dt>
                  <dd title={p.top.map((v) => `${v.value} (${v.count})`).join(', ')}>
                    {p.top
                      .slice(0, 3)
                      .map((v) => `${v.value} (${v.count})`)
                      .join(', ')}
                  </dd>
                </>
              ) : null}
            </dl>
            {p.histogram.length > 0 && !p.text ? (
              <figure className="profile-histogram">
                <div style={{ height: 60 }} aria-hidden="true">
                  <ResponsiveContainer width="100%" height="100%">
                    <BarChart data={p.histogram} margin={{ top: 2, right: 2, bottom: 0, left: 2 }}>
                      <XAxis dataKey="label" hide />
                      <Tooltip formatter={(v) => [String(v), t('data.rowsUnit')]} />
                      <Bar dataKey="count" fill="var(--accent)" isAnimationActive={false} />
                    </BarChart>
                  </ResponsiveContainer>
                </div>
                <details>
                  <summary>{t('data.histogramTable')}</summary>
                  <table className="compact-table">
                    <thead>
                      <tr>
                        <th scope="col">{p.storage === 'numeric' ? t('data.range') : t('data.value')}</th>
                        <th scope="col">{t('data.rowsHeader')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {p.histogram.map((b, j) => (
                        <tr key={j}>
                          <td>{b.label}</td>
                          <td>{b.count}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
              </figure>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
