import { useId } from 'react';

export interface CaptionedTableProps {
  caption: string;
  headers: string[];
  rows: string[][];
}

/**
 * A captioned table of text cells: the text alternative for each chart (every period, every tornado bar)
 * for screen readers and for anyone who wants the numbers. The first column is the row header. The
 * scroll box is focusable so keyboard users can scroll long tables. (The data set's rows, virtualized and
 * fetched from the worker, are ui/data/DataTable.)
 */
export function CaptionedTable({ caption, headers, rows }: CaptionedTableProps) {
  const captionId = useId();
  return (
    <div className="captioned-table" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table>
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
