process.env.FACE_QUEUE_MAX = "64";

import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { approvalRequests, heldImageKeys, mailOutbox, uploadLinks } from "@/db/schema";
import { decideApproval, readApprovalImage } from "@/lib/approvals/service";
import { findInconsistencies } from "@/lib/consistency/check";
import { listIdentities } from "@/lib/identities/service";
import { markLinkOpened } from "@/lib/links/events";
import { findValidLink, issueUploadLink } from "@/lib/links/service";
import { setMailSettingsForProcess } from "@/lib/mail/config";
import { MailWorker } from "@/lib/mail/worker";
import { shutdownPortraitWorkers, withPortraitAdmission } from "@/lib/portrait";
import { darkJpeg, frontalJpeg } from "@/test/photos";
import { submitSelfRegistration } from "@/lib/uploads/self-registration";
import { databaseForFile } from "@/test/database-for-file";
import { addPeople, auditEventsOf, makeOrgUser } from "@/test/fixtures";
import { TestSmtpServer } from "@/test/smtp";
import { createCampaign, previewSelection } from "./create";
import { deliveryCsv } from "./csv";
import { getCampaignProgress, listCampaignMembers, type MemberState } from "./progress";
import { getCampaign, listCampaigns } from "./read";
import { remindCampaign } from "./remind";
import { rejectWithNewLink } from "./resend";

const handle = databaseForFile();
let ip = 0;
const nextIp = () => `198.51.100.${(++ip % 250) + 1}`;
const tokenOf = (url: string) => url.split("/upload/")[1]!;
const CONDITIONS = { storeImage: true, qualityCheck: true, requireApproval: false };

afterEach(() => setMailSettingsForProcess(undefined));

let counter = 0;
async function orgWithPeople(db: Db, n: number, prefix = "Person") {
  const org = await makeOrgUser(db, "admin");
  const people = await addPeople(db, org, n, (i) => {
    const c = ++counter;
    return {
      externalId: `C-${c}`,
      displayName: `${prefix} ${String(i).padStart(2, "0")}`,
      email: i % 2 === 0 ? `p${c}@example.test` : "",
    };
  });
  return { org, people };
}

/** A campaign of these people (or this selection), sent by no mail, with the default conditions unless `settings` says. */
const campaignOf = (
  org: Awaited<ReturnType<typeof orgWithPeople>>["org"],
  /** The people (identity rows or ids), or any other selection. */
  selection: (string | { id: string })[] | Parameters<typeof createCampaign>[4],
  settings: Partial<Parameters<typeof createCampaign>[3]> & { name: string },
) =>
  createCampaign(
    handle.db,
    org.organizationId,
    org.actor,
    { locale: "en", options: CONDITIONS, email: false, ...settings },
    Array.isArray(selection)
      ? { kind: "ids", identityIds: selection.map((p) => (typeof p === "string" ? p : p.id)) }
      : selection,
  );

const heldKeyOf = (db: Db, requestId: string) =>
  db.select().from(heldImageKeys).where(eq(heldImageKeys.approvalRequestId, requestId));

const namesIn = async (db: Db, organizationId: string, campaignId: string, state: MemberState) =>
  (await listCampaignMembers(db, organizationId, campaignId, { state })).items.map((m) => m.displayName);

describe("creating a campaign", () => {
  it("issues one link per person through the batch service, replacing active ones, and says how many", async () => {
    const { db } = handle;
    const { org, people } = await orgWithPeople(db, 4);
    const earlier = await issueUploadLink(db, org.organizationId, org.actor, people[1]!.id, {});
    const { campaign, members } = await campaignOf(org, people, {
      name: "Yearly refresh",
      locale: "ja",
      expiresInHours: 72,
    });
    expect(campaign).toMatchObject({ name: "Yearly refresh", people: 4, replacedOnCreate: 1, locale: "ja" });
    expect(members.map((m) => m.externalId)).toEqual(people.map((p) => p.externalId));
    expect(members.every((m) => /\/upload\/upl_[\w-]{43}$/.test(m.url) && !m.mailed)).toBe(true);
    expect(members[1]!.replacedActiveLink).toBe(true);
    expect(await findValidLink(db, tokenOf(earlier.url))).toBeNull();
    for (const m of members) expect(await findValidLink(db, tokenOf(m.url))).not.toBeNull();
    const active = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(uploadLinks)
      .where(
        sql`${uploadLinks.organizationId} = ${org.organizationId} and used_at is null and revoked_at is null`,
      );
    expect(active[0]!.n).toBe(4);
    const audit = await auditEventsOf(db, org.organizationId, "campaign.created");
    expect(audit[0]!.details).toMatchObject({ people: 4, replacedActiveLinks: 1, mailed: 0 });
    expect((await listCampaigns(db, org.organizationId)).items.map((c) => c.id)).toEqual([campaign.id]);
  });

  it("selects 'all that match' a search and filter, and refuses when the confirmed count no longer holds", async () => {
    const { db } = handle;
    const { org, people } = await orgWithPeople(db, 3, "Match");
    await orgWithPeople(db, 2, "Match"); // another organization: never selected
    const match = { q: "match", filter: "no_portrait" as const };
    expect(await previewSelection(db, org.organizationId, { kind: "match", match })).toEqual({
      people: 3,
      withEmail: 2,
      withActiveLink: 0,
    });
    await expect(
      campaignOf(org, { kind: "match", match, expectedCount: 2 }, { name: "x" }),
    ).rejects.toMatchObject({ code: "SELECTION_CHANGED", status: 409 });
    const { members } = await campaignOf(org, { kind: "match", match, expectedCount: 3 }, { name: "x" });
    expect(members.map((m) => m.identityId).sort()).toEqual(people.map((p) => p.id).sort());
    await expect(
      campaignOf(org, { kind: "match", match: { q: "nobody-matches-this", filter: "all" } }, { name: "x" }),
    ).rejects.toMatchObject({ code: "EMPTY_SELECTION", status: 422 });
  });

  it("refuses mail when SMTP is not configured, and identities of another organization, issuing nothing", async () => {
    const { db } = handle;
    const a = await orgWithPeople(db, 2);
    const b = await orgWithPeople(db, 1);
    const mailed = campaignOf(a.org, a.people, { name: "x", locale: "ja", email: true });
    await expect(mailed).rejects.toMatchObject({
      code: "EMAIL_NOT_CONFIGURED",
      status: 422,
      message: expect.stringContaining("SMTP_URL"),
    });
    await expect(
      campaignOf(a.org, [a.people[0]!, b.people[0]!], { name: "x", locale: "ja" }),
    ).rejects.toMatchObject({ code: "IDENTITY_NOT_FOUND", status: 422 });
    const links = await db
      .select()
      .from(uploadLinks)
      .where(eq(uploadLinks.organizationId, a.org.organizationId));
    expect(links).toHaveLength(0);
    expect((await listCampaigns(db, a.org.organizationId)).items).toHaveLength(0);
  });

  it("makes a CSV Excel opens right: BOM, CRLF, quoted cells, no formulas", () => {
    const csv = deliveryCsv([
      {
        externalId: "E-1",
        displayName: "山田, 太郎",
        email: null,
        url: "https://x/upload/upl_a",
        expiresAt: new Date("2030-01-02T03:04:05.678Z"),
      },
      {
        externalId: "=cmd|' /C calc'!A0",
        displayName: 'Say "hi"',
        email: "a@b.c",
        url: "https://x/upload/upl_b",
        expiresAt: new Date("2030-01-02T03:04:05Z"),
      },
    ]);
    expect(csv.startsWith("\uFEFFExternal ID,Name,Email,URL,Expires (UTC)\r\n")).toBe(true);
    expect(csv).toContain('E-1,"山田, 太郎",,https://x/upload/upl_a,2030-01-02 03:04:05\r\n');
    expect(csv).toContain(`'=cmd|' /C calc'!A0,"Say ""hi""",a@b.c,`);
    expect(csv.endsWith("\r\n")).toBe(true);
  });
});

describe("following a campaign", () => {
  it("counts every state in one query, lists the people behind each count, and histograms failed checks", async () => {
    const { db } = handle;
    const { org, people } = await orgWithPeople(db, 7);
    const { campaign, members } = await campaignOf(org, people, {
      name: "Follow",
      options: { ...CONDITIONS, requireApproval: true },
    });
    const link = (i: number) => tokenOf(members[i]!.url);
    const linkId = async (i: number) => (await findValidLink(db, link(i)))!.linkId;
    // 0: opened, failed twice (too dark), then uploaded → waiting for approval, then approved.
    await markLinkOpened(db, await linkId(0), "en");
    await markLinkOpened(db, await linkId(0), "ja"); // only the first view counts
    for (let i = 0; i < 2; i++) {
      await expect(submitSelfRegistration(db, link(0), await darkJpeg(), nextIp())).rejects.toMatchObject({
        code: "TOO_DARK",
      });
    }
    await submitSelfRegistration(db, link(0), await frontalJpeg(), nextIp());
    // 1: uploaded, still waiting for approval. 2: uploaded, rejected.
    await submitSelfRegistration(db, link(1), await frontalJpeg(), nextIp());
    await submitSelfRegistration(db, link(2), await frontalJpeg(), nextIp());
    const requests = await db
      .select({ id: approvalRequests.id, identityId: approvalRequests.identityId })
      .from(approvalRequests)
      .where(eq(approvalRequests.organizationId, org.organizationId));
    const requestOf = (i: number) => requests.find((r) => r.identityId === people[i]!.id)!.id;
    await decideApproval(db, org.organizationId, org.actor, requestOf(0), "approve");
    await decideApproval(db, org.organizationId, org.actor, requestOf(2), "reject", "FACE_COVERED");
    // 3: expired unused. 4: replaced by a link issued by hand. 5: opened only. 6: untouched.
    await db
      .update(uploadLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(uploadLinks.id, await linkId(3)));
    await issueUploadLink(db, org.organizationId, org.actor, people[4]!.id, {});
    await markLinkOpened(db, await linkId(5), "ja");

    const { counts, failureReasons, failedAttempts } = await getCampaignProgress(
      db,
      org.organizationId,
      campaign.id,
    );
    expect(counts).toMatchObject({
      issued: 7,
      opened: 2,
      failed_check: 1,
      uploaded: 3,
      awaiting_approval: 1,
      approved: 1,
      rejected: 1,
      expired: 1,
      replaced: 1,
      revoked: 0,
      not_uploaded: 3,
      not_mailed: 7,
    });
    expect(failureReasons).toEqual([{ code: "TOO_DARK", attempts: 2, people: 1 }]);
    expect(failedAttempts).toBe(2);
    const name = (i: number) => people[i]!.displayName;
    expect(await namesIn(db, org.organizationId, campaign.id, "uploaded")).toEqual([
      name(0),
      name(1),
      name(2),
    ]);
    expect(await namesIn(db, org.organizationId, campaign.id, "not_uploaded")).toEqual([
      name(3),
      name(5),
      name(6),
    ]);
    expect(await namesIn(db, org.organizationId, campaign.id, "replaced")).toEqual([name(4)]);
    expect(await namesIn(db, org.organizationId, campaign.id, "expired")).toEqual([name(3)]);
    const [rejected] = (await listCampaignMembers(db, org.organizationId, campaign.id, { state: "rejected" }))
      .items;
    expect(rejected).toMatchObject({
      displayName: name(2),
      approval: "rejected",
      rejectionReason: "FACE_COVERED",
    });
    const [failed] = (
      await listCampaignMembers(db, org.organizationId, campaign.id, {
        state: "failed_check",
        reason: "TOO_DARK",
      })
    ).items;
    expect(failed).toMatchObject({
      displayName: name(0),
      failedAttempts: 2,
      lastFailureCode: "TOO_DARK",
      approval: "approved",
    });
    // Paging: two at a time, no gaps or repeats.
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listCampaignMembers(db, org.organizationId, campaign.id, { limit: 2, cursor });
      seen.push(...page.items.map((m) => m.displayName));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(people.map((p) => p.displayName));
    // The per-person state the counts read (kept by triggers) agrees with the rows it comes from.
    expect(await findInconsistencies(db)).toEqual([]);
  });

  it("Remind gives a fresh link (and CSV rows) only to those who have not uploaded; their old links die", async () => {
    const { db } = handle;
    const { org, people } = await orgWithPeople(db, 4);
    const { campaign, members } = await campaignOf(org, people, { name: "Remind", locale: "ja" });
    await submitSelfRegistration(db, tokenOf(members[0]!.url), await frontalJpeg(), nextIp());
    await db
      .update(uploadLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(uploadLinks.identityId, people[1]!.id));
    const reminded = await remindCampaign(db, org.organizationId, org.actor, campaign.id, { email: false });
    expect(reminded.members.map((m) => m.identityId).sort()).toEqual(
      [people[1]!.id, people[2]!.id, people[3]!.id].sort(),
    );
    expect(reminded.campaign.reminders).toBe(1);
    for (const old of members.slice(2)) expect(await findValidLink(db, tokenOf(old.url))).toBeNull();
    for (const fresh of reminded.members) expect(await findValidLink(db, tokenOf(fresh.url))).not.toBeNull();
    const { counts } = await getCampaignProgress(db, org.organizationId, campaign.id);
    expect(counts).toMatchObject({ issued: 4, uploaded: 1, not_uploaded: 3, expired: 0, replaced: 0 });
    // The campaign's own reminder is not "replaced by a newer link": the member's current link is the new one.
    expect(
      (await listCampaignMembers(db, org.organizationId, campaign.id, { state: "not_uploaded" })).items.every(
        (m) => m.reminders === 1,
      ),
    ).toBe(true);
  });

  it("never crosses organizations: another org can neither read, follow nor remind a campaign", async () => {
    const { db } = handle;
    const a = await orgWithPeople(db, 1);
    const b = await orgWithPeople(db, 1);
    const { campaign } = await campaignOf(a.org, a.people, { name: "A only", locale: "ja" });
    for (const attempt of [
      () => getCampaign(db, b.org.organizationId, campaign.id),
      () => getCampaignProgress(db, b.org.organizationId, campaign.id),
      () => listCampaignMembers(db, b.org.organizationId, campaign.id),
      () => remindCampaign(db, b.org.organizationId, b.org.actor, campaign.id, { email: false }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: "NOT_FOUND", status: 404 });
    }
    expect((await listCampaigns(db, b.org.organizationId)).items).toEqual([]);
    await expect(getCampaign(db, a.org.organizationId, "not-a-uuid")).rejects.toMatchObject({ status: 404 });
    await expect(
      listCampaignMembers(db, a.org.organizationId, campaign.id, { cursor: "garbage" }),
    ).rejects.toMatchObject({ code: "INVALID_CURSOR", status: 400 });
  });

  it("refuses page cursors the database would refuse, before SQL sees them (issue 11)", async () => {
    const { db } = handle;
    const { org } = await orgWithPeople(db, 1);
    const uuid = "0b7c6f8e-1d2a-4c3b-9e4f-5a6b7c8d9e0f";
    const cursor = (...parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString("base64url");
    // Each of these timestamps passes a loose shape check and JavaScript's Date.parse, not PostgreSQL.
    for (const at of [
      "0000-01-01 00:00:00+00",
      "2026-02-30 10:00:00+00",
      "2026-01-01 24:30:00+00",
      "2026-01-01 10:00:00+99",
    ]) {
      await expect(listCampaigns(db, org.organizationId, { cursor: cursor(at, uuid) })).rejects.toMatchObject(
        {
          code: "INVALID_CURSOR",
          status: 400,
        },
      );
    }
    const { campaign } = await campaignOf(
      org,
      { kind: "match", match: { q: "", filter: "all" } },
      { name: "Cursors" },
    );
    for (const bad of [cursor("a\u0000b", uuid), cursor("\ud800", uuid), cursor("x", uuid, "extra")]) {
      await expect(
        listCampaignMembers(db, org.organizationId, campaign.id, { cursor: bad }),
      ).rejects.toMatchObject({ code: "INVALID_CURSOR", status: 400 });
    }
    // The cursors the service hands out still work.
    await campaignOf(org, { kind: "match", match: { q: "", filter: "all" } }, { name: "Cursors 2" });
    const first = await listCampaigns(db, org.organizationId, { limit: 1 });
    const second = await listCampaigns(db, org.organizationId, { limit: 1, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((c) => c.name)).toEqual(["Cursors 2", "Cursors"]);
  });
});

describe("reject with a reason and a new link", () => {
  it("rejects, issues a new link in the same campaign, and mails the reason in the language the person's phone used", async () => {
    const { db } = handle;
    const server = await new TestSmtpServer().start();
    const settings = { smtpUrl: server.url, from: "no-reply@im.example", timeZone: "Asia/Tokyo" };
    setMailSettingsForProcess(settings);
    const worker = new MailWorker(async () => db, settings, { pollMs: 50 }).start();
    try {
      const { org, people } = await orgWithPeople(db, 1);
      const { campaign, members } = await campaignOf(org, people, {
        name: "Resend",
        options: { ...CONDITIONS, requireApproval: true },
      });
      const first = tokenOf(members[0]!.url);
      await markLinkOpened(db, (await findValidLink(db, first))!.linkId, "ja");
      await submitSelfRegistration(db, first, await frontalJpeg(), nextIp());
      const [request] = await db
        .select({ id: approvalRequests.id })
        .from(approvalRequests)
        .where(eq(approvalRequests.organizationId, org.organizationId));
      const result = await rejectWithNewLink(db, org.organizationId, org.actor, request!.id, {
        reason: "FACE_COVERED",
        note: "帽子を外してください",
        email: true,
      });
      expect(result).toMatchObject({ locale: "ja", mailed: true, campaignId: campaign.id });
      // Crypto-shredding (issue 11) holds on this path too: the held image's key went with the
      // decision, in the same transaction as the new link.
      expect(await heldKeyOf(db, request!.id)).toEqual([]);
      expect(await readApprovalImage(db, org.organizationId, request!.id, "image")).toBeNull();
      expect(await findInconsistencies(db)).toEqual([]);
      expect(await findValidLink(db, tokenOf(result.url))).not.toBeNull();
      const [mail] = await server.waitFor(1);
      expect(mail!.to).toBe(people[0]!.email);
      expect(mail!.subject).toContain("顔写真の再登録のお願い");
      expect(mail!.text).toContain("理由: お顔の一部が隠れています");
      expect(mail!.text).toContain("管理者からのメッセージ: 帽子を外してください");
      expect(mail!.text).toContain(result.url);
      // The person is back in the campaign with their new link; the rejection is on record.
      const { counts } = await getCampaignProgress(db, org.organizationId, campaign.id);
      expect(counts).toMatchObject({ issued: 1, uploaded: 0, not_uploaded: 1, rejected: 0 });
      const audit = await auditEventsOf(db, org.organizationId, "approval.rejected");
      expect(audit[0]!.details).toMatchObject({ reason: "FACE_COVERED" });
      // A second decision on the same request is refused, and issues nothing.
      await expect(
        rejectWithNewLink(db, org.organizationId, org.actor, request!.id, { reason: "OTHER", email: false }),
      ).rejects.toMatchObject({ code: "ALREADY_DECIDED" });
      expect(await findValidLink(db, tokenOf(result.url))).not.toBeNull();
    } finally {
      await worker.stop();
      await server.stop();
    }
  });

  it("without a campaign: keeps the rejected link's conditions; refuses mail to someone without an address, changing nothing", async () => {
    const { db } = handle;
    const { org, people } = await orgWithPeople(db, 2);
    setMailSettingsForProcess({
      smtpUrl: "smtp://127.0.0.1:9",
      from: "no-reply@im.example",
      timeZone: "UTC",
    });
    const link = await issueUploadLink(db, org.organizationId, org.actor, people[1]!.id, {
      storeImage: false,
      requireApproval: true,
    });
    await submitSelfRegistration(db, tokenOf(link.url), await frontalJpeg(), nextIp());
    const [request] = await db
      .select({ id: approvalRequests.id })
      .from(approvalRequests)
      .where(eq(approvalRequests.organizationId, org.organizationId));
    await expect(
      rejectWithNewLink(db, org.organizationId, org.actor, request!.id, { reason: "OTHER", email: true }),
    ).rejects.toMatchObject({ code: "NO_EMAIL_ADDRESS", status: 422 });
    const [still] = await db
      .select({ status: approvalRequests.status })
      .from(approvalRequests)
      .where(eq(approvalRequests.id, request!.id));
    expect(still!.status).toBe("pending");
    // The refused attempt decided nothing: the key (and so the held photo) is still there to review.
    expect(await heldKeyOf(db, request!.id)).toHaveLength(1);
    expect(await readApprovalImage(db, org.organizationId, request!.id, "image")).not.toBeNull();
    const result = await rejectWithNewLink(db, org.organizationId, org.actor, request!.id, {
      reason: "NOT_THE_PERSON",
      email: false,
    });
    expect(result).toMatchObject({ mailed: false, campaignId: null });
    expect(await heldKeyOf(db, request!.id)).toEqual([]);
    expect(await findInconsistencies(db)).toEqual([]);
    const fresh = await findValidLink(db, tokenOf(result.url));
    expect(fresh!.conditions).toEqual({ storeImage: false, qualityCheck: true, requireApproval: true });
    expect(
      await db.select().from(mailOutbox).where(eq(mailOutbox.organizationId, org.organizationId)),
    ).toEqual([]);
  });
});

describe("identity filters for campaigns", () => {
  it("never asked, link expired unused, portrait older than N months", async () => {
    const { db } = handle;
    const { org, people } = await orgWithPeople(db, 3, "Filter");
    await issueUploadLink(db, org.organizationId, org.actor, people[0]!.id, {});
    const expiring = await issueUploadLink(db, org.organizationId, org.actor, people[1]!.id, {});
    await db
      .update(uploadLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(uploadLinks.id, expiring.linkId));
    const names = async (filter: "never_asked" | "link_expired" | "portrait_older", months?: number) =>
      (await listIdentities(db, org.organizationId, { filter, months })).items.map((i) => i.displayName);
    expect(await names("never_asked")).toEqual([people[2]!.displayName]);
    expect(await names("link_expired")).toEqual([people[1]!.displayName]);
    expect(await names("portrait_older")).toEqual([]);
    const direct = await issueUploadLink(db, org.organizationId, org.actor, people[2]!.id, {});
    await submitSelfRegistration(db, tokenOf(direct.url), await frontalJpeg(), nextIp());
    await db.execute(
      sql`update portraits set created_at = now() - interval '13 months' where identity_id = ${people[2]!.id}`,
    );
    expect(await names("portrait_older")).toEqual([people[2]!.displayName]);
    expect(await names("portrait_older", 14)).toEqual([]);
  });
});

describe("failed attempts with issue 11's upload path", () => {
  it("count photos that were checked: not an upload shed as busy, not a replayed outcome", async () => {
    const { db } = handle;
    const { org, people } = await orgWithPeople(db, 1);
    const { campaign, members } = await campaignOf(org, people, { name: "Attempts" });
    const token = tokenOf(members[0]!.url);
    const failed = async () =>
      (await getCampaignProgress(db, org.organizationId, campaign.id)).failedAttempts;
    const saved = { workers: process.env.FACE_WORKERS, wait: process.env.FACE_MAX_WAIT_MS };
    const restore = () => {
      for (const [key, value] of [
        ["FACE_WORKERS", saved.workers],
        ["FACE_MAX_WAIT_MS", saved.wait],
      ] as const)
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
    };
    await shutdownPortraitWorkers();
    process.env.FACE_WORKERS = "1";
    process.env.FACE_MAX_WAIT_MS = "0";
    let release = () => {};
    const holding = withPortraitAdmission(() => new Promise<void>((resolve) => (release = resolve)));
    try {
      // The one worker is taken: the person's photo is shed before it is looked at.
      await expect(
        submitSelfRegistration(db, token, await darkJpeg(), nextIp(), "busy-upload-id-0001"),
      ).rejects.toMatchObject({
        code: "BUSY",
        status: 503,
      });
      expect(await failed()).toBe(0);
      release();
      await holding;
      await expect(
        submitSelfRegistration(db, token, await darkJpeg(), nextIp(), "busy-upload-id-0001"),
      ).rejects.toMatchObject({
        code: "TOO_DARK",
      });
      expect(await failed()).toBe(1);
      // Back to a pool that may queue: the refused photo's template job can still hold the one
      // worker (it is made while the checks run, then dropped), and with no wait allowed at all the
      // next upload would be shed behind it.
      restore();
      await shutdownPortraitWorkers();
      const uploadId = "good-upload-id-0001";
      const first = await submitSelfRegistration(db, token, await frontalJpeg(), nextIp(), uploadId);
      // Its answer was lost; the page sends the same upload again and gets the same outcome.
      const again = await submitSelfRegistration(db, token, await frontalJpeg(), nextIp(), uploadId);
      expect(again).toEqual(first);
      const { counts, failedAttempts } = await getCampaignProgress(db, org.organizationId, campaign.id);
      expect(failedAttempts).toBe(1);
      expect(counts).toMatchObject({ failed_check: 1, uploaded: 1 });
    } finally {
      release();
      await shutdownPortraitWorkers();
      restore();
    }
  });
});
