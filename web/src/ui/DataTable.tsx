// The one shape of the console's tables: a scrolling wrapper, a header row of column
// headings, and the body rows the caller draws.

import type { ComponentChildren } from 'preact';

export interface Column {
  label: string;
  /** `num`: right-aligned figures; `center`: a short mark. */
  align?: 'num' | 'center';
  /** A tooltip, e.g. the full name behind an abbreviated heading. */
  title?: string;
}

export interface DataTableProps {
  columns: (string | Column)[];
  testid: string;
  /** Extra classes beside `data`. */
  variant?: string;
  children: ComponentChildren;
}

export function DataTable({ columns, testid, variant, children }: DataTableProps) {
  return (
    <div class="table-wrap">
      <table class={variant ? `data ${variant}` : 'data'} data-testid={testid}>
        <thead>
          <tr>
            {columns.map((c, i) => {
              const col = typeof c === 'string' ? { label: c } : c;
              return (
                <th key={i} scope="col" class={col.align} title={col.title}>
                  {col.label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
