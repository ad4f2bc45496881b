import { csvDocument, csvUtc } from "@/lib/csv";

/** One row of a campaign's delivery file: what someone needs to send the link by hand. */
export interface DeliveryRow {
  externalId: string;
  displayName: string;
  email: string | null;
  url: string;
  expiresAt: Date;
}

const HEADER = ["External ID", "Name", "Email", "URL", "Expires (UTC)"];

export function deliveryCsv(rows: DeliveryRow[]): string {
  return csvDocument(
    HEADER,
    rows.map((r) => [r.externalId, r.displayName, r.email ?? "", r.url, csvUtc(r.expiresAt)]),
  );
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
