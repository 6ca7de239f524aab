/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled.
 * A text starting with = + - @ (or a tab or carriage return) is prefixed with ' so a spreadsheet
 * shows it rather than running it as a formula (purposes are typed by users).
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: unknown[]): string {
  return values.map(csvField).join(',');
}

/** Lines joined with CRLF, as RFC 4180 has it. */
export function toCsv(header: string[], rows: unknown[][]): string {
  return [csvLine(header), ...rows.map(csvLine)].join('\r\n') + '\r\n';
}
