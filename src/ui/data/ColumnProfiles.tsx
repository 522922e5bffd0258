import { useState } from 'react';
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis } from 'recharts';
import type { ColumnProfile } from '../../data/profile';
import { formatCount, formatStat } from '../common/format';

const TYPE_LABELS: Record<ColumnProfile['type'], string> = {
  numeric: 'numeric',
  categorical: 'categorical',
  boolean: 'boolean',
  text: 'text',
  id: 'id-like',
};

/** One card per column: inferred type, missing and distinct counts, statistics and a histogram. */
/** Cards drawn at first: 20,000 columns would be 20,000 charts and freeze the page. */
export const PROFILES_SHOWN = 60;

export function ColumnProfiles({ profiles }: { profiles: ColumnProfile[] }) {
  const [shown, setShown] = useState(PROFILES_SHOWN);
  return (
    <div>
      <h3>Columns</h3>
      {profiles.length > shown ? (
        <p className="muted" data-testid="profiles-limited">
          Showing {shown.toLocaleString('en-US')} of {profiles.length.toLocaleString('en-US')} columns.{' '}
          <button type="button" className="button button-quiet" onClick={() => setShown((n) => n + PROFILES_SHOWN * 4)}>
            Show {Math.min(PROFILES_SHOWN * 4, profiles.length - shown).toLocaleString('en-US')} more
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
                {TYPE_LABELS[p.type]}
              </span>
            </div>
            <dl className="profile-stats">
              <dt>Missing</dt>
              <dd>{formatCount(p.missing)}</dd>
              <dt>Distinct</dt>
              <dd>{formatCount(p.distinct)}</dd>
              {p.storage === 'numeric' && p.min !== undefined ? (
                <>
                  <dt>Min / max</dt>
                  <dd>
                    {formatStat(p.min)} / {formatStat(p.max)}
                  </dd>
                  <dt>Mean ± sd</dt>
                  <dd>
                    {formatStat(p.mean)} ± {formatStat(p.std)}
                  </dd>
                </>
              ) : null}
              {p.top && p.storage === 'string' ? (
                <>
                  <dt>Top</dt>
                  <dd title={p.top.map((t) => `${t.value} (${t.count})`).join(', ')}>
                    {p.top.slice(0, 3).map((t) => `${t.value} (${t.count})`).join(', ')}
                  </dd>
                </>
              ) : null}
            </dl>
            {p.histogram.length > 0 ? (
              <figure className="profile-histogram">
                <div style={{ height: 60 }} aria-hidden="true">
                  <ResponsiveContainer width="100%" height="100%">
                    <BarChart data={p.histogram} margin={{ top: 2, right: 2, bottom: 0, left: 2 }}>
                      <XAxis dataKey="label" hide />
                      <Tooltip formatter={(v) => [String(v), 'rows']} />
                      <Bar dataKey="count" fill="var(--accent)" isAnimationActive={false} />
                    </BarChart>
                  </ResponsiveContainer>
                </div>
                <details>
                  <summary>Histogram as a table</summary>
                  <table className="compact-table">
                    <thead>
                      <tr>
                        <th scope="col">{p.storage === 'numeric' ? 'Range' : 'Value'}</th>
                        <th scope="col">Rows</th>
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
