import { useCallback, useEffect, useRef, useState } from 'react';
import { useStudio } from '../../store/studio-store';
import { formatCount } from '../common/format';
import { useT } from '../../i18n/locale';

const ROW_HEIGHT = 28;
const VIEW_ROWS = 12;
const PAGE = 200;

/**
 * A virtualized view of every row: only the visible rows are in the DOM, and rows are fetched from the
 * worker a page at a time. Cells are text nodes, so headers or values containing HTML stay text.
 */
export function DataTable() {
  const t = useT();
  const dataset = useStudio((s) => s.dataset);
  const fetchRows = useStudio((s) => s.fetchRows);
  const [pages, setPages] = useState<Map<number, string[][]>>(new Map());
  const [scrollTop, setScrollTop] = useState(0);
  const requested = useRef(new Set<number>());
  const rows = dataset?.rows ?? 0;
  const first = Math.floor(scrollTop / ROW_HEIGHT);
  const last = Math.min(rows, first + VIEW_ROWS + 2);

  const ensurePage = useCallback(
    (page: number) => {
      if (requested.current.has(page)) return;
      requested.current.add(page);
      fetchRows(page * PAGE, PAGE)
        .then((data) => setPages((prev) => new Map(prev).set(page, data)))
        .catch((error: unknown) => {
          requested.current.delete(page);
          console.error('Could not fetch rows', error);
        });
    },
    [fetchRows],
  );

  useEffect(() => {
    for (let p = Math.floor(first / PAGE); p <= Math.floor(Math.max(first, last - 1) / PAGE); p++) ensurePage(p);
  }, [first, last, ensurePage]);

  if (!dataset || dataset.kind !== 'table') return null;
  const visible: { index: number; cells: string[] | null }[] = [];
  for (let r = first; r < last; r++) {
    const page = pages.get(Math.floor(r / PAGE));
    visible.push({ index: r, cells: page ? (page[r % PAGE] ?? null) : null });
  }
  // The first columns only: a table of 20,000 columns would draw hundreds of thousands of cells.
  const columns = dataset.header.slice(0, 200);
  return (
    <div className="data-table" data-testid="data-table">
      <div className="table-caption" id="data-table-caption">
        {t('data.allRows', { rows: formatCount(rows) })}
      </div>
      <div
        className="data-table-scroll"
        tabIndex={0}
        role="region"
        aria-labelledby="data-table-caption"
        style={{ height: ROW_HEIGHT * (VIEW_ROWS + 1) + 2 }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <table role="grid" aria-rowcount={rows + 1} aria-colcount={columns.length + 1}>
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col" className="row-number">
                #
              </th>
              {columns.map((name, i) => (
                <th scope="col" key={i} title={name}>
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr style={{ height: first * ROW_HEIGHT }} aria-hidden="true" />
            {visible.map(({ index, cells }) => (
              <tr key={index} aria-rowindex={index + 2} style={{ height: ROW_HEIGHT }}>
                <th scope="row" className="row-number">
                  {index + 1}
                </th>
                {columns.map((_, c) => {
                  const value = cells?.[c];
                  return (
                    <td key={c} className={value === '' ? 'cell-missing' : undefined}>
                      {cells === null ? '…' : value === '' ? t('data.cellMissing') : value}
                    </td>
                  );
                })}
              </tr>
            ))}
            <tr style={{ height: Math.max(0, rows - last) * ROW_HEIGHT }} aria-hidden="true" />
          </tbody>
        </table>
      </div>
    </div>
  );
}
