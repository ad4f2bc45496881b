/** One row of a campaign's delivery file: what someone needs to send the link by hand. */
export interface DeliveryRow {
  externalId: string;
  displayName: string;
  email: string | null;
  url: string;
  expiresAt: Date;
}

const HEADER = ["External ID", "Name", "Email", "URL", "Expires (UTC)"];

/**
 * A cell as Excel reads it: quoted when needed (RFC 4180), and never a formula — a name such as
 * `=HYPERLINK(…)` is prefixed with an apostrophe (OWASP "CSV injection").
 */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const utc = (date: Date) => date.toISOString().slice(0, 19).replace("T", " ");

/** UTF-8 with a byte order mark and CRLF line ends, so Excel opens Japanese names correctly. */
export function deliveryCsv(rows: DeliveryRow[]): string {
  const lines = [HEADER.join(",")];
  for (const r of rows) {
    lines.push([r.externalId, r.displayName, r.email ?? "", r.url, utc(r.expiresAt)].map(cell).join(","));
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** A file name for the download: the campaign's name, safe for every file system. */
export function deliveryFileName(campaignName: string, suffix: string): string {
  const base =
    campaignName
      .replace(/[^\p{L}\p{N}._ -]+/gu, "_")
      .trim()
      .slice(0, 80) || "campaign";
  return `${base} - ${suffix}.csv`;
}
