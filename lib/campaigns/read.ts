import "server-only";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { campaigns } from "@/db/schema";
import { notFound } from "@/lib/errors";
import type { MailLocale } from "@/lib/mail/messages";
import { decodeCursor, encodeCursor } from "@/lib/validation/cursor";
import { isUuid } from "@/lib/validation/uuid";

export interface CampaignSummary {
  id: string;
  name: string;
  locale: MailLocale;
  conditions: { storeImage: boolean; qualityCheck: boolean; requireApproval: boolean };
  expiresInHours: number;
  selection: Record<string, unknown>;
  people: number;
  replacedOnCreate: number;
  reminders: number;
  createdBy: string | null;
  createdAt: Date;
}

const columns = {
  id: campaigns.id,
  name: campaigns.name,
  locale: campaigns.locale,
  storeImage: campaigns.storeImage,
  qualityCheck: campaigns.qualityCheck,
  requireApproval: campaigns.requireApproval,
  expiresInHours: campaigns.expiresInHours,
  selection: campaigns.selection,
  people: campaigns.peopleCount,
  replacedOnCreate: campaigns.replacedOnCreate,
  reminders: campaigns.reminders,
  createdBy: campaigns.createdByLabel,
  createdAt: campaigns.createdAt,
};

type Row = { [K in keyof typeof columns]: (typeof columns)[K]["_"]["data"] };

function toSummary(row: Row): CampaignSummary {
  const { storeImage, qualityCheck, requireApproval, createdAt, ...rest } = row;
  return {
    ...rest,
    conditions: { storeImage, qualityCheck, requireApproval },
    createdAt: new Date(createdAt),
  };
}

/** One campaign of the organization (another organization's is simply not found). */
export async function getCampaign(db: DbOrTx, organizationId: string, id: string): Promise<CampaignSummary> {
  if (!isUuid(id)) throw notFound("Campaign not found.");
  const [row] = await db
    .select(columns)
    .from(campaigns)
    .where(and(eq(campaigns.organizationId, organizationId), eq(campaigns.id, id)));
  if (!row) throw notFound("Campaign not found.");
  return toSummary(row as Row);
}

// The cursor carries the database's own timestamp text (microseconds), not a JS Date (milliseconds).
// It comes back from the client, so every field is range-checked here: Date.parse takes year 0,
// February 30 or an offset of +99, PostgreSQL refuses them (and used to answer 500).
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?:Z|[+-](\d{2})(?::?(\d{2}))?)$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isTimestampText(value: string): boolean {
  const m = TIMESTAMP.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as number[];
  const leap = year! % 4 === 0 && (year! % 100 !== 0 || year! % 400 === 0);
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month! - 1];
  return (
    year! >= 1 &&
    days !== undefined &&
    day! >= 1 &&
    day! <= days &&
    hour! <= 23 &&
    minute! <= 59 &&
    second! <= 59 &&
    Number(m[7] ?? 0) <= 15 &&
    Number(m[8] ?? 0) <= 59
  );
}

/** The organization's campaigns, newest first, with keyset pagination. */
export async function listCampaigns(
  db: DbOrTx,
  organizationId: string,
  options: { cursor?: string; limit?: number } = {},
): Promise<{ items: CampaignSummary[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const conditions: SQL[] = [eq(campaigns.organizationId, organizationId)];
  if (options.cursor) {
    const [at, id] = decodeCursor(options.cursor, isTimestampText);
    conditions.push(sql`(${campaigns.createdAt}, ${campaigns.id}) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await db
    .select({ ...columns, at: sql<string>`${campaigns.createdAt}::text` })
    .from(campaigns)
    .where(and(...conditions))
    .orderBy(desc(campaigns.createdAt), desc(campaigns.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toSummary(r as Row)),
    nextCursor: rows.length > limit && last ? encodeCursor(last.at, last.id) : null,
  };
}
