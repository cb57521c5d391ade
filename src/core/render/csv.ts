// The one place that writes CSV: RFC 4180 (CRLF, quotes only where needed),
// UTF-8, header row, lists joined with `;`, null as an empty cell.
import { stringify } from 'csv-stringify/sync';
import { LIST_DELIMITER } from '../list-delimiter.ts';
import type { Row } from '../table-types.ts';

const BOM = '\uFEFF';

export interface CsvOptions {
  /** Excel profile: a UTF-8 byte order mark so Excel opens the file as UTF-8. */
  bom?: boolean;
}

export function renderCsv(columns: readonly string[], rows: readonly Row[], options: CsvOptions = {}): string {
  const records = rows.map((row) => columns.map((name) => csvCell(row[name])));
  const body = stringify(records, {
    header: true,
    columns: columns as string[],
    record_delimiter: '\r\n',
    // An explicit delimiter turns off quoting of bare LF/CR; keep it on so every cell stays one cell.
    quote_record_delimiter: true,
    // Our data check already refuses such cells; this guards user-shaped output (diffs).
    escape_formulas: true,
    cast: { number: (value) => String(value) },
  });
  return options.bom ? BOM + body : body;
}

function csvCell(value: Row[string] | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(LIST_DELIMITER);
  return value;
}
