/**
 * The one CSV writer: RFC 4180 quoting (a field is quoted when it holds a comma, quote, CR or LF, or has
 * leading/trailing spaces, which some readers trim; quotes inside are doubled), plus the guard against
 * spreadsheet formula injection for cells that come from user data.
 */

export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows as CSV text, every line (the last too) ended by `newline` (RFC 4180: CRLF). */
export function toCsv(rows: readonly (readonly string[])[], newline: '\r\n' | '\n' = '\r\n'): string {
  let out = '';
  for (const row of rows) out += row.map(csvField).join(',') + newline;
  return out;
}

/** Spreadsheet apps run cells starting with these as formulas; such text cells get a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** A user-data cell made safe to open in a spreadsheet: text that would run as a formula gets a leading apostrophe; numbers stay. */
export function safeCell(text: string): string {
  return FORMULA_START.test(text) && !NUMBER.test(text) ? `'${text}` : text;
}
