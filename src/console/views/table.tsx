/**
 * A table of rows with column headers, or a sentence when there are none: the shape every list in
 * the console shares (scrolls sideways on a phone inside `.table-wrap`).
 */
import type { ComponentChildren } from "preact";

export function DataTable(props: {
  /** How many rows there are: none shows `empty` instead of the table. */
  rows: number;
  empty: ComponentChildren;
  columns: ComponentChildren[];
  children: ComponentChildren;
}) {
  if (props.rows === 0) return <p class="empty">{props.empty}</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th scope="col">{column}</th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}
