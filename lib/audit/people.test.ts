import { describe, expect, it } from "vitest";
import { deleteIdentity, updateIdentity } from "@/lib/identities/service";
import { issueUploadLink } from "@/lib/links/service";
import { databaseForFile } from "@/test/database-for-file";
import { addIdentity, makeOrgUser } from "@/test/fixtures";
import { auditCsv } from "./export";
import { parseAuditFilters } from "./filters";
import { listAuditEvents } from "./list";
import { resolveAuditNames } from "./names";
import { recordAudit } from "./record";
import { auditSentences, auditSentenceText } from "./sentence";

const handle = databaseForFile();

const CONDITIONS = { storeImage: true, qualityCheck: true, requireApproval: false };
const sentenceOf = auditSentences("en");
/** The sentence as the page and the CSV say it. */
const textOf = auditSentenceText("en");

describe("audit log for people", () => {
  it("says what happened in a sentence with today's names and links, never ids or codes", async () => {
    const { db } = handle;
    const org = await makeOrgUser(db);
    const maria = await addIdentity(db, org, { externalId: "EMP-7", displayName: "Maria Garcia" });
    await issueUploadLink(db, org.organizationId, org.actor, maria.id, CONDITIONS, 24);
    await updateIdentity(db, org.organizationId, org.actor, maria.id, { displayName: "Maria García" });
    const page = await listAuditEvents(db, org.organizationId, { filters: { person: "EMP-7" } });
    const names = await resolveAuditNames(db, org.organizationId, page.items);
    const lines = page.items.map((r) => sentenceOf(r, names)!);
    const text = lines.map(textOf);
    expect(text).toEqual([
      `${org.email} edited Maria García (EMP-7) (name)`,
      expect.stringMatching(
        new RegExp(`^${org.email} issued an upload link for Maria García \\(EMP-7\\), valid until`),
      ),
      `${org.email} added Maria García (EMP-7)`,
    ]);
    expect(lines[0]!.person.href).toBe(`/identities/${maria.id}`);
    expect(lines[0]!.actor.href).toBe(`/audit?actor=user%3A${org.userId}`);
    for (const t of text) expect(t).not.toMatch(/identity\.|upload_link|[0-9a-f]{8}-/);
  });

  it("filters by person (name, external ID or a deleted person's external ID), actor and event, and pages with a position", async () => {
    const { db } = handle;
    const org = await makeOrgUser(db);
    const other = await makeOrgUser(db, "admin");
    const ana = await addIdentity(db, org, { externalId: "A-1", displayName: "Ana Silva" });
    const bo = await addIdentity(db, org, { externalId: "B-2", displayName: "Bo Chen" });
    for (let i = 0; i < 5; i++)
      await updateIdentity(db, org.organizationId, org.actor, ana.id, { notes: `note ${i}` });
    await deleteIdentity(db, org.organizationId, org.actor, bo.id);
    await recordAudit(db, {
      organizationId: org.organizationId,
      actor: { type: "api_key", id: crypto.randomUUID(), label: "HR sync" },
      action: "upload_link.revoked",
      targetType: "identity",
      targetId: ana.id,
    });
    // Another organization's events about a person with the same name never show.
    const stranger = await addIdentity(db, other, { externalId: "A-1", displayName: "Ana Silva" });
    expect(stranger.id).not.toBe(ana.id);

    const byName = await listAuditEvents(db, org.organizationId, { filters: { person: "ana sil" } });
    expect(byName.total).toBe(7);
    expect(byName.items.every((r) => r.targetId === ana.id)).toBe(true);

    const deleted = await listAuditEvents(db, org.organizationId, { filters: { person: "B-2" } });
    expect(deleted.items.map((r) => r.action)).toEqual(["identity.deleted", "identity.created"]);
    const names = await resolveAuditNames(db, org.organizationId, deleted.items);
    expect(textOf(sentenceOf(deleted.items[0]!, names)!)).toBe(
      `${org.email} deleted person B-2 and all their photos`,
    );

    const byKey = await listAuditEvents(db, org.organizationId, {
      filters: parseAuditFilters({ actor: "api_key:" + byName.items[0]!.actorId }),
    });
    expect(byKey.total).toBe(1);
    const byUser = await listAuditEvents(db, org.organizationId, {
      filters: { actor: { type: "user", id: org.userId }, event: "identity.updated" },
    });
    expect(byUser.total).toBe(5);

    // Pages of 3 over Ana's 7 events: 1–3, 4–6, 7–7, then back.
    const filters = { person: ana.id };
    const p1 = await listAuditEvents(db, org.organizationId, { filters, limit: 3 });
    expect([p1.newerCount, p1.items.length, p1.total, p1.newerAfter]).toEqual([0, 3, 7, null]);
    const p2 = await listAuditEvents(db, org.organizationId, { filters, limit: 3, before: p1.olderBefore! });
    expect([p2.newerCount, p2.items.length]).toEqual([3, 3]);
    const p3 = await listAuditEvents(db, org.organizationId, { filters, limit: 3, before: p2.olderBefore! });
    expect([p3.newerCount, p3.items.length, p3.olderBefore]).toEqual([6, 1, null]);
    const back = await listAuditEvents(db, org.organizationId, { filters, limit: 3, after: p3.newerAfter! });
    expect(back.items.map((r) => r.id)).toEqual(p2.items.map((r) => r.id));
    expect(back.newerAfter).toBeNull(); // the newest page is next: it needs no cursor
  });

  it("ignores filters it does not know rather than failing", () => {
    expect(parseAuditFilters({ actor: "user:not-a-uuid", event: "drop table", person: ["a", "b"] })).toEqual({
      person: undefined,
      actor: undefined,
      event: undefined,
    });
    expect(parseAuditFilters({ actor: "public", event: "approval.rejected", person: "  Ana " })).toEqual({
      person: "Ana",
      actor: { type: "public" },
      event: "approval.rejected",
    });
  });

  it("exports the filtered events as CSV in the same words, with formulas defused", async () => {
    const { db } = handle;
    const org = await makeOrgUser(db);
    await addIdentity(db, org, { externalId: "X-1", displayName: '=HYPERLINK("http://evil.test","click")' });
    await addIdentity(db, org, { externalId: "Y-2", displayName: "山田 太郎" });
    const csv = await auditCsv(db, org.organizationId, { event: "identity.created" });
    expect(csv.startsWith("\uFEFFTime (UTC),Who,What happened,Event,Person,External ID,Event code\r\n")).toBe(
      true,
    );
    const lines = csv.trimEnd().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(
      `${org.email} added 山田 太郎 (Y-2),Person added,山田 太郎,Y-2,identity.created`,
    );
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil.test"",""click"")",X-1,identity.created`);
    expect(csv).not.toMatch(/,=HYPERLINK/);
  });

  it("exports in the console's language: the Japanese page's words give a Japanese CSV", async () => {
    const { db } = handle;
    const org = await makeOrgUser(db);
    const hanako = await addIdentity(db, org, { externalId: "Y-3", displayName: "山田 花子" });
    await updateIdentity(db, org.organizationId, org.actor, hanako.id, {
      displayName: "山田 はなこ",
      notes: "n",
    });
    const edited = await auditCsv(db, org.organizationId, { event: "identity.updated" }, "ja");
    expect(edited).toContain(`${org.email}が山田 はなこ (Y-3)を編集しました（名前、メモ）`);
    const csv = await auditCsv(db, org.organizationId, { event: "identity.created" }, "ja");
    expect(csv.startsWith("\uFEFF日時 (UTC),実行者,内容,イベント,人物,外部ID,イベントコード\r\n")).toBe(true);
    expect(csv).toContain(
      `,${org.email}が山田 はなこ (Y-3)を追加しました,登録者の追加,山田 はなこ,Y-3,identity.created`,
    );
  });

  it("exports an event whose stored expiry is not a time as it was stored, instead of failing", async () => {
    const { db } = handle;
    const org = await makeOrgUser(db);
    await recordAudit(db, {
      organizationId: org.organizationId,
      actor: { type: "system", label: "import" },
      action: "upload_link.issued",
      details: { expiresAt: "tomorrow" },
    });
    const csv = await auditCsv(db, org.organizationId, { event: "upload_link.issued" });
    expect(csv).toContain("import issued an upload link for a person, valid until tomorrow");
  });
});
