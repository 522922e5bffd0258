import { useId } from 'react';

export interface DataTableProps {
  caption: string;
  headers: string[];
  rows: string[][];
}

/**
 * A captioned table: the text alternative for each chart (every period, every
 * tornado bar) for screen readers and for anyone who wants the numbers.
 * The first column is the row header. The scroll box is focusable so keyboard
 * users can scroll long projections.
 */
export function DataTable({ caption, headers, rows }: DataTableProps) {
  const captionId = useId();
  return (
    <div className="revenue-table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="revenue-table">
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row[0]}>
              <th scope="row">{row[0]}</th>
              {row.slice(1).map((cell, i) => (
                <td key={headers[i + 1]}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
