import { useDeferredValue, useState } from 'react';
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

const HIST_WIDTH = 200;
const HIST_HEIGHT = 60;

/**
 * A column's histogram as plain SVG bars (a tooltip per bar). It used recharts from a lazy chunk behind
 * Suspense: the cards then waited for a dynamic import(), and in the e2e harness that import stayed
 * pending for over a minute (the chunk's bytes had arrived in 62 ms; the promise resolved only once
 * Playwright stopped polling the page), so a 5,000-column file showed no profile at all. 60 recharts
 * charts were also a 1.7 s main-thread task. The same numbers are in the table below each chart.
 */
function MiniHistogram({ bins, rowsUnit }: { bins: ColumnProfile['histogram']; rowsUnit: string }) {
  let highest = 1;
  for (const b of bins) if (b.count > highest) highest = b.count;
  const step = HIST_WIDTH / Math.max(1, bins.length);
  const gap = step > 4 ? 1 : 0;
  return (
    <svg className="profile-bars" viewBox={`0 0 ${HIST_WIDTH} ${HIST_HEIGHT}`} width="100%" height={HIST_HEIGHT} preserveAspectRatio="none" aria-hidden="true">
      {bins.map((b, j) => {
        const h = b.count > 0 ? Math.max(1, (b.count / highest) * (HIST_HEIGHT - 2)) : 0;
        return (
          <rect key={j} x={j * step + gap / 2} y={HIST_HEIGHT - h} width={Math.max(0.5, step - gap)} height={h} fill="var(--accent)">
            <title>{`${b.label}: ${b.count} ${rowsUnit}`}</title>
          </rect>
        );
      })}
    </svg>
  );
}

/** A histogram's numbers as a table, drawn only while its disclosure is open (13 cards × 20 rows otherwise). */
function HistogramTable({ profile: p }: { profile: ColumnProfile }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('data.histogramTable')}</summary>
      {open ? (
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
      ) : null}
    </details>
  );
}

/** One card per column: inferred type, missing and distinct counts, statistics and a histogram. */
/** Cards drawn at first: 20,000 columns would be 20,000 charts and freeze the page. */
export const PROFILES_SHOWN = 60;

const NO_PROFILES: ColumnProfile[] = [];

export function ColumnProfiles({ profiles }: { profiles: ColumnProfile[] }) {
  const t = useT();
  const [shown, setShown] = useState(PROFILES_SHOWN);
  // The cards sit below the table: the render that brings a new table in (as the person waits for it) draws the
  // heading only, and the cards follow in a background render React can interrupt (issue 19, the hand-over).
  const drawn = useDeferredValue(profiles, NO_PROFILES);
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
        {drawn.slice(0, shown).map((p, i) => (
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
                <MiniHistogram bins={p.histogram} rowsUnit={t('data.rowsUnit')} />
                <HistogramTable profile={p} />
              </figure>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
