/**
 * A cell as Excel reads it: quoted when needed (RFC 4180), and never a formula — a value such as
 * `=HYPERLINK(…)` is prefixed with an apostrophe (OWASP "CSV injection").
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** UTF-8 with a byte order mark and CRLF line ends, so Excel opens Japanese names correctly. */
export function csvDocument(header: string[], rows: Iterable<string[]>): string {
  const lines = [header.map(csvCell).join(",")];
  for (const row of rows) lines.push(row.map(csvCell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** A date as a spreadsheet sorts it: `2026-11-26 05:31:00`, in UTC. */
export const csvUtc = (date: Date) => date.toISOString().slice(0, 19).replace("T", " ");
